/** React binding for a WXT storage item: `undefined` while loading, then live values. */
import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { noteSettingRead } from '../common/PageErrorBoundary';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyItem = WxtStorageItem<any, Record<string, unknown>>;

/** Values read before the page's first render (`preloadStorageItems`), kept current since. */
const preloaded = new Map<string, unknown>();

/**
 * Reads `items` all at once, before the page's first render, and keeps their values current for
 * the page's life: `useStorageItem` then starts from them, so the first render already shows
 * them instead of `undefined` and a second render when each read comes back. A page awaits this
 * before it renders.
 */
export async function preloadStorageItems(items: AnyItem[]): Promise<void> {
  await Promise.all(
    items.map(async (item) => {
      // Watched first: a change while the read is under way wins over what the read saw.
      item.watch((value) => preloaded.set(item.key, value));
      const value: unknown = await item.getValue();
      if (!preloaded.has(item.key)) preloaded.set(item.key, value);
    }),
  );
}

export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(() => preloaded.get(item.key) as T | undefined);
  useEffect(() => {
    // Should the page fail, the settings it read are the ones it offers to reset.
    noteSettingRead(item.key);
    let active = true;
    const unwatch = item.watch((v) => setValue(v));
    // Read before the first render (and kept current, should it have changed since), or now.
    const read = preloaded.has(item.key)
      ? Promise.resolve(preloaded.get(item.key) as T)
      : item.getValue();
    void read.then((v) => {
      if (active) setValue(v);
    });
    return () => {
      active = false;
      unwatch();
    };
  }, [item]);
  return value;
}
