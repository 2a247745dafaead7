/**
 * The settings file: every user setting (see `userSetting` in settings.ts) as JSON with a format
 * marker and a version, and its import — validated whole before anything is written, so a file
 * that is not ours, not JSON, from a newer version or with a bad value changes nothing.
 */
import { z } from 'zod';
import { userSettings, type SettingItem } from './settings';
import { t } from './i18n';
import { list } from './wording/format';

export const SETTINGS_FORMAT = 'companion-for-twitch/settings';
export const SETTINGS_FILE_VERSION = 1;
/** Far above any real settings file (storage.sync holds about 100 KB). */
export const SETTINGS_FILE_MAX_BYTES = 1_000_000;

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
});

export const settingLabel = (key: string) => labels()[key] ?? key;

const count = z.number().finite().positive();

/** What each known setting may hold. Unknown fields are kept (a newer build may add some). */
const SCHEMAS: Record<string, z.ZodType> = {
  favorites: z
    .array(
      z.looseObject({
        id: z.string().regex(/^\d{1,20}$/),
        login: z.string().regex(/^\w{1,25}$/),
        displayName: z.string().min(1).max(100),
        profileImageUrl: z
          .string()
          .max(2_000)
          .regex(/^https:\/\//)
          .optional(),
        addedAt: z.number().finite(),
      }),
    )
    .max(500),
  notificationSettings: z.looseObject({
    enabled: z.boolean(),
    types: z.record(z.string().max(200), z.boolean()),
    sound: z.boolean(),
  }),
  retention: z.looseObject({
    eventsPerChannel: count,
    eventDays: count,
    chatPerChannel: count,
    chatDays: count,
  }),
  requestedAccess: z.looseObject({
    moderator: z.boolean(),
    broadcaster: z.boolean(),
    sendChat: z.boolean(),
  }),
};

/** For a setting with no schema here: the same kind of JSON value as its default. */
function sameKind(value: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(value);
  if (fallback === null) return true;
  if (typeof fallback === 'object')
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === typeof fallback;
}

const envelope = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.number().int().positive(),
  settings: z.record(z.string(), z.unknown()),
});

export async function exportSettings(
  items: Record<string, SettingItem<unknown>> = userSettings,
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

/** Further checks of a setting's value, beyond its schema (the bounds a form enforces). */
export type SettingChecks = Record<string, (value: unknown) => boolean>;

/** Checks a settings file's text; nothing is written. */
export function parseSettingsFile(
  text: string,
  items: Record<string, SettingItem<unknown>> = userSettings,
  checks: SettingChecks = {},
): ParsedSettings {
  if (text.length > SETTINGS_FILE_MAX_BYTES)
    return { ok: false, message: t('settingsFile.tooLarge') };
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
  const file = envelope.safeParse(json);
  if (!file.success) return { ok: false, message: t('settingsFile.damaged') };

  const settings: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(file.data.settings)) {
    const item = items[key];
    if (!item) {
      ignored.push(key);
      continue;
    }
    const schema = SCHEMAS[key];
    const valid =
      (schema ? schema.safeParse(value).success : sameKind(value, item.fallback)) &&
      (checks[key]?.(value) ?? true);
    if (!valid)
      return {
        ok: false,
        message: t('settingsFile.invalidSetting', [settingLabel(key)]),
      };
    settings[key] = value;
  }
  return { ok: true, settings, ignored };
}

/** Writes imported settings; answers which of them differed from the current ones. */
export async function applySettings(
  settings: Record<string, unknown>,
  items: Record<string, SettingItem<unknown>> = userSettings,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const item = items[key];
    if (!item) continue;
    if (JSON.stringify(await item.getValue()) === JSON.stringify(value)) continue;
    await item.setValue(value);
    changed.push(key);
  }
  return changed;
}

/** The sentence that tells the user what an import did. */
export function describeImport(changed: string[], ignored: string[]): string {
  const what = changed.length
    ? t('settingsFile.imported', [list(changed.map(settingLabel))])
    : t('settingsFile.importedSame');
  return ignored.length ? `${what} ${t('settingsFile.ignored', [list(ignored)])}` : what;
}
