import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUIET_HOURS,
  addHeld,
  heldUntil,
  isQuietTime,
  minutesOfDay,
  nextLocalTime,
  parseTimeOfDay,
  quietEndsAt,
  snoozeEnd,
  type QuietHours,
} from '../../lib/quiet';
import { awaySummary, kindCount } from '../../lib/wording/away';

const UTC = 'UTC';
const NIGHT: QuietHours = { enabled: true, start: '23:00', end: '08:00' };
const AFTERNOON: QuietHours = { enabled: true, start: '13:00', end: '15:30' };
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('reads times of day and refuses anything else', () => {
    expect(parseTimeOfDay('23:00')).toBe(23 * 60);
    expect(parseTimeOfDay('8:05')).toBe(8 * 60 + 5);
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('12:60')).toBeUndefined();
    expect(parseTimeOfDay('noon')).toBeUndefined();
  });

  it('is off by default', () => {
    expect(DEFAULT_QUIET_HOURS.enabled).toBe(false);
    expect(isQuietTime(DEFAULT_QUIET_HOURS, at('2026-03-10T23:30:00Z'), UTC)).toBe(false);
  });

  it('tells inside from outside within one day, start included, end excluded', () => {
    expect(isQuietTime(AFTERNOON, at('2026-03-10T12:59:00Z'), UTC)).toBe(false);
    expect(isQuietTime(AFTERNOON, at('2026-03-10T13:00:00Z'), UTC)).toBe(true);
    expect(isQuietTime(AFTERNOON, at('2026-03-10T15:29:59Z'), UTC)).toBe(true);
    expect(isQuietTime(AFTERNOON, at('2026-03-10T15:30:00Z'), UTC)).toBe(false);
  });

  it('spans midnight', () => {
    expect(isQuietTime(NIGHT, at('2026-03-10T22:59:00Z'), UTC)).toBe(false);
    expect(isQuietTime(NIGHT, at('2026-03-10T23:00:00Z'), UTC)).toBe(true);
    expect(isQuietTime(NIGHT, at('2026-03-11T00:30:00Z'), UTC)).toBe(true);
    expect(isQuietTime(NIGHT, at('2026-03-11T07:59:00Z'), UTC)).toBe(true);
    expect(isQuietTime(NIGHT, at('2026-03-11T08:00:00Z'), UTC)).toBe(false);
    expect(isQuietTime(NIGHT, at('2026-03-11T12:00:00Z'), UTC)).toBe(false);
  });

  it('is off when disabled, invalid or empty', () => {
    const noon = at('2026-03-10T23:30:00Z');
    expect(isQuietTime({ ...NIGHT, enabled: false }, noon, UTC)).toBe(false);
    expect(isQuietTime({ ...NIGHT, start: 'late' }, noon, UTC)).toBe(false);
    expect(isQuietTime({ ...NIGHT, end: '23:00' }, noon, UTC)).toBe(false);
  });

  it('follows the time zone, not UTC', () => {
    // 05:00 UTC is midnight in New York (EST, UTC−5) and 14:00 in Tokyo.
    const instant = at('2026-01-15T05:00:00Z');
    expect(minutesOfDay(instant, 'America/New_York')).toBe(0);
    expect(minutesOfDay(instant, 'Asia/Tokyo')).toBe(14 * 60);
    expect(isQuietTime(NIGHT, instant, 'America/New_York')).toBe(true);
    expect(isQuietTime(NIGHT, instant, 'Asia/Tokyo')).toBe(false);
    // The end is 08:00 New York time, which is 13:00 UTC.
    expect(quietEndsAt(NIGHT, instant, 'America/New_York')).toBe(at('2026-01-15T13:00:00Z'));
  });

  it('ends at the next end time, the same night or the next morning', () => {
    expect(quietEndsAt(NIGHT, at('2026-03-10T23:15:00Z'), UTC)).toBe(at('2026-03-11T08:00:00Z'));
    expect(quietEndsAt(NIGHT, at('2026-03-11T03:00:00Z'), UTC)).toBe(at('2026-03-11T08:00:00Z'));
    expect(quietEndsAt(NIGHT, at('2026-03-11T09:00:00Z'), UTC)).toBeUndefined();
  });

  it('finds the local time across a daylight saving change', () => {
    // Europe/Berlin moves from UTC+1 to UTC+2 on 29 March 2026 at 02:00 local.
    const before = at('2026-03-28T23:30:00Z'); // 00:30 local, still winter time
    expect(nextLocalTime(8 * 60, before, 'Europe/Berlin')).toBe(at('2026-03-29T06:00:00Z'));
  });
});

