/**
 * Quiet hours and snooze: when notifications are held back, until when, and what a snooze
 * choice means. Pure decisions over a time and a time zone; events are recorded regardless.
 */

/** A daily quiet period in local time ("23:00" to "08:00" spans midnight). */
export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", 24-hour, local time. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: false, start: '23:00', end: '08:00' };

/** When "until tomorrow" ends without quiet hours: 08:00 local. */
export const MORNING = '08:00';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
export const HOUR_MS = 60 * MINUTE;

export type SnoozeChoice = 'hour' | 'tomorrow' | 'off';

/** The browser's own time zone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Minutes since midnight of "HH:MM", or undefined when it is not a valid time of day. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since local midnight at `at` in `timeZone`. */
export function minutesOfDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (value('hour') % 24) * 60 + value('minute');
}

/** The quiet period's bounds in minutes, or undefined when it is off, invalid or empty. */
function boundsOf(quiet: QuietHours): { start: number; end: number } | undefined {
  if (!quiet.enabled) return undefined;
  const start = parseTimeOfDay(quiet.start);
  const end = parseTimeOfDay(quiet.end);
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end };
}

/** Whether `at` falls within the quiet period (start included, end excluded). */
export function isQuietTime(quiet: QuietHours, at: number, timeZone: string): boolean {
  const bounds = boundsOf(quiet);
  if (!bounds) return false;
  const minute = minutesOfDay(at, timeZone);
  return bounds.start < bounds.end
    ? minute >= bounds.start && minute < bounds.end
    : minute >= bounds.start || minute < bounds.end;
}

/**
 * The first instant after `at` when the local clock in `timeZone` reads `minuteOfDay` (a day
 * that skips that minute, at a daylight saving change, gives the instant the clock jumps past it).
 */
export function nextLocalTime(minuteOfDay: number, at: number, timeZone: string): number {
  const startOfMinute = Math.floor(at / MINUTE) * MINUTE;
  let wait = (minuteOfDay - minutesOfDay(startOfMinute, timeZone) + DAY_MINUTES) % DAY_MINUTES;
  if (wait === 0) wait = DAY_MINUTES;
  let candidate = startOfMinute + wait * MINUTE;
  // A daylight saving change in between moves the local clock: correct by the difference.
  const drift = (minuteOfDay - minutesOfDay(candidate, timeZone) + DAY_MINUTES) % DAY_MINUTES;
  if (drift !== 0) candidate += (drift > DAY_MINUTES / 2 ? drift - DAY_MINUTES : drift) * MINUTE;
  return candidate <= at ? candidate + DAY_MINUTES * MINUTE : candidate;
}

/** When the current quiet period ends, or undefined when `at` is not in one. */
export function quietEndsAt(quiet: QuietHours, at: number, timeZone: string): number | undefined {
  const bounds = boundsOf(quiet);
  if (!bounds || !isQuietTime(quiet, at, timeZone)) return undefined;
  return nextLocalTime(bounds.end, at, timeZone);
}

/**
 * Until when notifications are held back at `at`: the later of the snooze and the quiet period,
 * or undefined when they are shown.
 */
export function heldUntil(
  quiet: QuietHours,
  snoozedUntil: number | null,
  at: number,
  timeZone: string,
): number | undefined {
  const snooze = snoozedUntil !== null && snoozedUntil > at ? snoozedUntil : undefined;
  const quietEnd = quietEndsAt(quiet, at, timeZone);
  if (snooze === undefined) return quietEnd;
  if (quietEnd === undefined) return snooze;
  return Math.max(snooze, quietEnd);
}

/**
 * When a snooze chosen at `at` ends: an hour later, or "tomorrow" — the end of the quiet period
 * when quiet hours are set, else the next 08:00 local. Null turns snoozing off.
 */
export function snoozeEnd(
  choice: SnoozeChoice,
  quiet: QuietHours,
  at: number,
  timeZone: string,
): number | null {
  if (choice === 'off') return null;
  if (choice === 'hour') return at + HOUR_MS;
  const end = boundsOf(quiet)?.end ?? parseTimeOfDay(MORNING)!;
  return nextLocalTime(end, at, timeZone);
}

/** Adds the kinds of events held back to the counts so far (a new object). */
export function addHeld(counts: Record<string, number>, kinds: string[]): Record<string, number> {
  const next = { ...counts };
  for (const kind of kinds) next[kind] = (next[kind] ?? 0) + 1;
  return next;
}
