/**
 * "What did I miss": every recorded event of every channel in a stretch of time, newest first,
 * grouped by day and by stream. A stream is a channel's `stream.online` … `stream.offline`, titled
 * with its title and category (from the go-live the minute poll saw, and `channel.update`s).
 * Events outside any stream are grouped per channel and day. A happening told twice is shown once
 * (`oneRowPerHappening`); role-only rows only to their account (`visibleTo`).
 */
import Dexie from 'dexie';
import type { CompanionDatabase, StoredEvent } from '../db/database';
import { visibleTo } from '../db/visibility';
import { kindOf } from '../twitch/catalog';
import { str } from '../twitch/fields';
import { oneRowPerHappening } from '../twitch/happenings';
import type { ForYouItem } from './for-you';

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

export type TimelineRow =
  | { kind: 'day'; key: string; day: string; at: number }
  | { kind: 'stream'; key: string; group: StreamGroup; at: number }
  | { kind: 'event'; key: string; event: StoredEvent; group: StreamGroup }
  | { kind: 'forYou'; key: string; item: ForYouItem; group: StreamGroup };

export interface TimelineFilters {
  from: number;
  to: number;
  /** Only these channels; undefined: every channel. */
  channelIds?: readonly string[];
  /** Kinds (`kindOf`) left out. */
  hiddenKinds?: ReadonlySet<string>;
  /** Only the "for you" items. */
  forYouOnly?: boolean;
}

/** A local calendar day, `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Every channel with recorded events: one index read per channel (a skip from one channel's keys
 * to the next), not one per event.
 */
export async function recordedChannels(db: CompanionDatabase): Promise<string[]> {
  const ids: string[] = [];
  let key = await db.events.orderBy('[channelId+receivedAt]').firstKey();
  while (Array.isArray(key)) {
    const channelId = (key as unknown as [string, number])[0];
    ids.push(channelId);
    key = await db.events
      .where('[channelId+receivedAt]')
      .above([channelId, Dexie.maxKey])
      .firstKey();
  }
  return ids;
}

/**
 * The stream-state events of a channel just before `from` (newest last): what the first stream in
 * the range was titled, and whether the channel was live when the range began.
 */
async function stateBefore(
  db: CompanionDatabase,
  channelId: string,
  from: number,
  accountId: string | undefined,
): Promise<StoredEvent[]> {
  const before: StoredEvent[] = [];
  await db.events
    .where('[channelId+recent+receivedAt]')
    .between([channelId, 1, -Infinity], [channelId, 1, from], true, false)
    .reverse()
    .until((e) => e.type === 'stream.online' || e.type === 'stream.offline', true)
    .filter((e) => STREAM_TYPES.has(e.type) && visibleTo(e, accountId))
    .each((e) => void before.push(e));
  return before.reverse();
}

export interface TimelineData {
  /** The events in range that the account may see, each happening once, oldest first. */
  events: StoredEvent[];
  /** Per channel, its stream-state events just before the range (oldest first). */
  before: Map<string, StoredEvent[]>;
  /** The "for you" items in range, oldest first (none without their table). */
  forYou?: ForYouItem[];
  /** Each recorded channel's newest event, in range or not: what names the channel. */
  newest?: StoredEvent[];
}

/** Reads the events of a stretch of time that `accountId` may see (every kind, every channel). */
export async function readTimeline(
  db: CompanionDatabase,
  { from, to }: { from: number; to: number },
  accountId: string | undefined,
): Promise<TimelineData> {
  const events: StoredEvent[] = [];
  const before = new Map<string, StoredEvent[]>();
  const newest: StoredEvent[] = [];
  for (const channelId of await recordedChannels(db)) {
    const last = await db.events
      .where('[channelId+receivedAt]')
      .between([channelId, -Infinity], [channelId, Infinity])
      .last();
    if (last) newest.push(last);
    const rows = await db.events
      .where('[channelId+recent+receivedAt]')
      .between([channelId, 1, from], [channelId, 1, to], true, false)
      .filter((e) => visibleTo(e, accountId))
      .toArray();
    events.push(...oneRowPerHappening(rows));
    before.set(channelId, await stateBefore(db, channelId, from, accountId));
  }
  events.sort((a, b) => a.occurredAt - b.occurredAt || a.receivedAt - b.receivedAt);
  return { events, before, newest };
}

const titleOf = (e: StoredEvent) => str(e.event, 'title');
const categoryOf = (e: StoredEvent) => str(e.event, 'category_name') ?? str(e.event, 'game_name');

/**
 * Which group each event belongs to: walks each channel's events in time order, opening a stream
 * at `stream.online`, closing it at `stream.offline`, titling it from `channel.update`s.
 */