describe('snooze', () => {
  const now = at('2026-03-10T15:20:00Z');

  it('lasts an hour', () => {
    expect(snoozeEnd('hour', DEFAULT_QUIET_HOURS, now, UTC)).toBe(now + 60 * 60 * 1000);
  });

  it('lasts until 08:00 tomorrow without quiet hours, or until the quiet period ends', () => {
    expect(snoozeEnd('tomorrow', DEFAULT_QUIET_HOURS, now, UTC)).toBe(at('2026-03-11T08:00:00Z'));
    const late = { ...NIGHT, end: '09:30' };
    expect(snoozeEnd('tomorrow', late, now, UTC)).toBe(at('2026-03-11T09:30:00Z'));
    expect(snoozeEnd('tomorrow', DEFAULT_QUIET_HOURS, now, 'Asia/Tokyo')).toBe(
      at('2026-03-10T23:00:00Z'), // 08:00 on 11 March in Tokyo
    );
  });

  it('turns off', () => {
    expect(snoozeEnd('off', NIGHT, now, UTC)).toBeNull();
  });

  it('holds notifications until the later of the snooze and the quiet period', () => {
    expect(heldUntil(DEFAULT_QUIET_HOURS, null, now, UTC)).toBeUndefined();
    expect(heldUntil(DEFAULT_QUIET_HOURS, now + 1000, now, UTC)).toBe(now + 1000);
    expect(heldUntil(DEFAULT_QUIET_HOURS, now - 1000, now, UTC)).toBeUndefined();
    const night = at('2026-03-11T07:30:00Z');
    expect(heldUntil(NIGHT, null, night, UTC)).toBe(at('2026-03-11T08:00:00Z'));
    expect(heldUntil(NIGHT, night + 60 * 60 * 1000, night, UTC)).toBe(night + 60 * 60 * 1000);
    expect(heldUntil(NIGHT, night + 60_000, night, UTC)).toBe(at('2026-03-11T08:00:00Z'));
  });
});

describe('what was held', () => {
  it('counts per kind', () => {
    expect(addHeld({ a: 1 }, ['a', 'b', 'a'])).toEqual({ a: 3, b: 1 });
  });

  it('sums up with the kinds’ names and counts, the most frequent first', () => {
    expect(awaySummary({ 'channel.raid.to': 3, 'channel.chat.notification/sub_gift': 41 })).toBe(
      'While you were away: 41 gifted subs, 3 raids',
    );
    expect(awaySummary({ 'channel.raid.to': 1, 'channel.poll.begin': 2 })).toBe(
      'While you were away: Polls started (2), 1 raid',
    );
    expect(awaySummary({ 'channel.chat.notification/sub_gift': 0 })).toBeUndefined();
    expect(awaySummary({})).toBeUndefined();
  });

  it('counts the common kinds in words, in the language’s numbers and plurals', () => {
    expect(kindCount('stream.online', 2)).toBe('2 streams started');
    expect(kindCount('channel.cheer', 1_200)).toBe('1,200 cheers');
    expect(kindCount('channel.chat.notification/raid', 1)).toBe('1 raid');
    expect(kindCount('channel.raid.to', 4)).toBe('4 raids');
  });

  it('counts any other kind by its name, without the qualifier', () => {
    expect(kindCount('channel.poll.begin', 2)).toBe('Polls started (2)');
    expect(kindCount('channel.chat.notification/announcement', 3)).toBe('Announcements (3)');
  });
});
