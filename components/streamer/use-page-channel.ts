/**
 * Which channel the streamer page shows: `?channel=<login>` in its address (any channel, a
 * favorite or not), or the first favorite without one. Switching changes the address (so
 * reloading or sharing the tab keeps it). A channel removed from the favorites here stays on the
 * page, so it can be added back.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FavoriteChannel } from '../../lib/settings';

const LOGIN = /^[a-z0-9_]{1,25}$/;

/** What the address asks for: a login, or what it has that is not one. */
function channelInAddress(): { login?: string; invalid?: string } {
  const value = new URLSearchParams(location.search).get('channel')?.trim();
  if (!value) return {};
  const login = value.toLowerCase();
  return LOGIN.test(login) ? { login } : { invalid: value.slice(0, 100) };
}

export function usePageChannel(favoriteList: FavoriteChannel[] | undefined): {
  /** The login asked for in the address, if any. */
  requested?: string;
  /** What the address asks for when it is not a login. */
  invalid?: string;
  /** The favorite shown (or the one just removed from the favorites here). */
  channel?: FavoriteChannel;
  select(login: string): void;
} {
  const [address, setAddress] = useState(channelInAddress);
  const [remembered, setRemembered] = useState<FavoriteChannel>();
  const requested = address.login;

  useEffect(() => {
    const onPop = () => setAddress(channelInAddress());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const listed = requested
    ? favoriteList?.find((f) => f.login === requested)
    : address.invalid
      ? undefined
      : favoriteList?.[0];
  // Remembered while rendering (React's way to keep state derived from props).
  if (listed && listed !== remembered) setRemembered(listed);

  const select = useCallback((login: string) => {
    const url = new URL(location.href);
    url.searchParams.set('channel', login);
    // A line shown (`&line=`) belongs to the channel it was in.
    url.searchParams.delete('line');
    history.pushState(null, '', url);
    setAddress({ login });
  }, []);

  const channel = listed ?? (requested && remembered?.login === requested ? remembered : undefined);
  return { requested, invalid: address.invalid, channel, select };
}
