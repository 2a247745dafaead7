/**
 * The timeline: days, streams and their events, of which only the rows in and near the scroll box
 * are in the document (100,000 rows scroll as 30 do). Every row is one height, so a row's place is
 * its index; each tells screen readers its place in the whole, and the row holding the focus stays
 * while scrolled away (as the popup's "Live now"). A row of a stream offers its moment in the
 * stream's past broadcast ("Watch this moment"), looked up once per stream and only for the streams
 * of the rows in the document.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChannelName } from '../../lib/history/channels';
import { momentOf, type StreamSpan, type VideoLookup } from '../../lib/history/moment';
import type { TimelineRow } from '../../lib/history/timeline';
import type { TimelineList } from '../../lib/history/timeline-view';
import { spanOfGroup } from '../../lib/history/timeline-streams';
import { t } from '../../lib/i18n';
import { clockTime, dateTime } from '../../lib/wording/format';
import { eventView } from '../streamer/event-view';
import { windowRows } from '../popup/live-now';
import { WatchMoment } from '../moment/WatchMoment';
import { useStreamVideos } from '../moment/use-stream-videos';
import { dayHeading, streamHeading, streamTimes } from './history-words';

/** Every row's height (px): fixed, so the list knows where each row is without measuring it. */
export const ROW_HEIGHT = 36;
/** Up to this many rows, all are in the document. */
const WINDOW_FROM = 60;
const OVERSCAN = 8;
/** The scroll box's height until it is measured. */
const BOX_ESTIMATE = 640;

const TimeOf = ({ at }: { at: number }) => {
  const date = new Date(at);
  if (!Number.isFinite(date.getTime())) return null;
  return (
    <time
      dateTime={date.toISOString()}
      title={dateTime(date)}
      className="w-20 shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
    >
      {clockTime(date)}
    </time>
  );
};

const Row = memo(function Row({
  row,
  names,
  target,
  onStream,
  lookup,
  onWatch,
}: {
  row: TimelineRow;
  names: ReadonlyMap<string, ChannelName>;
  target: boolean;
  onStream: (key: string) => void;
  /** The past broadcast of the row's stream, once known. */
  lookup?: VideoLookup;
  onWatch?: (key: string) => void;
}) {
  const channel = (id: string) => names.get(id)?.displayName ?? id;
  if (row.kind === 'day')
    return (
      <span className="flex h-full items-end pb-1 text-sm font-bold" data-testid="timeline-day">
        {dayHeading(row.at)}
      </span>
    );
  if (row.kind === 'stream') {
    const times = streamTimes(row.group);
    return (
      <button
        type="button"
        onClick={() => onStream(row.group.key)}
        data-testid="timeline-stream"
        data-stream-key={row.group.key}
        className="flex h-full w-full min-w-0 items-center gap-2 rounded-md bg-zinc-100 px-2 text-left text-sm hover:bg-zinc-200 dark:bg-zinc-800 dark:hover:bg-zinc-700"
      >
        <span className="shrink-0 font-semibold">{channel(row.group.channelId)}</span>
        <span className="min-w-0 flex-1 truncate" data-field="stream-title">
          {streamHeading(row.group)}
        </span>
        {times && (
          <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{times}</span>
        )}
      </button>
    );
  }
  const at = row.kind === 'forYou' ? row.item.occurredAt : row.event.occurredAt;
  const moment = momentOf(lookup, at);
  const watch = moment && (
    <WatchMoment
      channelId={row.group.channelId}
      moment={moment}
      compact
      onPlay={() => onWatch?.(row.group.key)}
    />
  );
  if (row.kind === 'forYou')
    return (
      <span
        className="flex h-full items-center gap-2 pl-4 text-sm"
        data-testid="timeline-for-you"
        data-for-you-kind={row.item.kind}
      >
        <TimeOf at={row.item.occurredAt} />
        <span className="shrink-0 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          {t('history.forYou')}
        </span>
        <span className="min-w-0 flex-1 truncate">
          <span className="font-semibold">{row.item.senderName}</span> {row.item.text}
        </span>
        {watch}
      </span>
    );
  const view = eventView(row.event);
  return (
    <span
      className={`flex h-full items-center gap-2 rounded-md pl-4 text-sm ${target ? 'bg-amber-100 dark:bg-amber-900' : ''}`}
      data-testid="timeline-event"
      data-event-id={row.event.id}
      data-event-type={row.event.type}
    >
      <TimeOf at={row.event.occurredAt} />
      <span aria-hidden="true" className="w-6 shrink-0 text-center">
        {view.icon}
      </span>
      <span className="min-w-0 flex-1 truncate" title={view.text}>
        {view.text}
      </span>
      {view.amount && (
        <span className="shrink-0 rounded-full bg-twitch/15 px-2 text-xs font-semibold text-twitch-dark dark:bg-twitch/25 dark:text-violet-200">
          {view.amount}
        </span>
      )}
      {watch}
    </span>
  );
});

