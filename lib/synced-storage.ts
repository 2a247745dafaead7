/**
 * Preferences kept in `storage.sync`, so every computer signed in to the same browser profile (or
 * Firefox account) gets them. The browser limits that area to about 100 KB in all, 8 KB per item
 * and 512 items, so a value too large for one item is split over several (`<key>`, `<key>.1`, …),
 * written together in one call. A write the browser refuses is kept on this computer
 * (`local:unsyncedSetting.<key>`, read first) and the reason is kept for the options page until
 * a later write gets through: nothing the user chose is lost.
 *
 * Nothing read here is trusted: another computer, another version or a damaged profile may have
 * written anything. Every value read (from sync, from this computer, or moved from an earlier
 * version) is parsed with the setting's schema; one that fails it is reported
 * (`settingResets`, and a console warning), removed, and the default is used instead.
 */
import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { browser } from 'wxt/browser';
import { sharedQueue } from './concurrency';
import { storage, type WxtStorageItem } from './storage';
import { t } from './i18n';

/** `chrome.storage.sync.QUOTA_BYTES_PER_ITEM` (Firefox has the same limit): key plus JSON value. */
export const SYNC_ITEM_BYTES = 8_192;
/** `chrome.storage.sync.MAX_ITEMS` (Firefox has the same limit). */
export const SYNC_MAX_ITEMS = 512;
/** `chrome.storage.sync.QUOTA_BYTES`: everything in sync together (Firefox has the same limit). */
export const SYNC_TOTAL_BYTES = 102_400;
/** Room kept below the limit. */
const ITEM_BUDGET = SYNC_ITEM_BYTES - 192;

const UNSYNCED_PREFIX = 'unsyncedSetting.';

/**
 * Marks an item whose value is in `<key>.1` … `<key>.<n>`: pieces of its JSON text, each starting
 * with `<rev>|`, so that pieces of two different writes (another computer's sync arriving item by
 * item) are never joined.
 */
interface ChunkHead {
  $syncChunks: number;
  rev: string;
}

/** What a read answers while the pieces of a value have not all arrived. */
const INCOMPLETE = Symbol('incomplete');
/** What a read answers for a value that cannot be one: a bad chunk head, or pieces not JSON. */
const DAMAGED = Symbol('damaged');

/** Where a value that failed its setting's schema was found. */
export type SettingSource = 'sync' | 'local' | 'migration';

/** A stored setting that was not valid and was reset to its default, for the options page. */
export interface SettingReset {
  key: string;
  source: SettingSource;
  at: number;
}

/** At most this many resets are remembered, newest last. */
const MAX_RESETS = 20;

export const settingResets = storage.defineItem<SettingReset[]>('local:settingResets', {
  fallback: [],
});

/** The resets to show: whatever this computer's own list holds, only well-formed entries. */
export async function readSettingResets(): Promise<SettingReset[]> {
  const stored: unknown = await settingResets.getValue();
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (r): r is SettingReset =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as SettingReset).key === 'string' &&
      ['sync', 'local', 'migration'].includes((r as SettingReset).source) &&
      typeof (r as SettingReset).at === 'number',
  );
}

/**
 * The notes are read, changed and written in turn, in every context at once: settings read
 * together, by one page or by a page and the background, keep every note.
 */
const resetNotes = sharedQueue('companion:settingResets');

/** Tells that the stored `key` failed its schema: a console warning and a note for the page. */
async function reportInvalid(key: string, source: SettingSource, error: unknown): Promise<void> {
  console.warn(
    `Companion for Twitch: the setting "${key}" (${source}) is not valid and was reset to its default.`,
    error,
  );
  await resetNotes(async () => {
    const others = (await readSettingResets()).filter(
      (r) => !(r.key === key && r.source === source),
    );
    await settingResets.setValue([...others, { key, source, at: Date.now() }].slice(-MAX_RESETS));
  });
}

