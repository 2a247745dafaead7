import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_RETENTION,
  favorites,
  notificationSettings,
  retentionSettings,
} from '../../lib/settings';
import {
  SETTINGS_FORMAT,
  SETTINGS_FILE_VERSION,
  applySettings,
  describeImport,
  exportSettings,
  parseSettingsFile,
} from '../../lib/settings-file';

const demo = { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 };

const file = (settings: Record<string, unknown>, version = SETTINGS_FILE_VERSION) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version, exportedAt: '2026-01-01', settings });

describe('the settings file', () => {
  it('exports every user setting with the format marker and version', async () => {
    await favorites.setValue([demo]);
    const exported = await exportSettings(undefined, new Date('2026-05-01T10:00:00Z'));
    expect(exported).toMatchObject({
      format: 'companion-for-twitch/settings',
      version: 1,
      exportedAt: '2026-05-01T10:00:00.000Z',
    });
    expect(exported.settings.favorites).toEqual([demo]);
    expect(exported.settings.retention).toEqual(DEFAULT_RETENTION);
    expect(exported.settings.notificationSettings).toEqual({
      enabled: true,
      types: {},
      sound: false,
    });
    expect(exported.settings).not.toHaveProperty('authSession');
  });

  it('refuses text that is not JSON', () => {
    const parsed = parseSettingsFile('{ not json');
    expect(parsed).toEqual({ ok: false, message: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses JSON that is not ours', () => {
    for (const text of ['[]', '{"favorites": []}', JSON.stringify({ format: 'other', version: 1 })])
      expect(parseSettingsFile(text)).toEqual({
        ok: false,
        message: expect.stringMatching(/not a Companion for Twitch settings file/),
      });
  });

  it('refuses a file from a newer version', () => {
    expect(parseSettingsFile(file({}, SETTINGS_FILE_VERSION + 1))).toEqual({
      ok: false,
      message: expect.stringMatching(/newer version.*Update the extension/),
    });
  });

  it('refuses a file with a malformed value, naming the setting', () => {
    const bad = [
      { retention: { ...DEFAULT_RETENTION, chatDays: -1 } },
      { favorites: [{ ...demo, login: '<script>' }] },
      { notificationSettings: { enabled: 'yes', types: {}, sound: false } },
    ];
    for (const settings of bad)
      expect(parseSettingsFile(file(settings))).toMatchObject({
        ok: false,
        message: expect.stringMatching(/is not valid\. Nothing was changed/),
      });
    expect(parseSettingsFile(JSON.stringify({ format: SETTINGS_FORMAT, version: 1 }))).toEqual({
      ok: false,
      message: expect.stringMatching(/damaged/),
    });
  });

  it('accepts a valid file and leaves out what this version does not know', () => {
    const parsed = parseSettingsFile(file({ favorites: [demo], futureThing: 1 }));
    expect(parsed).toEqual({ ok: true, settings: { favorites: [demo] }, ignored: ['futureThing'] });
  });

  it('an import replaces the settings in the file, in sync, and says what changed', async () => {
    await retentionSettings.setValue(DEFAULT_RETENTION);
    const retention = { ...DEFAULT_RETENTION, chatDays: 3 };
    const parsed = parseSettingsFile(
      file({
        favorites: [demo],
        retention,
        notificationSettings: { enabled: true, types: {}, sound: false },
      }),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const changed = await applySettings(parsed.settings);
    expect(changed.sort()).toEqual(['favorites', 'retention']);
    expect(await favorites.getValue()).toEqual([demo]);
    expect(await retentionSettings.getValue()).toEqual(retention);
    expect((await fakeBrowser.storage.sync.get('retention')).retention).toEqual(retention);
    expect(await notificationSettings.getValue()).toEqual({
      enabled: true,
      types: {},
      sound: false,
    });
    expect(describeImport(changed, [])).toBe(
      'Settings imported. Changed: Favorite channels, Data kept.',
    );
    expect(describeImport([], ['x'])).toMatch(/Nothing changed.*not known to this version: x/);
  });

  it('round-trips: an exported file imports back to the same settings', async () => {
    await favorites.setValue([demo]);
    await notificationSettings.setValue({
      enabled: false,
      types: { 'stream.online': true },
      sound: true,
    });
    const text = JSON.stringify(await exportSettings());
    await favorites.setValue([]);
    await notificationSettings.removeValue();
    const parsed = parseSettingsFile(text);
    if (!parsed.ok) throw new Error(parsed.message);
    await applySettings(parsed.settings);
    expect(await favorites.getValue()).toEqual([demo]);
    expect(await notificationSettings.getValue()).toEqual({
      enabled: false,
      types: { 'stream.online': true },
      sound: true,
    });
  });
});
