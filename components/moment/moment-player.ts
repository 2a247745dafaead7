/**
 * What the page's player shows: the channel live, or a moment of a past broadcast, or a clip.
 * Rows and the Clips region ask for it (`play`); the player (`MomentPlayer`) shows it. One page
 * has one player: the choice is kept here, for the channel it was made on (another channel's
 * player is live again).
 */
import { useCallback, useSyncExternalStore } from 'react';

export type PlayerTarget =
  | { kind: 'video'; videoId: string; seconds: number }
  | { kind: 'clip'; slug: string; title: string };

let current: { channelId: string; target: PlayerTarget } | undefined;
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Plays `target` in the player of channel `channelId`; undefined goes back to live. */
export function playInPage(channelId: string, target: PlayerTarget | undefined): void {
  current = target ? { channelId, target } : undefined;
  for (const listener of listeners) listener();
}

/** Nothing chosen any more: every channel's player is live again (or empty, where none is). */
export function stopPlaying(): void {
  playInPage('', undefined);
}

export function useMomentPlayer(channelId: string): {
  target: PlayerTarget | undefined;
  play(target: PlayerTarget | undefined): void;
} {
  const chosen = useSyncExternalStore(subscribe, () => current);
  const play = useCallback(
    (target: PlayerTarget | undefined) => playInPage(channelId, target),
    [channelId],
  );
  return { target: chosen?.channelId === channelId ? chosen.target : undefined, play };
}
