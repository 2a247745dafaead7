/**
 * Reads the timeline of a range for the signed-in account, a page at a time, newest first:
 * loading until the first page is read (the first screen), then the record read so far, a new
 * one with each page, or why it failed.
 */
import { useEffect, useState } from 'react';
import { database, type StoredEvent } from '../../lib/db/database';
import { channelNames, type ChannelName } from '../../lib/history/channels';
import type { StreamSpan } from '../../lib/history/moment';
import { StreamGroups } from '../../lib/history/timeline-groups';
import {
  readTimelinePages,
  readTimelineStart,
  type TimelinePage,
  type TimelineStart,
} from '../../lib/history/timeline-pages';
import { timelineStreams } from '../../lib/history/timeline-streams';
import { kindOf } from '../../lib/twitch/catalog';

export interface TimelineRecord {
  start: TimelineStart;
  /** Which stream each row is in. */
  groups: StreamGroups;
  /** The streams, by Twitch's stream id: their rows offer "Watch this moment". */
  streams: Map<string, StreamSpan>;
  /** The pages read so far, newest first. */
  pages: TimelinePage[];
  /** Every page is read. */
  done: boolean;
  /** The kinds among the events read, for the kind filter. */
  kinds: ReadonlySet<string>;
  /** The channels of the events and "for you" items read. */
  channelIds: ReadonlySet<string>;
  /** What the events read name their channels. */
  names: ReadonlyMap<string, ChannelName>;
}

export type TimelineRead =
  | { status: 'loading' }
  | { status: 'ready'; data: TimelineRecord }
  | { status: 'failed'; error: string };

/** Whether the record read so far holds the event. */
export const holdsEvent = (data: TimelineRecord, id: string) =>
  data.pages.some((page) => page.events.some((e) => e.id === id));

/** The record with one more page: its kinds, channels and names added (new sets when they grow). */
function withPage(data: TimelineRecord, page: TimelinePage): TimelineRecord {
  let { kinds, channelIds, names } = data;
  const unnamed: StoredEvent[] = [];
  for (const event of page.events) {
    const kind = kindOf(event);
    if (!kinds.has(kind)) kinds = new Set(kinds).add(kind);
    if (!channelIds.has(event.channelId)) channelIds = new Set(channelIds).add(event.channelId);
    if (!names.has(event.channelId)) unnamed.push(event);
  }
  if (unnamed.length) names = new Map([...channelNames(unnamed, []), ...names]);
  return { ...data, pages: [...data.pages, page], done: page.last, kinds, channelIds, names };
}

export function useTimeline(
  range: { from: number; to: number } | undefined,
  accountId: string | undefined,
): TimelineRead {
  const from = range?.from;
  const to = range?.to;
  const key = `${from}|${to}|${accountId}`;
  // What was read, for which range and account: another one is loading.
  const [read, setRead] = useState<{ key: string; read: TimelineRead }>();
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    let current = true;
    const db = database();
    const stretch = { from, to };
    const load = async () => {
      const start = await readTimelineStart(db, stretch, accountId);
      if (!current) return;
      let data: TimelineRecord = {
        start,
        groups: new StreamGroups(start.states),
        streams: timelineStreams({ events: start.states, before: new Map() }),
        pages: [],
        done: false,
        kinds: new Set(),
        channelIds: new Set(start.forYou.map((item) => item.channelId)),
        names: channelNames(start.newest, []),
      };
      for await (const page of readTimelinePages(db, stretch, accountId, start)) {
        if (!current) return;
        data = withPage(data, page);
        setRead({ key, read: { status: 'ready', data } });
      }
    };
    load().catch(
      (error: unknown) =>
        current &&
        setRead({
          key,
          read: {
            status: 'failed',
            error: error instanceof Error ? error.message || error.name : String(error),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [from, to, accountId, key]);
  return read?.key === key ? read.read : { status: 'loading' };
}