export function Timeline({
  rows,
  names,
  target,
  onStream,
  streams,
  onWatch,
}: {
  rows: TimelineList;
  names: ReadonlyMap<string, ChannelName>;
  /** A row's key to scroll to and mark (a search result opened). */
  target?: string;
  onStream: (key: string) => void;
  /** The streams the rows belong to, by stream id: their rows offer "Watch this moment". */
  streams?: ReadonlyMap<string, StreamSpan>;
  /** A row's moment was asked to play: the key of its stream group. */
  onWatch?: (key: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(BOX_ESTIMATE);
  const [focused, setFocused] = useState<string>();

  useLayoutEffect(() => {
    const measure = () => {
      const height = box.current?.clientHeight ?? 0;
      if (height > 0) setViewport(height);
    };
    measure();
    if (typeof ResizeObserver === 'undefined' || !box.current) return;
    const observer = new ResizeObserver(measure);
    observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  // Scrolled to once, when its row is there: not again as more pages of the record come in.
  const scrolledTo = useRef<string>(undefined);
  useEffect(() => {
    if (target === undefined || !box.current || scrolledTo.current === target) return;
    const index = rows.indexOfKey(target);
    if (index < 0) return;
    scrolledTo.current = target;
    // The row a little below the top, its stream's header likely in view above it.
    const top = Math.max(0, (index - 2) * ROW_HEIGHT);
    box.current.scrollTop = top;
    // The rows there are rendered on the scroll event; where the box did not move as asked (no
    // layout, or not that tall yet), none comes, so one is sent.
    if (box.current.scrollTop !== top) box.current.dispatchEvent(new Event('scroll'));
  }, [target, rows]);

  const focusedIndex = useMemo(
    () => (focused === undefined ? undefined : rows.indexOfKey(focused)),
    [focused, rows],
  );
  const indexes =
    rows.length <= WINDOW_FROM
      ? Array.from({ length: rows.length }, (_, index) => index)
      : windowRows(
          rows.length,
          { scrollTop, viewport, rowHeight: ROW_HEIGHT },
          OVERSCAN,
          focusedIndex,
        );
  const shown = indexes.map((index) => rows.row(index));
  const videos = useStreamVideos(useShownStreams(shown, streams));

  return (
    <div
      ref={box}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      className="h-[70vh] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="timeline-box"
    >
      <ul
        aria-label={t('history.timeline')}
        className="relative"
        style={{ height: rows.length * ROW_HEIGHT }}
        onFocus={(e) => setFocused(e.target.closest('li')?.dataset.key)}
        onBlur={(e) => {
          if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget))
            setFocused(undefined);
        }}
      >
        {indexes.map((index, i) => {
          const row = shown[i]!;
          const span = row.kind === 'day' ? undefined : streams && spanOfGroup(streams, row.group);
          return (
            <li
              key={row.key}
              data-key={row.key}
              aria-posinset={index + 1}
              aria-setsize={rows.length}
              aria-current={row.key === target ? 'true' : undefined}
              className="absolute inset-x-0"
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <Row
                row={row}
                names={names}
                target={row.key === target}
                onStream={onStream}
                lookup={span && row.kind !== 'stream' ? videos.get(span.streamId) : undefined}
                onWatch={onWatch}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The streams of the rows in the document, the same list while they stay the same streams. */
function useShownStreams(
  shown: readonly TimelineRow[],
  streams: ReadonlyMap<string, StreamSpan> | undefined,
): StreamSpan[] {
  const spans = new Map<string, StreamSpan>();
  if (streams)
    for (const row of shown) {
      if (row.kind === 'day') continue;
      const span = spanOfGroup(streams, row.group);
      if (span) spans.set(span.streamId, span);
    }
  const key = [...spans.keys()].join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => [...spans.values()], [key, streams]);
}
