import { useEffect, useId, useMemo, useState } from 'react';
import { sortLive } from '../../lib/follows/go-live';
import { sendMessage } from '../../lib/messaging';
import { favorites, liveStreams, type AuthProfile, type LiveStream } from '../../lib/settings';
import { FOLLOWS_SCOPE } from '../../lib/twitch/catalog';
import { Avatar } from '../common/Avatar';
import { ErrorAlert } from '../common/ErrorAlert';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useNow } from '../hooks/use-now';
import { useStorageItem } from '../hooks/use-storage-item';
import { matchesFilter, uptime, viewers } from './live-now';
import { SearchBox } from '../common/SearchBox';
import { t } from '../../lib/i18n';
import { count, relativeTime } from '../../lib/wording/format';

function LiveRow({
  stream,
  favorite,
  now,
  onToggle,
  busy,
}: {
  stream: LiveStream;
  favorite: boolean;
  now: number;
  onToggle: () => void;
  busy: boolean;
}) {
  return (
    <li className="flex items-center gap-1" data-testid="live-channel" data-login={stream.login}>
      <button
        type="button"
        onClick={() => void sendMessage('openStreamerPage', { channel: stream.login })}
        className="flex min-w-0 flex-1 items-center gap-2 rounded-md p-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <Avatar url={stream.profileImageUrl} name={stream.displayName} size={32} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className="truncate font-semibold" data-field="name">
              {stream.displayName}
            </span>
            <span className="ml-auto shrink-0 text-xs text-red-700 dark:text-red-300">
              {viewers(stream.viewerCount)}
            </span>
          </span>
          <span className="flex gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            <span className="truncate">{stream.gameName || t('live.noCategory')}</span>
            <span className="ml-auto shrink-0" title={t('live.liveFor')}>
              {uptime(stream.startedAt, now)}
            </span>
          </span>
          {stream.title && <span className="block truncate text-xs">{stream.title}</span>}
        </span>
      </button>
      <button
        type="button"
        aria-pressed={favorite}
        aria-label={t('live.favorite', [stream.displayName])}
        title={favorite ? t('live.removeFavorite') : t('live.addFavorite')}
        disabled={busy}
        onClick={onToggle}
        className={`shrink-0 rounded-md p-1 text-lg leading-none hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800 ${favorite ? 'text-amber-500' : 'text-zinc-400'}`}
      >
        <span aria-hidden="true">{favorite ? '★' : '☆'}</span>
      </button>
    </li>
  );
}

/** Who of the followed channels is live now: favorites first, then by viewers; filterable. */
export function LiveNow({ profile }: { profile: AuthProfile }) {
  const live = useStorageItem(liveStreams);
  const favoriteList = useStorageItem(favorites);
  const [filter, setFilter] = useState('');
  const { run, busy, error } = useBackgroundAction();
  const now = useNow(15_000);
  const id = useId();
  const allowed = profile.scopes.includes(FOLLOWS_SCOPE);

  useEffect(() => {
    if (allowed) void sendMessage('popupOpened', undefined).catch(() => undefined);
  }, [allowed]);

  const favoriteIds = useMemo(() => new Set((favoriteList ?? []).map((f) => f.id)), [favoriteList]);
  const sorted = useMemo(
    () => sortLive(live?.streams ?? [], favoriteIds),
    [live?.streams, favoriteIds],
  );
  const shown = sorted.filter((s) => matchesFilter(s, filter));

  let body;
  if (!allowed) {
    body = (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="follows-missing">
        {t('live.followsMissing')}
      </p>
    );
  } else if (!live || live.fetchedAt === 0) {
    body = live?.error ? (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t('live.loadFailed', [live.error])}
      </p>
    ) : (
      <p aria-busy="true" className="text-sm">
        {t('live.loading')}
      </p>
    );
  } else {
    body = (
      <>
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="live-fetched">
          {live.error
            ? t('live.refreshFailed', [live.error, relativeTime(live.fetchedAt, now)])
            : t('live.updated', [relativeTime(live.fetchedAt, now)])}
        </p>
        {sorted.length > 0 && (
          <SearchBox label={t('live.filter')} value={filter} onChange={setFilter} />
        )}
        <ErrorAlert error={error} />
        {sorted.length === 0 ? (
          <p className="text-sm">{t('live.none')}</p>
        ) : shown.length === 0 ? (
          <p className="text-sm">{t('live.noMatch', [filter.trim()])}</p>
        ) : (
          <ul aria-label={t('live.title')} className="max-h-72 space-y-0.5 overflow-y-auto">
            {shown.map((stream) => (
              <LiveRow
                key={stream.channelId}
                stream={stream}
                favorite={favoriteIds.has(stream.channelId)}
                now={now}
                busy={busy}
                onToggle={() =>
                  void run(() =>
                    sendMessage('toggleFavorite', {
                      id: stream.channelId,
                      login: stream.login,
                      displayName: stream.displayName,
                      profileImageUrl: stream.profileImageUrl,
                    }),
                  )
                }
              />
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {t('live.title')}
        {live && live.fetchedAt > 0 && allowed && (
          <span className="ml-1 text-sm font-normal text-zinc-600 dark:text-zinc-400">
            {t('common.parenthesized', [count(sorted.length)])}
          </span>
        )}
      </h2>
      {body}
    </section>
  );
}
