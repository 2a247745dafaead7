/**
 * Safe readers for untrusted Twitch payloads. Every value read from an event goes through
 * these, so a missing or oddly typed field degrades to a fallback instead of throwing.
 */
import { t } from '../i18n';
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(source: unknown, key: string): Json | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return isObject(value) ? value : undefined;
}

export function str(source: unknown, key: string): string | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function num(source: unknown, key: string): number | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

export function bool(source: unknown, key: string): boolean | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function arr(source: unknown, key: string): unknown[] {
  if (!isObject(source)) return [];
  const value = source[key];
  return Array.isArray(value) ? value : [];
}

/** The display name of a user named by `<prefix>_name` / `<prefix>_login` fields. */
export function userName(source: unknown, prefix: string, fallback?: string): string {
  return (
    str(source, `${prefix}_name`) ?? str(source, `${prefix}_login`) ?? fallback ?? t('chat.someone')
  );
}
