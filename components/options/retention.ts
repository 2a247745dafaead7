/** Bounds and validation for the retention settings form. */
import { t } from '../../lib/i18n';
import { RETENTION_LIMITS, RETENTION_REVISION, type RetentionSettings } from '../../lib/settings';
import { count, minutesDuration } from '../../lib/wording/format';

export interface RetentionField {
  key: keyof typeof RETENTION_LIMITS;
  label: () => string;
  /** The unit, as a noun for any count ("days"). */
  unit: () => string;
  min: number;
  max: number;
  help: () => string;
  /** What a value means in time, shown under the field. */
  meaning?: (value: number) => string;
}

export const RETENTION_FIELDS: readonly RetentionField[] = [
  {
    key: 'eventsPerChannel',
    label: () => t('retention.eventsPerChannel'),
    unit: () => t('retention.unitEvents'),
    ...RETENTION_LIMITS.eventsPerChannel,
    help: () => t('retention.oldestFirst'),
  },
  {
    key: 'eventDays',
    label: () => t('retention.eventDays'),
    unit: () => t('retention.unitDays'),
    ...RETENTION_LIMITS.eventDays,
    help: () => t('retention.olderEvents'),
  },
  {
    key: 'chatPerChannel',
    label: () => t('retention.chatPerChannel'),
    unit: () => t('retention.unitLines'),
    ...RETENTION_LIMITS.chatPerChannel,
    help: () => t('retention.oldestFirst'),
    meaning: (lines) =>
      t('retention.chatHours', [
        minutesDuration(Math.round(lines / 60)),
        minutesDuration(Math.round(lines / 600)),
      ]),
  },
  {
    key: 'chatDays',
    label: () => t('retention.chatDays'),
    unit: () => t('retention.unitDays'),
    ...RETENTION_LIMITS.chatDays,
    help: () => t('retention.olderChat'),
  },
];

type RetentionLimit = RetentionField['key'];
export type RetentionDraft = Record<RetentionLimit, string>;
export type RetentionErrors = Partial<Record<RetentionLimit, string>>;

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
  const [min, max] = [count(field.min), count(field.max)];
  if (text === '') return { error: t('retention.enterNumber', [min, max]) };
  if (!/^\d+$/.test(text)) return { error: t('retention.enterWholeNumber', [min, max]) };
  const value = Number(text);
  if (value < field.min || value > field.max)
    return { error: t('retention.outOfRange', [min, max, field.unit()]) };
  return { value };
}

/** The settings when every field is valid, else the error of each invalid field. */
export function validateRetention(draft: RetentionDraft): {
  settings?: RetentionSettings;
  errors: RetentionErrors;
} {
  const errors: RetentionErrors = {};
  const values: Partial<RetentionSettings> = { revision: RETENTION_REVISION };
  for (const field of RETENTION_FIELDS) {
    const { value, error } = validateField(field, draft[field.key]);
    if (error) errors[field.key] = error;
    else values[field.key] = value;
  }
  return Object.keys(errors).length
    ? { errors }
    : { settings: values as RetentionSettings, errors };
}
