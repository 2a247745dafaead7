/** React binding for a WXT storage item: `undefined` while loading, then live values. */
import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { noteSettingRead } from '../common/PageErrorBoundary';

export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    // Should the page fail, the settings it read are the ones it offers to reset.
    noteSettingRead(item.key);
    let active = true;
    void item.getValue().then((v) => {
      if (active) setValue(v);
    });
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      active = false;
      unwatch();
    };
  }, [item]);
  return value;
}