/** Forgets the reset of `key` (the user has seen it), or every reset. */
export async function dismissSettingReset(key?: string): Promise<void> {
  await resetNotes(async () => {
    const kept = key === undefined ? [] : (await readSettingResets()).filter((r) => r.key !== key);
    await settingResets.setValue(kept);
  });
}

/** Why the last write to `storage.sync` was refused, for the options page; null when all synced. */
export interface SyncProblem {
  message: string;
  /** Keys of the settings kept on this computer only. */
  keys: string[];
  at: number;
}

export const syncProblem = storage.defineItem<SyncProblem | null>('local:settingsSyncProblem', {
  fallback: null,
});

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** What the browser counts for one item: its key and its value as JSON. */
export function syncItemBytes(key: string, value: unknown): number {
  return bytes(key) + bytes(JSON.stringify(value));
}

const chunkKey = (key: string, index: number) => `${key}.${index}`;

/** Whether `value` claims to be a chunk head (well-formed or not). */
function claimsChunks(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, '$syncChunks');
}

/** A chunk head within the browser's own limits: no more pieces than sync can hold. */
function isChunkHead(value: unknown): value is ChunkHead {
  if (!claimsChunks(value)) return false;
  const { $syncChunks: count, rev } = value;
  return (
    Number.isInteger(count) &&
    (count as number) >= 1 &&
    (count as number) < SYNC_MAX_ITEMS &&
    typeof rev === 'string' &&
    rev.length <= 16 &&
    !rev.includes('|')
  );
}

/** The piece keys a head (even a bad one) may have left, bounded by what sync can hold. */
function pieceKeys(key: string, head: unknown): string[] {
  if (!claimsChunks(head)) return [];
  const count = head.$syncChunks;
  const n =
    typeof count === 'number' && Number.isFinite(count)
      ? Math.max(0, Math.min(Math.floor(count), SYNC_MAX_ITEMS - 1))
      : 0;
  return Array.from({ length: n }, (_, i) => chunkKey(key, i + 1));
}

/**
 * The items that store `value` under `key`: the value itself when it fits in one item, otherwise
 * a head naming the number of pieces and the pieces of its JSON text, each within the item limit.
 */
export function splitForSync(key: string, value: unknown): Record<string, unknown> {
  if (syncItemBytes(key, value) <= ITEM_BUDGET) return { [key]: value };
  const text = JSON.stringify(value);
  const rev = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const pieces: string[] = [];
  const room = ITEM_BUDGET - bytes(chunkKey(key, 9_999)) - 2 - rev.length - 1;
  let piece = '';
  let size = 0;
  for (const char of text) {
    // The piece is stored as a JSON string: count each character as it will be escaped.
    const charBytes = bytes(JSON.stringify(char)) - 2;
    if (size + charBytes > room) {
      pieces.push(piece);
      piece = '';
      size = 0;
    }
    piece += char;
    size += charBytes;
  }
  if (piece) pieces.push(piece);
  const items: Record<string, unknown> = { [key]: { $syncChunks: pieces.length, rev } };
  pieces.forEach((p, i) => (items[chunkKey(key, i + 1)] = `${rev}|${p}`));
  return items;
}

/**
 * Reads a value written by `splitForSync`: undefined when nothing is stored, `INCOMPLETE` while
 * its pieces are missing or from different writes, `DAMAGED` when the head is not one this code
 * could have written (more pieces than sync holds) or the whole is larger than sync or not JSON.
 */
async function readSynced(key: string): Promise<unknown> {
  const head = (await browser.storage.sync.get(key))[key];
  if (claimsChunks(head) && !isChunkHead(head)) return DAMAGED;
  if (!isChunkHead(head)) return head ?? undefined;
  const keys = pieceKeys(key, head);
  const stored = await browser.storage.sync.get(keys);
  const prefix = `${head.rev}|`;
  const pieces = keys.map((k) => stored[k]);
  if (!pieces.every((p) => typeof p === 'string' && p.startsWith(prefix))) return INCOMPLETE;
  const text = pieces.map((p) => (p as string).slice(prefix.length)).join('');
  if (bytes(text) > SYNC_TOTAL_BYTES) return DAMAGED;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return DAMAGED;
  }
}

