import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  favorites,
  notificationSettings,
  retentionSettings,
  userSettings,
  type FavoriteChannel,
} from '../../lib/settings';
import {
  SYNC_ITEM_BYTES,
  moveLocalSettingsToSync,
  retryUnsyncedSettings,
  splitForSync,
  syncItemBytes,
  syncProblem,
} from '../../lib/synced-storage';

const channel = (i: number): FavoriteChannel => ({
  id: String(100_000 + i),
  login: `streamer_with_a_long_name_${i}`.slice(0, 25),
  displayName: `Streamer — ストリーマー ${i}`,
  profileImageUrl: `https://static-cdn.jtvnw.net/jtv_user_pictures/${'x'.repeat(60)}-${i}-profile_image-300x300.png`,
  addedAt: 1_700_000_000_000 + i,
});

/** A notification map with a switch for every kind there could ever be. */
const manyKinds = () =>
  Object.fromEntries(
    Array.from({ length: 600 }, (_, i) => [`channel.chat.notification/kind_${i}_é`, i % 2 === 0]),
  );

async function everySyncItem(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.sync.get(null);
}

describe('user settings in storage.sync', () => {
  it('are written to sync, not local', async () => {
    await retentionSettings.setValue({
      eventsPerChannel: 10,
      eventDays: 2,
      chatPerChannel: 30,
      chatDays: 4,
    });
    expect((await fakeBrowser.storage.sync.get('retention')).retention).toEqual({
      eventsPerChannel: 10,
      eventDays: 2,
      chatPerChannel: 30,
      chatDays: 4,
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('the favorites, notifications, retention and access are user settings; the session is not', () => {
    expect(Object.keys(userSettings)).toEqual(
      expect.arrayContaining(['favorites', 'notificationSettings', 'retention', 'requestedAccess']),
    );
    expect(Object.keys(userSettings)).not.toContain('authSession');
    expect(Object.keys(userSettings)).not.toContain('listenerStatus');
  });

  it('a large value is split so that no item passes 8 KB, and reads back whole', async () => {
    const value = { enabled: true, types: manyKinds(), sound: false };
    expect(syncItemBytes('notificationSettings', value)).toBeGreaterThan(3 * SYNC_ITEM_BYTES);
    await notificationSettings.setValue(value);
    const items = await everySyncItem();
    expect(Object.keys(items).length).toBeGreaterThan(3);
    for (const [key, item] of Object.entries(items))
      expect(syncItemBytes(key, item)).toBeLessThanOrEqual(SYNC_ITEM_BYTES);
    expect(await notificationSettings.getValue()).toEqual(value);

    // Shorter again: the pieces left over are removed, and it reads back as written.
    const small = { enabled: true, types: { 'stream.online': false }, sound: false };
    await notificationSettings.setValue(small);
    expect(Object.keys(await everySyncItem())).toEqual(['notificationSettings']);
    expect(await notificationSettings.getValue()).toEqual(small);
  });

  it('pieces of two different writes are never joined: the last whole value is kept', async () => {
    const first = { enabled: true, types: manyKinds(), sound: false };
    const second = { enabled: false, types: manyKinds(), sound: true };
    await notificationSettings.setValue(first);
    expect(await notificationSettings.getValue()).toEqual(first);
    // Another computer's write arrives item by item: its head and first piece only, so far.
    const arriving = splitForSync('notificationSettings', second);
    await fakeBrowser.storage.sync.set({
      notificationSettings: arriving.notificationSettings,
      'notificationSettings.1': arriving['notificationSettings.1'],
    });
    expect(await notificationSettings.getValue()).toEqual(first);
    await fakeBrowser.storage.sync.set(arriving);
    expect(await notificationSettings.getValue()).toEqual(second);
  });

  it('a per-kind notification map stays under 8 KB per item, whatever its characters', () => {
    const value = { enabled: true, types: manyKinds(), sound: false };
    const items = splitForSync('notificationSettings', value);
    expect(Object.keys(items).length).toBeGreaterThan(2);
    for (const [key, item] of Object.entries(items))
      expect(syncItemBytes(key, item)).toBeLessThanOrEqual(SYNC_ITEM_BYTES);
  });

  it('a watcher is told of a value written in pieces, once', async () => {
    const seen: unknown[] = [];
    const unwatch = notificationSettings.watch((value) => seen.push(value));
    const value = { enabled: false, types: manyKinds(), sound: true };
    await notificationSettings.setValue(value);
    await vi.waitFor(() => expect(seen).toEqual([value]));
    unwatch();
  });

  it('a write refused for quota keeps the value locally and says why', async () => {
    const list = [channel(1), channel(2)];
    const set = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await favorites.setValue(list);
    expect(await favorites.getValue()).toEqual(list);
    expect((await everySyncItem()).favorites).toBeUndefined();
    const problem = await syncProblem.getValue();
    expect(problem?.keys).toEqual(['favorites']);
    expect(problem?.message).toMatch(/larger than the browser lets an extension sync/);
    expect(problem?.message).toMatch(/saved on this computer/);

    // Once the browser takes it again, the value is synced and the problem is gone.
    set.mockRestore();
    await retryUnsyncedSettings(userSettings);
    expect((await everySyncItem()).favorites).toEqual(list);
    expect(await syncProblem.getValue()).toBeNull();
    expect(await fakeBrowser.storage.local.get('unsyncedSetting.favorites')).toEqual({});
  });
  it('a write refused for its rate says so, and the next write that gets through clears it', async () => {
    const set = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValue(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    await notificationSettings.setValue({ enabled: false, types: {}, sound: false });
    expect((await syncProblem.getValue())?.message).toMatch(/more often than the browser/);
    expect((await notificationSettings.getValue()).enabled).toBe(false);
    set.mockRestore();
    await notificationSettings.setValue({ enabled: false, types: {}, sound: true });
    expect(await syncProblem.getValue()).toBeNull();
    expect(
      (await fakeBrowser.storage.sync.get('notificationSettings')).notificationSettings,
    ).toEqual({ enabled: false, types: {}, sound: true });
  });
});

describe('moving settings from local to sync', () => {
  const oldRetention = { eventsPerChannel: 700, eventDays: 3, chatPerChannel: 900, chatDays: 1 };

  it('moves values found under the old local keys, once', async () => {
    await fakeBrowser.storage.local.set({
      retention: oldRetention,
      retention$: { v: 1 },
      notificationSettings: { enabled: false, types: { 'stream.online': false }, sound: true },
      authSession: { accessToken: 'kept-here' },
    });
    const moved = await moveLocalSettingsToSync(userSettings);
    expect(moved.sort()).toEqual(['notificationSettings', 'retention']);
    expect(await retentionSettings.getValue()).toEqual(oldRetention);
    expect((await everySyncItem()).retention).toEqual(oldRetention);
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local)).toEqual(['authSession']);

    // A second start finds nothing to move and leaves a newer value alone.
    await retentionSettings.setValue({ ...oldRetention, chatDays: 5 });
    expect(await moveLocalSettingsToSync(userSettings)).toEqual([]);
    expect((await retentionSettings.getValue()).chatDays).toBe(5);
  });

  it('a value already in sync wins over the old local one', async () => {
    const fromOtherComputer = { ...oldRetention, eventDays: 30 };
    await fakeBrowser.storage.sync.set({ retention: fromOtherComputer });
    await fakeBrowser.storage.local.set({ retention: oldRetention });
    expect(await moveLocalSettingsToSync(userSettings)).toEqual([]);
    expect(await retentionSettings.getValue()).toEqual(fromOtherComputer);
    expect(await fakeBrowser.storage.local.get('retention')).toEqual({});
  });
});
