/** The listener's status, parsed where it is read: an older version's stored status reads safely. */
import { useMemo } from 'react';
import { parseListenerStatus, type ListenerStatus } from '../../lib/listener-protocol';
import { listenerStatus } from '../../lib/settings';
import { useStorageItem } from './use-storage-item';

/** `undefined` while loading, then the status as this version reads it. */
export function useListenerStatus(): ListenerStatus | undefined {
  const stored: unknown = useStorageItem(listenerStatus);
  return useMemo(() => (stored === undefined ? undefined : parseListenerStatus(stored)), [stored]);
}