function describeRefusal(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS/i.test(text)) return t('sync.tooOften');
  if (/quota/i.test(text)) return t('sync.tooLarge');
  return t('sync.failed', [text]);
}

async function noteUnsynced(key: string, error: unknown): Promise<void> {
  const problem = await syncProblem.getValue();
  const keys = [...new Set([...(problem?.keys ?? []), key])];
  const message = describeRefusal(error);
  // A retry refused the same way changes nothing the user sees.
  if (problem?.message === message && problem.keys.length === keys.length) return;
  await syncProblem.setValue({ message, keys, at: Date.now() });
}

async function noteSynced(key: string): Promise<void> {
  const problem = await syncProblem.getValue();
  if (!problem?.keys.includes(key)) return;
  const keys = problem.keys.filter((k) => k !== key);
  await syncProblem.setValue(keys.length ? { ...problem, keys } : null);
}

/** Writes `value` to `storage.sync`, removing pieces an earlier, longer value left behind. */
async function writeSynced(key: string, value: unknown): Promise<void> {
  const before = (await browser.storage.sync.get(key))[key];
  const items = splitForSync(key, value);
  await browser.storage.sync.set(items);
  const stale = pieceKeys(key, before).filter((k) => !(k in items));
  if (stale.length) await browser.storage.sync.remove(stale);
}

async function removeSynced(key: string): Promise<void> {
  const before = (await browser.storage.sync.get(key))[key];
  await browser.storage.sync.remove([key, ...pieceKeys(key, before)]);
}

/** A setting kept in sync: a WXT storage item that also carries the schema of its values. */
export type SyncedItem<T> = WxtStorageItem<T, Record<string, unknown>> & {
  /** What every value of this setting must be; parsed on each read and on import. */
  schema: $ZodType<T>;
};

/** The value `schema` makes of `value`, or undefined with the reason when it fails. */
function parseWith<T>(
  schema: $ZodType<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; error: unknown } {
  const parsed = safeParse(schema, value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error };
}

/**
 * A setting stored in `storage.sync` under `key` (split when large), with the interface of a WXT
 * storage item: `getValue`, `setValue`, `watch`, `removeValue`. Every value read is parsed with
 * `schema`: what fails it is reported, removed, and answered as `fallback`.
 */
