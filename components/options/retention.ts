/** Bounds and validation for the retention settings form. */
import type { RetentionSettings } from '../../lib/settings';

export interface RetentionField {
  key: keyof RetentionSettings;
  label: string;
  unit: string;
  min: number;
  max: number;
  help: string;
}

export const RETENTION_FIELDS: readonly RetentionField[] = [
  {
    key: 'eventsPerChannel',
    label: 'Events kept per channel',
    unit: 'events',
    min: 100,
    max: 100_000,
    help: 'The oldest go first.',
  },
  {
    key: 'eventDays',
    label: 'Keep events for',
    unit: 'days',
    min: 1,
    max: 3_650,
    help: 'Older events are deleted.',
  },
  {
    key: 'chatPerChannel',
    label: 'Chat lines kept per channel',
    unit: 'lines',
    min: 100,
    max: 200_000,
    help: 'The oldest go first.',
  },
  {
    key: 'chatDays',
    label: 'Keep chat for',
    unit: 'days',
    min: 1,
    max: 365,
    help: 'Older chat lines are deleted.',
  },
];

export type RetentionDraft = Record<keyof RetentionSettings, string>;
export type RetentionErrors = Partial<Record<keyof RetentionSettings, string>>;

export function draftOf(settings: RetentionSettings): RetentionDraft {
  return {
    eventsPerChannel: String(settings.eventsPerChannel),
    eventDays: String(settings.eventDays),
    chatPerChannel: String(settings.chatPerChannel),
    chatDays: String(settings.chatDays),
  };
}

export function validateField(
  field: RetentionField,
  raw: string,
): { value?: number; error?: string } {
  const text = raw.trim();
  const range = `between ${field.min.toLocaleString('en-US')} and ${field.max.toLocaleString('en-US')}`;
  if (text === '') return { error: `Enter a number ${range}.` };
  if (!/^\d+$/.test(text)) return { error: `Enter a whole number ${range}.` };
  const value = Number(text);
  if (value < field.min || value > field.max) return { error: `Must be ${range} ${field.unit}.` };
  return { value };
}

/** The settings when every field is valid, else the error of each invalid field. */
export function validateRetention(draft: RetentionDraft): {
  settings?: RetentionSettings;
  errors: RetentionErrors;
} {
  const errors: RetentionErrors = {};
  const values: Partial<RetentionSettings> = {};
  for (const field of RETENTION_FIELDS) {
    const { value, error } = validateField(field, draft[field.key]);
    if (error) errors[field.key] = error;
    else values[field.key] = value;
  }
  return Object.keys(errors).length
    ? { errors }
    : { settings: values as RetentionSettings, errors };
}