export function assignStreams(data: TimelineData): Map<StoredEvent | ForYouItem, StreamGroup> {
  const groups = new Map<StoredEvent | ForYouItem, StreamGroup>();
  const open = new Map<string, StreamGroup | undefined>();
  /** Per channel, the latest title and category heard (they title the next stream too). */
  const heard = new Map<string, { title?: string; category?: string }>();
  const offline = new Map<string, StreamGroup>();

  const apply = (e: StoredEvent, record: boolean) => {
    const channelId = e.channelId;
    const last = heard.get(channelId) ?? {};
    if (e.type === 'stream.online') {
      const group: StreamGroup = {
        key: `${channelId}:${e.id}`,
        channelId,
        live: true,
        startedAt: e.occurredAt,
        streamId: str(e.event, 'id'),
        title: titleOf(e) ?? last.title,
        category: categoryOf(e) ?? last.category,
      };
      open.set(channelId, group);
    } else if (e.type === 'channel.update') {
      const title = titleOf(e);
      const category = categoryOf(e);
      heard.set(channelId, { title: title ?? last.title, category: category ?? last.category });
      const current = open.get(channelId);
      if (current) {
        if (title !== undefined) current.title = title;
        if (category !== undefined) current.category = category;
      }
    }
    if (record) {
      let group = open.get(channelId);
      if (!group) {
        const day = dayOf(e.occurredAt);
        const key = `${channelId}:offline:${day}`;
        group = offline.get(key) ?? { key, channelId, live: false };
        offline.set(key, group);
      }
      groups.set(e, group);
    }
    if (e.type === 'stream.offline') {
      const current = open.get(channelId);
      if (current) current.endedAt = e.occurredAt;
      open.set(channelId, undefined);
    }
  };

  /** A "for you" item goes with its channel's stream open at its time. */
  const place = (item: ForYouItem) => {
    let group = open.get(item.channelId);
    if (!group) {
      const key = `${item.channelId}:offline:${dayOf(item.occurredAt)}`;
      group = offline.get(key) ?? { key, channelId: item.channelId, live: false };
      offline.set(key, group);
    }
    groups.set(item, group);
  };

  for (const rows of data.before.values()) for (const e of rows) apply(e, false);
  const items = data.forYou ?? [];
  let next = 0;
  for (const e of data.events) {
    while (next < items.length && items[next]!.occurredAt < e.occurredAt) place(items[next++]!);
    apply(e, true);
  }
  while (next < items.length) place(items[next++]!);
  return groups;
}

/** Whether an event passes the channel and kind filters (the range was read already). */
export function passes(event: StoredEvent, filters: Omit<TimelineFilters, 'from' | 'to'>): boolean {
  if (filters.channelIds && !filters.channelIds.includes(event.channelId)) return false;
  if (filters.hiddenKinds?.size && filters.hiddenKinds.has(kindOf(event))) return false;
  return true;
}

/**
 * The rows of the timeline, newest first: a day, then each stream with events that day (the one
 * with the newest event first), its header and its events.
 */
export function timelineRows(
  data: TimelineData,
  filters: Omit<TimelineFilters, 'from' | 'to'>,
): TimelineRow[] {
  const groups = assignStreams(data);
  type Entry = { at: number; channelId: string; event?: StoredEvent; item?: ForYouItem };
  const entries: Entry[] = [];
  // Newest first; rows of the same millisecond (a burst) too, in the order they were recorded.
  if (!filters.forYouOnly)
    for (let i = data.events.length - 1; i >= 0; i -= 1) {
      const event = data.events[i]!;
      if (passes(event, filters))
        entries.push({ at: event.occurredAt, channelId: event.channelId, event });
    }
  const items = data.forYou ?? [];
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i]!;
    if (!filters.channelIds || filters.channelIds.includes(item.channelId))
      entries.push({ at: item.occurredAt, channelId: item.channelId, item });
  }
  entries.sort((a, b) => b.at - a.at);

  const byDay = new Map<string, Map<StreamGroup, Entry[]>>();
  for (const entry of entries) {
    const day = dayOf(entry.at);
    let dayGroups = byDay.get(day);
    if (!dayGroups) byDay.set(day, (dayGroups = new Map()));
    const group = groups.get((entry.event ?? entry.item)!)!;
    let list = dayGroups.get(group);
    if (!list) dayGroups.set(group, (list = []));
    list.push(entry);
  }
  const rows: TimelineRow[] = [];
  for (const [day, dayGroups] of byDay) {
    const first = dayGroups.values().next().value![0]!;
    rows.push({ kind: 'day', key: `day:${day}`, day, at: first.at });
    for (const [group, list] of dayGroups) {
      rows.push({ kind: 'stream', key: `${day}:${group.key}`, group, at: list[0]!.at });
      for (const { event, item } of list)
        rows.push(
          event
            ? { kind: 'event', key: event.id, event, group }
            : { kind: 'forYou', key: `forYou:${item!.id}`, item: item!, group },
        );
    }
  }
  return rows;
}

/** The events the rows show, newest first (what an export of the shown timeline holds). */
export const shownEvents = (rows: readonly TimelineRow[]) =>
  rows.flatMap((row) => (row.kind === 'event' ? [{ event: row.event, group: row.group }] : []));

/** The kinds among the events read, for the kind filter. */
export const kindsIn = (events: readonly StoredEvent[]) => new Set(events.map((e) => kindOf(e)));
