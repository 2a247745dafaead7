/**
 * Settings cross a boundary twice: a settings file chosen by the user, and storage.sync written by
 * another computer or another version. Nothing from either may break the extension: each hostile
 * input here is refused (a file) or reset to its default and reported (a stored value).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_FOLLOW_NOTIFICATIONS,
  DEFAULT_RETENTION,
  MAX_FAVORITES,
  badgeMode,
  favorites,
  followNotificationSettings,
  mutedChannels,
  quietHours,
  retentionSettings,
  userSettings,
  type FavoriteChannel,
} from '../../lib/settings';
import {
  SETTINGS_FILE_MAX_BYTES,
  SETTINGS_FORMAT,
  applySettings,
  parseSettingsFile,
  readSettingsFile,
} from '../../lib/settings-file';
import {
  moveLocalSettingsToSync,
  retryUnsyncedSettings,
  settingResets,
} from '../../lib/synced-storage';
import { DEFAULT_QUIET_HOURS } from '../../lib/quiet';
import { installWebLocks } from './web-locks';
import { MAX_HIGHLIGHT_LINE_LENGTH, MAX_HIGHLIGHT_LINES } from '../../lib/for-you/rules';

const demo: FavoriteChannel = { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 };
const channel = (i: number): FavoriteChannel => ({
  id: String(200_000 + i),
  login: `streamer_${i}`,
  displayName: `Streamer ${i}`,
  addedAt: i,
});

const file = (settings: Record<string, unknown>) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version: 1, exportedAt: '2026-01-01', settings });

/** The quiet hours the security read found: a number where a time of day belongs. */
const BAD_QUIET_HOURS = { enabled: true, start: 5, end: '08:00' };

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe('a hostile settings file', () => {
  const refused = (settings: Record<string, unknown>) =>
    expect(parseSettingsFile(file(settings))).toEqual({
      ok: false,
      message: expect.stringMatching(/is not valid\. Nothing was changed/),
    });

  it('refuses quiet hours whose times are not times of day', () => {
    refused({ quietHours: BAD_QUIET_HOURS });
    refused({ quietHours: { enabled: true, start: '25:00', end: '08:00' } });
    refused({ quietHours: { enabled: true, start: 'x'.repeat(10_000), end: '08:00' } });
  });

  it('refuses follow notifications, the badge mode and muted channels that are not theirs', () => {
    refused({ followNotifications: {} });
    refused({ followNotifications: { ...DEFAULT_FOLLOW_NOTIFICATIONS, goLive: 'everyone' } });
    refused({ followNotifications: { ...DEFAULT_FOLLOW_NOTIFICATIONS, cooldownMinutes: 1e9 } });
    refused({ followNotifications: { ...DEFAULT_FOLLOW_NOTIFICATIONS, muted: [42] } });
    refused({ badgeMode: 'rainbow' });
    refused({ mutedChannels: [1, 2] });
    refused({ mutedChannels: Array.from({ length: 10_000 }, (_, i) => String(i)) });
  });

  it(`refuses more than ${MAX_FAVORITES} favorites, and the same favorite twice`, () => {
    refused({ favorites: Array.from({ length: MAX_FAVORITES + 1 }, (_, i) => channel(i)) });
    refused({ favorites: [demo, demo] });
    expect(
      parseSettingsFile(
        file({ favorites: Array.from({ length: MAX_FAVORITES }, (_, i) => channel(i)) }),
      ),
    ).toMatchObject({ ok: true });
  });

  it('refuses retention limits outside the form’s bounds', () => {
    refused({ retention: { ...DEFAULT_RETENTION, eventsPerChannel: 1 } });
    refused({ retention: { ...DEFAULT_RETENTION, chatDays: 1e12 } });
  });

  it('refuses each value its schema does not allow, and reads the old chat default as the new', () => {
    refused({ retention: { ...DEFAULT_RETENTION, eventDays: 30.5 } });
    refused({ retention: { ...DEFAULT_RETENTION, revision: '2' } });
    refused({ followNotifications: { ...DEFAULT_FOLLOW_NOTIFICATIONS, cooldownMinutes: 1.5 } });
    refused({ favorites: [{ ...demo, id: 'abc' }] });
    refused({ favorites: [{ ...demo, login: 'not a login' }] });
    refused({ favorites: [{ ...demo, displayName: '' }] });
    refused({ favorites: [{ ...demo, profileImageUrl: 'http://example.com/a.png' }] });
    refused({ favorites: [{ ...demo, addedAt: '1' }] });
    refused({ notificationSettings: { enabled: true, types: { x: 'yes' }, sound: false } });
    refused({ highlightWords: ['x'.repeat(MAX_HIGHLIGHT_LINE_LENGTH + 1)] });
    refused({ highlightUsers: Array.from({ length: MAX_HIGHLIGHT_LINES + 1 }, () => 'a') });
    refused({ notifyMentions: 'yes' });
    refused({ requestedAccess: { moderator: true, broadcaster: false, sendChat: 1 } });
    expect(
      parseSettingsFile(
        file({
          favorites: [{ ...demo, profileImageUrl: 'https://static-cdn.jtvnw.net/a.png', extra: 1 }],
          retention: { ...DEFAULT_RETENTION, revision: undefined, chatPerChannel: 20_000 },
          requestedAccess: { moderator: true, broadcaster: false, sendChat: false },
        }),
      ),
    ).toEqual({
      ok: true,
      ignored: [],
      settings: {
        // A field of a later version is kept.
        favorites: [{ ...demo, profileImageUrl: 'https://static-cdn.jtvnw.net/a.png', extra: 1 }],
        retention: DEFAULT_RETENTION,
        requestedAccess: { moderator: true, broadcaster: false, sendChat: false },
      },
    });
  });

  it('is all or nothing: one bad setting, and the good ones are not written either', async () => {
    const parsed = parseSettingsFile(file({ favorites: [demo], quietHours: BAD_QUIET_HOURS }));
    expect(parsed.ok).toBe(false);
    expect(await favorites.getValue()).toEqual([]);
    expect(await quietHours.getValue()).toEqual(DEFAULT_QUIET_HOURS);
  });

  it('is all or nothing when a write fails: those already written are put back', async () => {
    await favorites.setValue([channel(1)]);
    const set = vi.spyOn(badgeMode, 'setValue').mockRejectedValueOnce(new Error('storage is gone'));
    await expect(applySettings({ favorites: [demo], badgeMode: 'live' })).rejects.toThrow(
      'storage is gone',
    );
    expect(await favorites.getValue()).toEqual([channel(1)]);
    expect(await badgeMode.getValue()).toBe('unseen');
    set.mockRestore();
  });

  it('leaves out constructor and __proto__ as unknown keys, and reads the rest', async () => {
    const text = `{"format":"${SETTINGS_FORMAT}","version":1,"settings":{"__proto__":{"favorites":[]},"constructor":{"x":1},"toString":1,"favorites":[${JSON.stringify(demo)}]}}`;
    const parsed = parseSettingsFile(text);
    expect(parsed).toEqual({
      ok: true,
      settings: { favorites: [demo] },
      ignored: ['__proto__', 'constructor', 'toString'],
    });
    if (!parsed.ok) return;
    expect(Object.getPrototypeOf(parsed.settings)).toBe(Object.prototype);
    expect(await applySettings(parsed.settings)).toEqual(['favorites']);
    expect(await favorites.getValue()).toEqual([demo]);
  });

  it('is refused by its size before it is read', async () => {
    const big = new Blob([' '.repeat(SETTINGS_FILE_MAX_BYTES + 1)]);
    const text = vi.spyOn(big, 'text');
    expect(await readSettingsFile(big)).toEqual({
      ok: false,
      message: expect.stringMatching(
        /too large.*\(257 KB; .* below 256 KB\)\. Nothing was changed/,
      ),
    });
    expect(text).not.toHaveBeenCalled();
    // The same limit holds for text handed over directly.
    expect(parseSettingsFile(' '.repeat(SETTINGS_FILE_MAX_BYTES + 1))).toMatchObject({
      ok: false,
    });
    // A real file is far below it.
    expect(await readSettingsFile(new Blob([file({ favorites: [demo] })]))).toMatchObject({
      ok: true,
    });
  });
});

