/**
 * Which channel the streamer page shows: `?channel=<login>` in its address, or the first favorite
 * without one. Switching changes the address (so reloading or sharing the tab keeps it). A
 * channel removed from the favorites here stays on the page, so it can be added back.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FavoriteChannel } from '../../lib/settings';

const LOGIN = /^[a-z0-9_]{1,25}$/;

function channelInAddress(): string | undefined {
  const value = new URLSearchParams(location.search).get('channel')?.trim().toLowerCase();
  return value && LOGIN.test(value) ? value : undefined;
}

export function usePageChannel(favoriteList: FavoriteChannel[] | undefined): {
  /** The login asked for in the address, if any. */
  requested?: string;
  channel?: FavoriteChannel;
  select(login: string): void;
} {
  const [requested, setRequested] = useState(channelInAddress);
  const [remembered, setRemembered] = useState<FavoriteChannel>();

  useEffect(() => {
    const onPop = () => setRequested(channelInAddress());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const listed = requested ? favoriteList?.find((f) => f.login === requested) : favoriteList?.[0];
  // Remembered while rendering (React's way to keep state derived from props).
  if (listed && listed !== remembered) setRemembered(listed);

  const select = useCallback((login: string) => {
    const url = new URL(location.href);
    url.searchParams.set('channel', login);
    history.pushState(null, '', url);
    setRequested(login);
  }, []);

  const channel = listed ?? (requested && remembered?.login === requested ? remembered : undefined);
  return { requested, channel, select };
}
