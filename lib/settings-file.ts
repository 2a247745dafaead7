/**
 * The settings file: every user setting (see `userSetting` in settings.ts) as JSON with a format
 * marker and a version, and its import — validated whole before anything is written, so a file
 * that is not ours, not JSON, from a newer version or with a bad value changes nothing.
 */
import * as z from 'zod/mini';
import { userSettings, type UserSetting } from './settings';
import { t } from './i18n';
import { count, list } from './wording/format';

export const SETTINGS_FORMAT = 'companion-for-twitch/settings';
export const SETTINGS_FILE_VERSION = 1;
/**
 * Far above any real settings file (everything in storage.sync is at most 100 KB, and a file is
 * written indented): a larger file is refused before it is read.
 */
export const SETTINGS_FILE_MAX_BYTES = 256 * 1024;

export interface SettingsFile {
  format: typeof SETTINGS_FORMAT;
  version: number;
  exportedAt: string;
  settings: Record<string, unknown>;
}

/** How the settings are named to the user; a setting without a name here is named by its key. */
const labels = (): Record<string, string> => ({
  favorites: t('settingsFile.label.favorites'),
  notificationSettings: t('streamer.notifications'),
  retention: t('retention.title'),
  requestedAccess: t('settingsFile.label.requestedAccess'),
  quietHours: t('quiet.title'),
  followNotifications: t('follows.goLive'),
  badgeMode: t('follows.badge'),
  mutedChannels: t('settingsFile.label.mutedChannels'),
});

export const settingLabel = (key: string) => (Object.hasOwn(labels(), key) ? labels()[key]! : key);

const envelope = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.int().check(z.positive()),
  settings: z.record(z.string(), z.unknown()),
});

export async function exportSettings(
  items: Record<string, UserSetting<unknown>> = userSettings,
  now = new Date(),
): Promise<SettingsFile> {
  const settings: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(items)) settings[key] = await item.getValue();
  return {
    format: SETTINGS_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings,
  };
}

export function settingsFileName(now = new Date()): string {
  return `companion-settings-${now.toISOString().slice(0, 10)}.json`;
}

export type ParsedSettings =
  | { ok: true; settings: Record<string, unknown>; ignored: string[] }
  | { ok: false; message: string };

/** The refusal of a file of `size` bytes, with its size and the limit. */
const tooLarge = (size: number): ParsedSettings => ({
  ok: false,
  message: t('settingsFile.tooLarge', [
    count(Math.ceil(size / 1024)),
    count(SETTINGS_FILE_MAX_BYTES / 1024),
  ]),
});

/**
 * Checks a settings file's text; nothing is written. Every setting in it must pass its schema
 * (the one it is read with from storage) or the whole file is refused; what is kept is the
 * parsed value. Keys are looked up as the file's own: one that names no setting of this version
 * (`constructor`, `__proto__` included) is left out and said so.
 */
export function parseSettingsFile(
  text: string,
  items: Record<string, UserSetting<unknown>> = userSettings,
): ParsedSettings {
  const size = new TextEncoder().encode(text).length;
  if (size > SETTINGS_FILE_MAX_BYTES) return tooLarge(size);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: t('settingsFile.notJson'),
    };
  }
  const marker = z.object({ format: z.literal(SETTINGS_FORMAT) }).safeParse(json);
  if (!marker.success) return { ok: false, message: t('settingsFile.notOurs') };
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > SETTINGS_FILE_VERSION)
    return {
      ok: false,
      message: t('settingsFile.newer', [String(version), String(SETTINGS_FILE_VERSION)]),
    };
  if (!envelope.safeParse(json).success) return { ok: false, message: t('settingsFile.damaged') };
  // The file's own object, not zod's copy of it: a "__proto__" key stays a key there.
  const inFile = (json as { settings: Record<string, unknown> }).settings;

  const settings: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(inFile)) {
    const item = Object.hasOwn(items, key) ? items[key] : undefined;
    if (!item) {
      ignored.push(key);
      continue;
    }
    const parsed = z.safeParse(item.schema, inFile[key]);
    if (!parsed.success)
      return {
        ok: false,
        message: t('settingsFile.invalidSetting', [settingLabel(key)]),
      };
    settings[key] = parsed.data;
  }
  return { ok: true, settings, ignored };
}

/** Checks a chosen file: its size before anything is read, then its text. */
export async function readSettingsFile(
  file: Blob,
  items: Record<string, UserSetting<unknown>> = userSettings,
): Promise<ParsedSettings> {
  if (file.size > SETTINGS_FILE_MAX_BYTES) return tooLarge(file.size);
  return parseSettingsFile(await file.text(), items);
}

/**
 * Writes imported settings, all or nothing: when a write fails, those already written are put
 * back as they were and the failure is thrown. Answers which settings differed from the current
 * ones.
 */
export async function applySettings(
  settings: Record<string, unknown>,
  items: Record<string, UserSetting<unknown>> = userSettings,
): Promise<string[]> {
  const changes: { key: string; item: UserSetting<unknown>; before: unknown; value: unknown }[] =
    [];
  for (const key of Object.keys(settings)) {
    const item = Object.hasOwn(items, key) ? items[key] : undefined;
    if (!item) continue;
    const before = await item.getValue();
    if (JSON.stringify(before) === JSON.stringify(settings[key])) continue;
    changes.push({ key, item, before, value: settings[key] });
  }
  const written: typeof changes = [];
  try {
    for (const change of changes) {
      written.push(change);
      await change.item.setValue(change.value);
    }
  } catch (error) {
    for (const change of written.reverse())
      await change.item.setValue(change.before).catch(() => {});
    throw error;
  }
  return changes.map((change) => change.key);
}

/** The sentence that tells the user what an import did. */
export function describeImport(changed: string[], ignored: string[]): string {
  const what = changed.length
    ? t('settingsFile.imported', [list(changed.map(settingLabel))])
    : t('settingsFile.importedSame');
  return ignored.length ? `${what} ${t('settingsFile.ignored', [list(ignored)])}` : what;
}
