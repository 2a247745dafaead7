/**
 * WXT's storage, with items that read nothing until they are asked.
 *
 * WXT's `storage.defineItem` reads its item's value as soon as the item is defined, to run an
 * `init` it may have, and throws the value away when it has none. Every page imports
 * `lib/settings.ts`, which defines every setting and piece of state: each page then read all of
 * them as it started, whether it used them or not — in the popup the 2,000 follows, the live
 * streams (again, besides its own read), the go-live memory and the session with its token, all
 * sent to the page and decoded on its main thread before the popup could show anything.
 *
 * `storage.defineItem` here returns an item that behaves as WXT's (the same `getValue`,
 * `setValue`, `watch`, `fallback`, metadata) but reads only when asked. An item with an `init` or
 * with migrations needs WXT's own start-up read, and gets WXT's item.
 */
import {
  storage as wxtStorage,
  type StorageItemKey,
  type WxtStorage,
  type WxtStorageItem,
  type WxtStorageItemOptions,
} from 'wxt/utils/storage';

function defineItem<TValue, TMetadata extends Record<string, unknown> = Record<string, never>>(
  key: StorageItemKey,
  options?: WxtStorageItemOptions<TValue>,
): WxtStorageItem<TValue, TMetadata> {
  if (options?.init || options?.migrations) {
    return wxtStorage.defineItem<TValue, TMetadata>(key, options as never);
  }
  const fallback = (options?.fallback ?? options?.defaultValue ?? null) as TValue;
  const metaKey = `${key}$` as StorageItemKey;
  const asMeta = (value: unknown) =>
    (value !== null && typeof value === 'object' && !Array.isArray(value)
      ? value
      : {}) as TMetadata;
  return {
    key,
    fallback,
    defaultValue: fallback,
    getValue: async () => (await wxtStorage.getItem<TValue>(key)) ?? fallback,
    setValue: (value) => wxtStorage.setItem(key, value ?? null),
    removeValue: (opts) => wxtStorage.removeItem(key, opts),
    getMeta: async () => asMeta(await wxtStorage.getMeta(key)),
    setMeta: (properties) => wxtStorage.setMeta(key, properties),
    removeMeta: (properties) => wxtStorage.removeMeta(key, properties as never),
    watch: (cb) =>
      wxtStorage.watch<TValue>(key, (next, old) => cb(next ?? fallback, old ?? fallback)),
    watchMeta: (cb) =>
      wxtStorage.watch<TMetadata>(metaKey, (next, old) => cb(asMeta(next), asMeta(old))),
    migrate: async () => {},
  };
}

export const storage: WxtStorage = {
  ...wxtStorage,
  defineItem: defineItem as WxtStorage['defineItem'],
};
export type { WxtStorageItem } from 'wxt/utils/storage';