describe('a hostile value in storage.sync', () => {
  it('quiet hours from another computer that are not valid read as the default, and are reset and reported', async () => {
    await fakeBrowser.storage.sync.set({ quietHours: BAD_QUIET_HOURS });
    expect(await quietHours.getValue()).toEqual(DEFAULT_QUIET_HOURS);
    expect(await fakeBrowser.storage.sync.get('quietHours')).toEqual({});
    expect(await settingResets.getValue()).toEqual([
      { key: 'quietHours', source: 'sync', at: expect.any(Number) },
    ]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/"quietHours" \(sync\)/),
      expect.anything(),
    );
  });

  it('settings read at once each leave their reset note (a page reads several together)', async () => {
    await fakeBrowser.storage.sync.set({
      followNotifications: {},
      badgeMode: 'rainbow',
      mutedChannels: 'all',
      quietHours: [],
    });
    await Promise.all(Object.values(userSettings).map((item) => item.getValue()));
    expect((await settingResets.getValue()).map((r) => r.key).sort()).toEqual([
      'badgeMode',
      'followNotifications',
      'mutedChannels',
      'quietHours',
    ]);
  });

  it('two contexts (a page and the background) reading bad settings at once each leave their note', async () => {
    const uninstall = installWebLocks();
    try {
      await fakeBrowser.storage.sync.set({ badgeMode: 'rainbow', mutedChannels: 'all' });
      // Each context has its own module instance: its own queue, the browser's lock.
      vi.resetModules();
      const page = await import('../../lib/settings');
      vi.resetModules();
      const background = await import('../../lib/settings');
      await Promise.all([page.badgeMode.getValue(), background.mutedChannels.getValue()]);
      expect((await settingResets.getValue()).map((r) => r.key).sort()).toEqual([
        'badgeMode',
        'mutedChannels',
      ]);
    } finally {
      uninstall();
    }
  });

  it('every setting reads its default instead of a value of the wrong shape', async () => {
    await fakeBrowser.storage.sync.set({
      favorites: { 0: demo },
      followNotifications: {},
      badgeMode: 'rainbow',
      mutedChannels: 'all',
      retention: { ...DEFAULT_RETENTION, eventDays: -1 },
      notificationSettings: { enabled: 'yes', types: {}, sound: false },
      requestedAccess: null,
      quietHours: [],
    });
    for (const [key, item] of Object.entries(userSettings))
      expect(await item.getValue(), key).toEqual(item.fallback);
    expect((await settingResets.getValue()).map((r) => r.key).sort()).toEqual([
      'badgeMode',
      'favorites',
      'followNotifications',
      'mutedChannels',
      'notificationSettings',
      'quietHours',
      'retention',
    ]);
  });

  it(`more than ${MAX_FAVORITES} favorites, or one twice, are not used`, async () => {
    await fakeBrowser.storage.sync.set({
      favorites: Array.from({ length: MAX_FAVORITES + 1 }, (_, i) => channel(i)),
    });
    expect(await favorites.getValue()).toEqual([]);
    await fakeBrowser.storage.sync.set({ favorites: [demo, demo] });
    expect(await favorites.getValue()).toEqual([]);
  });

  it('a chunk head naming a billion pieces is a bad value, not a hang', async () => {
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get');
    await fakeBrowser.storage.sync.set({ followNotifications: { $syncChunks: 1e9, rev: 'x' } });
    expect(await followNotificationSettings.getValue()).toEqual(DEFAULT_FOLLOW_NOTIFICATIONS);
    // No request for a billion keys was made, and the head is gone.
    for (const [keys] of get.mock.calls)
      if (Array.isArray(keys)) expect(keys.length).toBeLessThan(512);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    get.mockRestore();

    // Writing over a bad head, or removing it, does not trust its count either.
    await fakeBrowser.storage.sync.set({ badgeMode: { $syncChunks: 1e9, rev: 'x' } });
    await badgeMode.setValue('live');
    expect(await badgeMode.getValue()).toBe('live');
    await fakeBrowser.storage.sync.set({ mutedChannels: { $syncChunks: Infinity } });
    await mutedChannels.removeValue();
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ badgeMode: 'live' });
  });

  it('other bad chunk heads and pieces are bad values too', async () => {
    for (const head of [
      { $syncChunks: -1, rev: 'a' },
      { $syncChunks: 2.5, rev: 'a' },
      { $syncChunks: '3' },
      { $syncChunks: 2 },
    ]) {
      await fakeBrowser.storage.sync.set({ quietHours: head });
      expect(await quietHours.getValue(), JSON.stringify(head)).toEqual(DEFAULT_QUIET_HOURS);
    }
    // Every piece there, but together not JSON.
    await fakeBrowser.storage.sync.set({
      quietHours: { $syncChunks: 2, rev: 'r' },
      'quietHours.1': 'r|{"enabled":',
      'quietHours.2': 'r|tru',
    });
    expect(await quietHours.getValue()).toEqual(DEFAULT_QUIET_HOURS);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('a watcher is told the default when a bad value arrives', async () => {
    await badgeMode.setValue('live');
    const seen: unknown[] = [];
    const unwatch = badgeMode.watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.set({ badgeMode: { rainbow: true } });
    await vi.waitFor(() => expect(seen).toEqual(['unseen']));
    unwatch();
  });

  it('the copy kept on this computer after a refused write is checked too', async () => {
    await fakeBrowser.storage.sync.set({ badgeMode: 'live' });
    await fakeBrowser.storage.local.set({ 'unsyncedSetting.badgeMode': 'rainbow' });
    expect(await badgeMode.getValue()).toBe('live');
    expect(await fakeBrowser.storage.local.get('unsyncedSetting.badgeMode')).toEqual({});
    expect(await settingResets.getValue()).toEqual([
      { key: 'badgeMode', source: 'local', at: expect.any(Number) },
    ]);

    // The retry of refused writes does not sync it either.
    await fakeBrowser.storage.local.set({ 'unsyncedSetting.quietHours': BAD_QUIET_HOURS });
    await retryUnsyncedSettings(userSettings);
    expect(await fakeBrowser.storage.sync.get('quietHours')).toEqual({});
    expect(await fakeBrowser.storage.local.get('unsyncedSetting.quietHours')).toEqual({});
  });

  it('a bad value an earlier version kept in local is not moved to sync', async () => {
    await fakeBrowser.storage.local.set({
      quietHours: BAD_QUIET_HOURS,
      retention: { ...DEFAULT_RETENTION, chatDays: 3 },
    });
    expect(await moveLocalSettingsToSync(userSettings)).toEqual(['retention']);
    expect(await fakeBrowser.storage.sync.get('quietHours')).toEqual({});
    expect(await quietHours.getValue()).toEqual(DEFAULT_QUIET_HOURS);
    expect(await retentionSettings.getValue()).toEqual({ ...DEFAULT_RETENTION, chatDays: 3 });
    expect(await fakeBrowser.storage.local.get(['quietHours', 'retention'])).toEqual({});
    expect(await settingResets.getValue()).toEqual([
      { key: 'quietHours', source: 'migration', at: expect.any(Number) },
    ]);
  });
});
