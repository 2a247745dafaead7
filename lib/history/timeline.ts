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
import { oneRowPerHappening } from '../twitch/happenings';
import type { ForYouItem } from './for-you';
import { STREAM_TYPES, StreamGroups } from './timeline-groups';
import { TimelineView, type TimelineFilters, type TimelineRow } from './timeline-view';

export { dayOf, STREAM_TYPES, type StreamGroup } from './timeline-groups';
export { passes, type TimelineFilters, type TimelineRow } from './timeline-view';

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

/**
 * The rows of the timeline, newest first: a day, then each stream with events that day (the one
 * with the newest event first), its header and its events (`TimelineView`, here all at once).
 */
export function timelineRows(data: TimelineData, filters: TimelineFilters): TimelineRow[] {
  const groups = new StreamGroups([...[...data.before.values()].flat(), ...data.events]);
  const view = new TimelineView(groups, filters);
  view.add(data.events, data.forYou ?? []);
  return view.rows();
}

/** The events the rows show, newest first (what an export of the shown timeline holds). */
export const shownEvents = (rows: readonly TimelineRow[]) =>
  rows.flatMap((row) => (row.kind === 'event' ? [{ event: row.event, group: row.group }] : []));

/** The kinds among the events read, for the kind filter. */
export const kindsIn = (events: readonly StoredEvent[]) => new Set(events.map((e) => kindOf(e)));
