/** Identifiers and timestamps in Twitch's formats. */
import { randomBytes, randomUUID } from 'node:crypto';

export const uuid = (): string => randomUUID();

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lowercase alphanumeric string (Twitch tokens are 30 such characters). */
export function randomToken(length = 30): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return out;
}

/** Random id in the style of EventSub session ids. */
export function sessionId(): string {
  return `AgoQ${randomBytes(18).toString('base64url')}`;
}

/** RFC 3339 timestamp to the second, as Helix gives stream start times (`started_at`). */
export const isoSeconds = (ms: number = Date.now()): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let lastNs = 0n;
/** RFC 3339 timestamp with nanosecond precision, strictly increasing within this process. */
export function nanoTimestamp(date?: Date): string {
  if (date) return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  let ns = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  if (ns <= lastNs) ns = lastNs + 1n;
  lastNs = ns;
  const ms = Number(ns / 1_000_000n);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}
