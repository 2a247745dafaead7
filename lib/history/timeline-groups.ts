/**
 * Which stream each row of the timeline belongs to, known from the channels' stream-state events
 * alone (go-lives, go-offlines and title changes: few beside the rest), so that any stretch of the
 * timeline can be grouped without reading the events around it. A stream is a channel's
 * `stream.online` … `stream.offline`, titled with its title and category (the go-live's, else the
 * last heard before it; each `channel.update` during the stream changes them). Events outside any
 * stream are grouped per channel and day.
 */
import type { StoredEvent } from '../db/database';
import { str } from '../twitch/fields';

export const STREAM_TYPES = new Set(['stream.online', 'stream.offline', 'channel.update']);

/** One stream of a channel, or the time a channel was not live. */
export interface StreamGroup {
  /** `<channelId>:<online event id>`, or `<channelId>:offline:<day>` outside a stream. */
  key: string;
  channelId: string;
  /** False for the events recorded while the channel was not live. */
  live: boolean;
  /** The `stream.online`'s time, when it was recorded. */
  startedAt?: number;
  /** The `stream.offline`'s time, when it was recorded. */
  endedAt?: number;
  /** Twitch's stream id (`stream.online`'s `id`). */
  streamId?: string;
  title?: string;
  category?: string;
}

/** A local calendar day, `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * `dayOf` for many times in a row: the day's bounds are kept, so times of the same day (rows come
 * in time order) cost no date arithmetic.
 */
export function dayMemo(): (at: number) => string {
  let start = Infinity;
  let end = -Infinity;
  let day = '';
  return (at) => {
    if (at >= start && at < end) return day;
    const d = new Date(at);
    if (!Number.isFinite(d.getTime())) return dayOf(at);
    start = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    day = dayOf(at);
    return day;
  };
}

const titleOf = (e: StoredEvent) => str(e.event, 'title');
const categoryOf = (e: StoredEvent) => str(e.event, 'category_name') ?? str(e.event, 'game_name');

/** A go-live or go-offline: from it on (in time order), the channel is in `after` (or in none). */
interface Mark {
  occurredAt: number;
  receivedAt: number;
  after: StreamGroup | undefined;
}

/** Time order: `occurredAt`, then `receivedAt` (a burst of one millisecond in arrival order). */
const byTime = (a: Pick<Mark, 'occurredAt' | 'receivedAt'>, b: typeof a) =>
  a.occurredAt - b.occurredAt || a.receivedAt - b.receivedAt;

export class StreamGroups {
  /** Per channel, its go-lives and go-offlines in time order. */
  private readonly marks = new Map<string, Mark[]>();
  /** A go-live's own group, a go-offline's the stream it ends (none: it ended none). */
  private readonly own = new Map<string, StreamGroup | undefined>();
  private readonly offline = new Map<string, StreamGroup>();
  private readonly day = dayMemo();

  /** `states`: the stream-state events of every channel (any order; others are ignored). */
  constructor(states: Iterable<StoredEvent>) {
    const byChannel = new Map<string, StoredEvent[]>();
    const seen = new Set<string>();
    for (const e of states) {
      if (!STREAM_TYPES.has(e.type) || seen.has(e.id)) continue;
      seen.add(e.id);
      let rows = byChannel.get(e.channelId);
      if (!rows) byChannel.set(e.channelId, (rows = []));
      rows.push(e);
    }
    for (const [channelId, rows] of byChannel) {
      rows.sort(byTime);
      const marks: Mark[] = [];
      let open: StreamGroup | undefined;
      /** The latest title and category heard (they title the next stream too). */
      let heard: { title?: string; category?: string } = {};
      for (const e of rows) {
        if (e.type === 'stream.online') {
          open = {
            key: `${channelId}:${e.id}`,
            channelId,
            live: true,
            startedAt: e.occurredAt,
            streamId: str(e.event, 'id'),
            title: titleOf(e) ?? heard.title,
            category: categoryOf(e) ?? heard.category,
          };
          this.own.set(e.id, open);
          marks.push({ occurredAt: e.occurredAt, receivedAt: e.receivedAt, after: open });
        } else if (e.type === 'channel.update') {
          const title = titleOf(e);
          const category = categoryOf(e);
          heard = { title: title ?? heard.title, category: category ?? heard.category };
          if (open) {
            if (title !== undefined) open.title = title;
            if (category !== undefined) open.category = category;
          }
        } else {
          this.own.set(e.id, open);
          if (open) open.endedAt = e.occurredAt;
          open = undefined;
          marks.push({ occurredAt: e.occurredAt, receivedAt: e.receivedAt, after: undefined });
        }
      }
      this.marks.set(channelId, marks);
    }
  }

  /** The group of an event: the stream open when it happened, else its channel's day. */
  groupOf(e: Pick<StoredEvent, 'id' | 'channelId' | 'occurredAt' | 'receivedAt'>): StreamGroup {
    if (this.own.has(e.id))
      return this.own.get(e.id) ?? this.offlineGroup(e.channelId, e.occurredAt);
    return this.at(e.channelId, e) ?? this.offlineGroup(e.channelId, e.occurredAt);
  }

  /** The group of something else of a channel at a time (a "for you" item). */
  groupAt(channelId: string, occurredAt: number): StreamGroup {
    return (
      this.at(channelId, { occurredAt, receivedAt: Infinity }) ??
      this.offlineGroup(channelId, occurredAt)
    );
  }

  /** The stream open at a time: after the last go-live or go-offline at or before it. */
  private at(channelId: string, time: Pick<Mark, 'occurredAt' | 'receivedAt'>) {
    const marks = this.marks.get(channelId);
    if (!marks) return undefined;
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byTime(marks[mid]!, time) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : marks[lo - 1]!.after;
  }

  private offlineGroup(channelId: string, occurredAt: number): StreamGroup {
    const key = `${channelId}:offline:${this.day(occurredAt)}`;
    let group = this.offline.get(key);
    if (!group) this.offline.set(key, (group = { key, channelId, live: false }));
    return group;
  }
}
