import type { ListenerStatus } from '../../lib/settings';

const stateText: Record<ListenerStatus['state'], string> = {
  not_configured: 'Not configured',
  signed_out: 'Signed out',
  no_favorite: 'No favorite streamer',
  starting: 'Starting…',
  connecting: 'Connecting to Twitch…',
  connected: 'Listening',
  reconnecting: 'Reconnecting…',
  error: 'Listener error',
};

const stateColor: Record<ListenerStatus['state'], string> = {
  not_configured: 'bg-zinc-400',
  signed_out: 'bg-zinc-400',
  no_favorite: 'bg-zinc-400',
  starting: 'bg-amber-500',
  connecting: 'bg-amber-500',
  connected: 'bg-green-600',
  reconnecting: 'bg-amber-500',
  error: 'bg-red-600',
};

/** The listener's state in one line: is the extension hearing this channel right now? */
export function ListenerBadge({ status }: { status?: ListenerStatus }) {
  if (!status) return null;
  const detail = status.state !== 'connected' ? status.detail : undefined;
  return (
    <p
      className="flex items-center gap-2 text-sm"
      data-testid="listener-status"
      data-state={status.state}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-2.5 w-2.5 rounded-full ${stateColor[status.state]}`}
      />
      <span>
        <span className="sr-only">Listener: </span>
        {stateText[status.state]}
      </span>
      {detail && <span className="text-zinc-600 dark:text-zinc-400">— {detail}</span>}
    </p>
  );
}
