import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { database, type StoredEvent } from '../../../lib/db/database';
import { startFeatures } from '../../../lib/background/feature';
import { RETENTION_ALARM, retentionFeature } from '../../../lib/background/retention';
import { authSession, favorites, retentionSettings } from '../../../lib/settings';

const DAY = 24 * 60 * 60 * 1000;

function event(n: number, receivedAt: number): StoredEvent {
  return {
    id: `former-${n}`,
    channelId: '100009',
    accountId: '100003',
    type: 'channel.follow',
    version: '2',
    noticeType: '',
    occurredAt: receivedAt,
    receivedAt,
    recent: 0,
    event: { n },
  };
}

describe('retention in the background', () => {
  it('prunes old rows when its alarm fires, signed out and with no favorite', async () => {
    await authSession.setValue(null);
    await favorites.setValue([]);
    await retentionSettings.setValue({
      eventsPerChannel: 1000,
      eventDays: 7,
      chatPerChannel: 1000,
      chatDays: 7,
    });
    startFeatures([retentionFeature]);
    // Its start prunes an empty database; the hourly alarm is there.
    await expect
      .poll(() => fakeBrowser.alarms.get(RETENTION_ALARM))
      .toMatchObject({ periodInMinutes: 60 });

    const now = Date.now();
    await database().events.bulkPut([event(1, now - 30 * DAY), event(2, now - DAY)]);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: RETENTION_ALARM,
      scheduledTime: now,
      periodInMinutes: 60,
      persistAcrossSessions: true,
    });
    await expect
      .poll(async () => (await database().events.toArray()).map((e) => e.id))
      .toEqual(['former-2']);
  });
});
