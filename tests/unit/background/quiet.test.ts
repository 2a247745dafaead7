import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  QUIET_END_ALARM,
  holdBack,
  releaseHeld,
  setSnooze,
  toggleSnooze,
} from '../../../lib/background/quiet';
import type { RecordedEvent } from '../../../lib/messaging';
import { heldNotifications, quietHours, snoozedUntil } from '../../../lib/settings';
import { makeEvent } from '../components/fixtures';

const favorite = { id: '100001' };
const settings = { enabled: true, types: {}, sound: false };
const HOUR = 60 * 60 * 1000;
/** An incoming raid on the favorite, received at `now`. */
const raid = (now: number): RecordedEvent =>
  makeEvent({
    type: 'channel.raid',
    version: '1',
    receivedAt: now,
    event: {
      from_broadcaster_user_name: 'Raider',
      to_broadcaster_user_id: favorite.id,
      viewers: 5,
    },
  });

describe('quiet time in the background', () => {
  let created: { id: string; message: string }[];

  beforeEach(() => {
    created = [];
    // The fake browser has no notifications: record what would be shown.
    vi.spyOn(browser.notifications, 'create').mockImplementation((async (
      id: string,
      options: { message: string },
    ) => {
      created.push({ id, message: options.message });
      return id;
    }) as never);
  });
  afterEach(() => vi.restoreAllMocks());

  it('lets notifications through when not snoozed and not in quiet hours', async () => {
    const now = Date.now();
    expect(await holdBack([raid(now)], settings, [favorite], now)).toBe(false);
    expect(await heldNotifications.getValue()).toBeNull();
  });

  it('holds back while snoozed, counts what would have notified, sets an alarm at the end', async () => {
    const now = Date.now();
    const until = await setSnooze('hour', now);
    expect(until).toBe(now + HOUR);
    expect(await holdBack([raid(now), raid(now)], settings, [favorite], now)).toBe(true);
    // Disabled notifications and other channels are not counted.
    expect(await holdBack([{ ...raid(now), channelId: 'other' }], settings, [favorite], now)).toBe(
      true,
    );
    expect((await heldNotifications.getValue())?.counts).toEqual({ 'channel.raid.to': 2 });
    expect((await fakeBrowser.alarms.get(QUIET_END_ALARM))?.scheduledTime).toBe(now + HOUR);
    expect(created).toEqual([]);
  });

  it('names in the summary the stretch from the first held event’s arrival to its end', async () => {
    const now = Date.now();
    await setSnooze('hour', now);
    // Recorded a moment before the background held it back.
    await holdBack([raid(now - 300)], settings, [favorite], now);
    await holdBack([raid(now + 100)], settings, [favorite], now + 200);
    await toggleSnooze(now + 1000);
    expect(created.map((n) => n.id)).toEqual([`away:${now - 300}:${now + 1000}`]);
  });

  it('tells one summary when the snooze is turned off, and nothing twice', async () => {
    const now = Date.now();
    await setSnooze('hour', now);
    await holdBack([raid(now), raid(now), raid(now)], settings, [favorite], now);
    expect(await toggleSnooze(now + 1000)).toBeNull();
    expect(created).toEqual([
      { id: `away:${now}:${now + 1000}`, message: 'While you were away: 3 raids' },
    ]);
    await releaseHeld(now + 2000);
    expect(created).toHaveLength(1);
    expect(await snoozedUntil.getValue()).toBeNull();
  });

  it('tells the summary at start-up when the snooze ran out while asleep', async () => {
    const now = Date.now();
    await setSnooze('hour', now);
    await holdBack([raid(now)], settings, [favorite], now);
    await releaseHeld(now + 30 * 60 * 1000);
    expect(created).toEqual([]);
    await releaseHeld(now + HOUR + 1);
    expect(created.map((n) => n.message)).toEqual(['While you were away: 1 raid']);
  });

  it('holds back during quiet hours and does not summarise nothing', async () => {
    const now = Date.now();
    // A quiet period around the current minute, whatever the time zone.
    const minutes = (n: number) => {
      const d = new Date(now + n * 60_000);
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    };
    await quietHours.setValue({ enabled: true, start: minutes(-5), end: minutes(30) });
    expect(await holdBack([], settings, [favorite], now)).toBe(true);
    expect(await heldNotifications.getValue()).toBeNull();
    await quietHours.setValue({ enabled: false, start: minutes(-5), end: minutes(30) });
    await releaseHeld(now);
    expect(created).toEqual([]);
  });
});
