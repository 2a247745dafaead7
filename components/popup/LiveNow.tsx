import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { sortLive } from '../../lib/follows/go-live';
import { sendMessage } from '../../lib/messaging';
import { favorites, liveStreams, type AuthProfile, type LiveStream } from '../../lib/settings';
import { FOLLOWS_SCOPE } from '../../lib/twitch/catalog';
import { Avatar } from '../common/Avatar';
import { ErrorAlert } from '../common/ErrorAlert';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useNow } from '../hooks/use-now';
import { useStorageItem } from '../hooks/use-storage-item';
import { matchesFilter, uptime, viewers, windowRows } from './live-now';
import { SearchBox } from '../common/SearchBox';
import { t } from '../../lib/i18n';
import { count, relativeTime } from '../../lib/wording/format';

function LiveRow({
  stream,
  favorite,
  now,
  onToggle,
  busy,
  position,
  size,
  top,
}: {
  stream: LiveStream;
  favorite: boolean;
  now: number;
  onToggle: () => void;
  busy: boolean;
  /** Its place in the whole list (from 1) and the list's length, for screen readers. */
  position: number;
  size: number;
  /** Where it sits in the list (px): only the rows near the scroll box are in the document. */
  top: number;
}) {
  return (
    <li
      className="absolute inset-x-0 flex items-center gap-1"
      style={{ top }}
      aria-posinset={position}
      aria-setsize={size}
      data-testid="live-channel"
      data-login={stream.login}
    >
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
          {/* Always there (empty without a title): every row is as tall as the one measured. */}
          <span className="block h-4 truncate text-xs">{stream.title}</span>
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

/** Up to this many rows, all are in the document (cheap enough, and found by the page's search). */
const WINDOW_FROM = 50;
/** Rows rendered beyond the scroll box on each side: Tab and Shift+Tab always find the next. */
const OVERSCAN = 4;
/** The space between rows (px). */
const ROW_GAP = 2;
/** A row's height with its gap, and the scroll box's (`max-h-72`), until they are measured. */
const ROW_ESTIMATE = 66;
const BOX_ESTIMATE = 288;

/**
 * The live channels as a list of which, beyond 50, only the rows in and near the scroll box are
 * in the document (a popup with 500 live channels would otherwise build all 500 before it can be
 * used).
 * It stays one list: each row tells screen readers its place in the whole, Tab moves from row to
 * row (the box scrolls to the focused one), and the row holding the focus stays while it is
 * scrolled away.
 */
function LiveList({
  streams,
  favoriteIds,
  now,
  busy,
  onToggle,
}: {
  streams: LiveStream[];
  favoriteIds: ReadonlySet<string>;
  now: number;
  busy: boolean;
  onToggle: (stream: LiveStream) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(BOX_ESTIMATE);
  const [rowHeight, setRowHeight] = useState(ROW_ESTIMATE);
  const [focused, setFocused] = useState<string>();

  useLayoutEffect(() => {
    const measure = () => {
      const row = list.current?.querySelector('li')?.getBoundingClientRect().height ?? 0;
      if (row > 0) setRowHeight(row + ROW_GAP);
      const height = box.current?.clientHeight ?? 0;
      if (height > 0) setViewport(height);
    };
    measure();
    if (typeof ResizeObserver === 'undefined' || !box.current) return;
    const observer = new ResizeObserver(measure);
    observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  const focusedIndex =
    focused === undefined ? undefined : streams.findIndex((s) => s.login === focused);
  const rows =
    streams.length <= WINDOW_FROM
      ? streams.map((_, index) => index)
      : windowRows(streams.length, { scrollTop, viewport, rowHeight }, OVERSCAN, focusedIndex);

  return (
    <div
      ref={box}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      className="max-h-72 overflow-y-auto"
    >
      <ul
        ref={list}
        aria-label={t('live.title')}
        className="relative"
        style={{ height: streams.length * rowHeight - ROW_GAP }}
        onFocus={(e) => setFocused(e.target.closest('li')?.dataset.login)}
        onBlur={(e) => {
          // Focus gone elsewhere in the page; not when the window loses it, or it comes back.
          if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget))
            setFocused(undefined);
        }}
      >
        {rows.map((index) => {
          const stream = streams[index]!;
          return (
            <LiveRow
              key={stream.channelId}
              stream={stream}
              favorite={favoriteIds.has(stream.channelId)}
              now={now}
              busy={busy}
              position={index + 1}
              size={streams.length}
              top={index * rowHeight}
              onToggle={() => onToggle(stream)}
            />
          );
        })}
      </ul>
    </div>
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
  const shown = useMemo(() => sorted.filter((s) => matchesFilter(s, filter)), [sorted, filter]);

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
          <LiveList
            streams={shown}
            favoriteIds={favoriteIds}
            now={now}
            busy={busy}
            onToggle={(stream) =>
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
