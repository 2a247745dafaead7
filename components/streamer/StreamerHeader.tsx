import { browser } from 'wxt/browser';
import type { FavoriteChannel, ListenerStatus } from '../../lib/settings';
import { useChannelState } from './use-channel-state';
import { useNow } from '../hooks/use-now';
import { Avatar } from '../common/Avatar';
import { ListenerBadge } from './ListenerBadge';
import { t } from '../../lib/i18n';
import { count, relativeTime } from '../../lib/wording/format';

function LiveStatus({
  isLive,
  liveSince,
  lastLiveAt,
  now,
}: {
  isLive?: boolean;
  liveSince?: number;
  lastLiveAt?: number;
  now: number;
}) {
  if (isLive === undefined)
    return (
      <span className="text-sm text-zinc-600 dark:text-zinc-400">{t('streamer.checking')}</span>
    );
  const [label, badgeClass, detail] = isLive
    ? [
        t('common.live'),
        'bg-red-600 text-white',
        liveSince !== undefined && t('streamer.started', [relativeTime(liveSince, now)]),
      ]
    : [
        t('streamer.offline'),
        'bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100',
        lastLiveAt !== undefined && t('streamer.lastLive', [relativeTime(lastLiveAt, now)]),
      ];
  return (
    <span className="flex items-center gap-2 text-sm">
      <span className={`rounded px-1.5 py-0.5 text-xs font-bold tracking-wide ${badgeClass}`}>
        {label}
      </span>
      {detail && <span className="text-zinc-600 dark:text-zinc-400">{detail}</span>}
    </span>
  );
}

/** Who, whether they are live, what they are streaming, and whether the listener hears them. */
export function StreamerHeader({
  favorite,
  accountId,
  status,
}: {
  favorite: FavoriteChannel;
  /** The signed-in account: the recorded events it may see are the ones read. */
  accountId: string | undefined;
  status?: ListenerStatus;
}) {
  const state = useChannelState(favorite.id, accountId);
  const now = useNow();
  return (
    <header className="flex flex-wrap items-center gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <Avatar url={favorite.profileImageUrl} name={favorite.displayName} size={64} />
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">{favorite.displayName}</h1>
          <LiveStatus
            isLive={state.isLive}
            liveSince={state.liveSince}
            lastLiveAt={state.lastLiveAt}
            now={now}
          />
        </div>
        {state.title && (
          <p className="truncate text-base" data-testid="stream-title" title={state.title}>
            {state.title}
          </p>
        )}
        <p className="flex flex-wrap gap-x-4 text-sm text-zinc-600 dark:text-zinc-400">
          {state.gameName && (
            <span data-testid="stream-category">
              <span className="sr-only">{`${t('streamer.category')} `}</span>
              <span className="font-semibold text-twitch-dark dark:text-violet-300">
                {state.gameName}
              </span>
            </span>
          )}
          {state.isLive && state.viewerCount !== undefined && (
            <span data-testid="viewer-count">
              {t('live.viewers', state.viewerCount, [count(state.viewerCount)])}
            </span>
          )}
        </p>
      </div>
      <div className="space-y-1 text-right">
        <ListenerBadge status={status} />
        <a
          href={`https://www.twitch.tv/${encodeURIComponent(favorite.login)}`}
          target="_blank"
          rel="noopener noreferrer"
          className="text-sm text-twitch-dark underline-offset-2 hover:underline dark:text-violet-300"
        >
          {t('streamer.openOnTwitch')}
        </a>
        <a
          href={`${browser.runtime.getURL('/history.html')}?channel=${encodeURIComponent(favorite.id)}`}
          className="block text-sm text-twitch-dark underline-offset-2 hover:underline dark:text-violet-300"
        >
          {t('history.open')}
        </a>
      </div>
    </header>
  );
}
