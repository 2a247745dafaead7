/** How each listener state is named and coloured, wherever the status is shown. */
import type { ConnectionState } from '../../lib/settings';

export const listenerStateLabel: Record<ConnectionState, string> = {
  not_configured: 'Not configured',
  signed_out: 'Signed out',
  no_favorite: 'No favorite streamer yet',
  starting: 'Starting…',
  connecting: 'Connecting to Twitch…',
  connected: 'Listening',
  reconnecting: 'Reconnecting',
  error: 'Error',
};

/** Tailwind classes for the status dot. */
export const listenerStateDot: Record<ConnectionState, string> = {
  not_configured: 'bg-zinc-400',
  signed_out: 'bg-zinc-400',
  no_favorite: 'bg-zinc-400',
  starting: 'bg-amber-500',
  connecting: 'bg-amber-500',
  connected: 'bg-green-600',
  reconnecting: 'bg-amber-500',
  error: 'bg-red-600',
};
