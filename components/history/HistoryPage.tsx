/**
 * "What did I miss" (`history.html`): every recorded event of every channel in a stretch of time —
 * since the last visit unless the address gives one (`?from=&to=`, the away summary's) — grouped
 * by day and by stream, filtered by channel, kind and "for you", searchable, exportable as shown.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { database } from '../../lib/db/database';
import { channelNames } from '../../lib/history/channels';
import {
  exportRows,
  timelineFileName,
  timelineToCsv,
  timelineToJson,
} from '../../lib/history/export';
import { hasForYou } from '../../lib/history/for-you';
import {
  initialChoice,
  parseAddress,
  rangeOf,
  type HistoryRange,
  type RangeChoice,
} from '../../lib/history/range';
import type { StreamGroup } from '../../lib/history/timeline';
import { spanOfGroup } from '../../lib/history/timeline-streams';
import { TimelineView, type TimelineList } from '../../lib/history/timeline-view';
import type { StreamSpan } from '../../lib/history/moment';
import type { SearchHit } from '../../lib/search/search';
import { authProfile, favorites, follows, historyLastVisit } from '../../lib/settings';
import { t } from '../../lib/i18n';
import { count, dateTime } from '../../lib/wording/format';
import { Button } from '../common/Button';
import { SearchBox } from '../common/SearchBox';
import { useStorageItem } from '../hooks/use-storage-item';
import { MomentPlayer } from '../moment/MomentPlayer';
import { stopPlaying, useMomentPlayer } from '../moment/moment-player';
import { ClipsOfStream } from '../moment/StreamClips';
import { downloadText } from '../options/download';
import { HistoryFilters, type ChannelChoice } from './HistoryFilters';
import { streamHeading, streamTimes } from './history-words';
import { SearchResults } from './SearchResults';
import { Timeline } from './Timeline';
import { useSearch } from './use-search';
import { holdsEvent, useTimeline } from './use-timeline';

const NO_KINDS: ReadonlySet<string> = new Set();

/** When the page was last here: read as it opens, written as it is left. */
function useLastVisit(): number | null | undefined {
  const [lastVisit, setLastVisit] = useState<number | null>();
  useEffect(() => {
    void historyLastVisit.getValue().then(setLastVisit, () => setLastVisit(null));
    const leave = () => void historyLastVisit.setValue(Date.now()).catch(() => undefined);
    const hidden = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, []);
  return lastVisit;
}

function Notice({ children, busy = false }: { children: React.ReactNode; busy?: boolean }) {
  return (
    <div
      aria-busy={busy || undefined}
      className="rounded-lg border border-zinc-200 bg-white p-6 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
    >
      {children}
    </div>
  );
}

/**
 * The stream chosen in the timeline: its player (a moment of its past broadcast a row asked for,
 * or one of its clips; nothing until one is chosen) and its Clips.
 */
function StreamPanel({
  group,
  channel,
  span,
}: {
  group: StreamGroup;
  channel: string;
  span: StreamSpan | undefined;
}) {
  const times = streamTimes(group);
  const panel = useRef<HTMLElement>(null);
  const { target } = useMomentPlayer(group.channelId);
  useEffect(() => {
    // Something to watch: the player into view (the timeline may have been scrolled far below).
    if (target) panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [target]);
  return (
    <section
      ref={panel}
      aria-label={streamHeading(group)}
      data-testid="stream-panel"
      data-stream-key={group.key}
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-semibold">
        {channel} · {streamHeading(group)}
      </h2>
      {times && <p className="text-sm text-zinc-600 dark:text-zinc-400">{times}</p>}
      <MomentPlayer channelId={group.channelId} host={location.host} />
      {span && <ClipsOfStream channelId={group.channelId} stream={span} />}
    </section>
  );
}

export function HistoryPage() {
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const followed = useStorageItem(follows);
  const lastVisit = useLastVisit();
  const address = useMemo(() => parseAddress(window.location.search), []);
  const [openedAt] = useState(() => Date.now());
  const [choice, setChoice] = useState<RangeChoice>(() => initialChoice(address));
  const [shownChannels, setShownChannels] = useState<ChannelChoice>(() =>
    address.channelId ? new Set([address.channelId]) : 'all',
  );
  const [hiddenKinds, setHiddenKinds] = useState<ReadonlySet<string>>(new Set());
  const [forYouOnly, setForYouOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<string>();
  const [selected, setSelected] = useState<string>();

  const accountId = session?.userId;
  const range: HistoryRange | undefined =
    lastVisit === undefined
      ? undefined
      : rangeOf(choice, { now: openedAt, lastVisit, given: address });
  const givenRange =
    address.from === undefined
      ? undefined
      : rangeOf('given', { now: openedAt, lastVisit: null, given: address });
  const read = useTimeline(session ? range : undefined, accountId);
  const data = read.status === 'ready' ? read.data : undefined;

  const names = useMemo(() => {
    const all = new Map(data?.names);
    for (const [id, name] of channelNames(
      [],
      [...(followed?.channels ?? []), ...(favoriteList ?? [])],
    ))
      all.set(id, name);
    return all;
  }, [data?.names, followed, favoriteList]);
  const channels = useMemo(() => {
    const ids = new Set(data?.channelIds);
    if (address.channelId) ids.add(address.channelId);
    const name = (id: string) => names.get(id)?.displayName ?? id;
    return [...ids].sort((a, b) => name(a).localeCompare(name(b)));
  }, [data?.channelIds, names, address.channelId]);
  const channelIds = shownChannels === 'all' ? undefined : [...shownChannels];
  const kinds = data?.kinds ?? NO_KINDS;
  // The rows of the filters chosen, built as the pages are read (again when a filter changes).
  const view = useMemo(
    () => data && new TimelineView(data.groups, { channelIds, hiddenKinds, forYouOnly }),
    // channelIds is derived from shownChannels; a new record (range, account) has new groups.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data?.groups, shownChannels, hiddenKinds, forYouOnly],
  );
  const rows = useMemo((): TimelineList | undefined => {
    if (!view || !data) return undefined;
    view.addPages(data.pages);
    return {
      length: view.length,
      row: (index) => view.row(index),
      indexOfKey: (key) => view.indexOfKey(key),
    };
  }, [view, data]);
  const shownCount = rows ? view!.shown : 0;
  const searchState = useSearch(query, channelIds, accountId);
  const streams = data?.streams;
  const selectedGroup = useMemo(
    () => (selected === undefined ? undefined : view?.groupOf(selected)),
    // rows: the groups shown change with each page read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, rows, selected],
  );

  useEffect(() => {
    document.title = t('history.title');
  }, []);

  // A stream's heading opens its panel; another stream's moment or clip leaves the player.
  const shownStream = useRef(selected);
  const openStream = useCallback((key: string) => {
    if (key !== shownStream.current) stopPlaying();
    shownStream.current = key;
    setSelected(key);
  }, []);
  // A row's "Watch this moment" opens its stream's panel, where it plays.
  const watchInStream = useCallback((key: string) => {
    shownStream.current = key;
    setSelected(key);
  }, []);

  const openEvent = (hit: SearchHit) => {
    setTarget(hit.id);
    if (rows && rows.indexOfKey(hit.id) >= 0) return;
    // Shown with every filter off, in a range that holds it.
    setShownChannels('all');
    setHiddenKinds(new Set());
    setForYouOnly(false);
    // Not in the range read (or still to be read: the timeline goes to it once it is).
    if (!data || (!holdsEvent(data, hit.id) && (data.done || hit.occurredAt < (range?.from ?? 0))))
      setChoice('all');
  };

  const exportAs = (format: 'json' | 'csv') => {
    const shown = exportRows(view?.rows() ?? [], names);
    if (format === 'csv')
      downloadText(timelineFileName('csv'), timelineToCsv(shown), 'text/csv;charset=utf-8');
    else downloadText(timelineFileName('json'), timelineToJson(shown), 'application/json');
  };

  let body;
  if (session === undefined || lastVisit === undefined) {
    body = <Notice busy>{t('common.loading')}</Notice>;
  } else if (session === null) {
    body = (
      <Notice>
        <p data-testid="history-signed-out">{t('history.signedOut')}</p>
      </Notice>
    );
  } else if (read.status === 'failed') {
    body = (
      <p
        role="alert"
        className="rounded-lg bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100"
      >
        {t('history.loadFailed', [read.error])}
      </p>
    );
  } else {
    body = (
      <div className="flex flex-col gap-4 md:flex-row">
        <aside className="md:w-72 md:shrink-0">
          {range && (
            <HistoryFilters
              channels={channels}
              names={names}
              shownChannels={shownChannels}
              onChannels={setShownChannels}
              kinds={kinds}
              hiddenKinds={hiddenKinds}
              onKinds={setHiddenKinds}
              forYouOffered={hasForYou(database())}
              forYouOnly={forYouOnly}
              onForYouOnly={setForYouOnly}
              range={range}
              givenRange={givenRange}
              onRange={setChoice}
            />
          )}
        </aside>
        <main className="min-w-0 flex-1 space-y-3">
          <SearchBox label={t('history.search')} value={query} onChange={setQuery} />
          <SearchResults state={searchState} names={names} onOpenEvent={openEvent} />
          {selectedGroup && (
            <StreamPanel
              group={selectedGroup}
              channel={names.get(selectedGroup.channelId)?.displayName ?? selectedGroup.channelId}
              span={streams && spanOfGroup(streams, selectedGroup)}
            />
          )}
          {read.status === 'loading' || !rows || (rows.length === 0 && !data?.done) ? (
            <Notice busy>{t('history.loading')}</Notice>
          ) : rows.length === 0 ? (
            <Notice>
              <p data-testid="history-empty">
                {choice === 'lastVisit' && range
                  ? t('history.empty', [dateTime(range.from)])
                  : t('history.emptyRange')}
              </p>
              {choice !== 'all' && (
                <Button variant="secondary" className="mt-3" onClick={() => setChoice('all')}>
                  {t('history.showEverything')}
                </Button>
              )}
            </Notice>
          ) : (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <p
                  className="flex-1 text-sm text-zinc-600 dark:text-zinc-400"
                  data-testid="history-count"
                >
                  {t('history.shown', shownCount, [count(shownCount)])}
                </p>
                <Button variant="secondary" onClick={() => exportAs('json')}>
                  {t('history.exportJson')}
                </Button>
                <Button variant="secondary" onClick={() => exportAs('csv')}>
                  {t('history.exportCsv')}
                </Button>
              </div>
              <Timeline
                rows={rows}
                names={names}
                target={target}
                onStream={openStream}
                streams={streams}
                onWatch={watchInStream}
              />
            </>
          )}
        </main>
      </div>
    );
  }

  return (
    <div className="min-h-screen bg-zinc-50 p-4 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <h1 className="mb-4 text-2xl font-bold">{t('history.title')}</h1>
      {body}
    </div>
  );
}