export function defineSyncedItem<T>(key: string, fallback: T, schema: $ZodType<T>): SyncedItem<T> {
  const unsyncedKey = `${UNSYNCED_PREFIX}${key}`;
  const metaItem = storage.defineItem<T>(`sync:${key}`);

  /** The last value read whole, answered while a newer one is still arriving in pieces. */
  let lastWhole: T | undefined;

  const getValue = async (): Promise<T> => {
    const unsynced = (await browser.storage.local.get(unsyncedKey))[unsyncedKey];
    if (unsynced !== undefined && unsynced !== null) {
      const parsed = parseWith(schema, unsynced);
      if (parsed.ok) return parsed.value;
      // The copy kept on this computer is not valid: gone, and sync's value is read instead.
      await browser.storage.local.remove(unsyncedKey);
      await noteSynced(key);
      await reportInvalid(key, 'local', parsed.error);
    }
    const synced = await readSynced(key);
    if (synced === INCOMPLETE) return lastWhole ?? fallback;
    if (synced === undefined || synced === null) return (lastWhole = fallback);
    const parsed =
      synced === DAMAGED
        ? { ok: false as const, error: new Error('damaged chunk head or pieces') }
        : parseWith(schema, synced);
    if (parsed.ok) return (lastWhole = parsed.value);
    await removeSynced(key);
    await reportInvalid(key, 'sync', parsed.error);
    return (lastWhole = fallback);
  };

  const setValue = async (value: T): Promise<void> => {
    try {
      await writeSynced(key, value);
    } catch (error) {
      // Refused (quota, write rate, offline sync store): kept here until a write gets through.
      await browser.storage.local.set({ [unsyncedKey]: value });
      await noteUnsynced(key, error);
      return;
    }
    await browser.storage.local.remove(unsyncedKey);
    await noteSynced(key);
  };

  const removeValue = async (): Promise<void> => {
    await removeSynced(key);
    await browser.storage.local.remove(unsyncedKey);
    await noteSynced(key);
  };

  const watch = (cb: (newValue: T, oldValue: T) => void) => {
    let last: string | undefined;
    let lastValue: T = fallback;
    let active = true;
    let reading = Promise.resolve();
    // Read again on each change (the value may be in pieces, or kept here); a write in pieces
    // that also removes old pieces is told once.
    const refresh = () => {
      reading = reading
        .then(async () => {
          const value = await getValue();
          const text = JSON.stringify(value);
          if (!active || text === last) return;
          const previous = lastValue;
          last = text;
          lastValue = value;
          cb(value, previous);
        })
        .catch(() => {});
    };
    const onSync = (changes: Record<string, unknown>) => {
      if (Object.keys(changes).some((k) => k === key || k.startsWith(`${key}.`))) refresh();
    };
    const onLocal = (changes: Record<string, unknown>) => {
      if (unsyncedKey in changes) refresh();
    };
    browser.storage.sync.onChanged.addListener(onSync);
    browser.storage.local.onChanged.addListener(onLocal);
    return () => {
      active = false;
      browser.storage.sync.onChanged.removeListener(onSync);
      browser.storage.local.onChanged.removeListener(onLocal);
    };
  };

  return {
    key: `sync:${key}`,
    fallback,
    defaultValue: fallback,
    schema,
    getValue,
    setValue,
    removeValue,
    watch,
    getMeta: () => metaItem.getMeta(),
    setMeta: (properties) => metaItem.setMeta(properties),
    removeMeta: (properties) => metaItem.removeMeta(properties),
    watchMeta: (cb) => metaItem.watchMeta(cb),
    migrate: async () => {},
  };
}

/**
 * Moves values an earlier version kept in `storage.local` under the same keys to `storage.sync`,
 * once: a value already in sync (from another computer) wins, one that fails its schema is
 * reported and not moved, and the local copy is removed either way.
 */
export async function moveLocalSettingsToSync(
  items: Record<string, SyncedItem<unknown>>,
): Promise<string[]> {
  const moved: string[] = [];
  const stored = await browser.storage.local.get(Object.keys(items));
  for (const [key, item] of Object.entries(items)) {
    const old = stored[key];
    if (old === undefined || old === null) continue;
    if ((await readSynced(key)) === undefined) {
      const parsed = parseWith(item.schema, old);
      if (parsed.ok) {
        await item.setValue(parsed.value);
        moved.push(key);
      } else await reportInvalid(key, 'migration', parsed.error);
    }
    await browser.storage.local.remove([key, `${key}$`]);
  }
  return moved;
}

/** Tries again to sync the settings kept on this computer after a refused write. */
export async function retryUnsyncedSettings(
  items: Record<string, SyncedItem<unknown>>,
): Promise<void> {
  const unsynced = await browser.storage.local.get(
    Object.keys(items).map((key) => `${UNSYNCED_PREFIX}${key}`),
  );
  for (const [key, item] of Object.entries(items)) {
    const value = unsynced[`${UNSYNCED_PREFIX}${key}`];
    if (value === undefined || value === null) continue;
    // Read through the item: a value that fails its schema is reported and removed there.
    const parsed = parseWith(item.schema, value);
    if (parsed.ok) await item.setValue(parsed.value);
    else await item.getValue();
  }
}
