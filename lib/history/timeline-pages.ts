/**
 * The timeline's record read a page at a time, newest first, so that the first screen is shown
 * before the rest is read (100,000 events are read in about 30 pages; the page stays responsive
 * between them). First what groups them (`readTimelineStart`: the channels, each one's newest
 * event, every stream-state event, the "for you" items), then the pages: each holds every event
 * of the range at or after its cutoff, across channels, a happening told twice once — its two
 * records may lie on both sides of a cutoff, so each page is paired with the rows just around it.
 */
import type { CompanionDatabase, StoredEvent } from '../db/database';
import { visibleTo } from '../db/visibility';
import { oneRowPerHappening, SAME_HAPPENING_WITHIN_MS } from '../twitch/happenings';
import { readForYou, type ForYouItem } from './for-you';
import { recordedChannels } from './timeline';
import { STREAM_TYPES } from './timeline-groups';

export interface TimelineStart {
  /** Every recorded channel. */
  channels: string[];
  /** Each channel's newest event, in range or not: what names the channel. */
  newest: StoredEvent[];
  /** Every stream-state event before the range's end that the account may see: the streams. */
  states: StoredEvent[];
  /** The "for you" items in range, oldest first. */
  forYou: ForYouItem[];
}

export interface TimelinePage {
  /** The page's events, newest first per channel. */
  events: StoredEvent[];
  forYou: ForYouItem[];
  /** Whether it is the last. */
  last: boolean;
}

/** Events a channel contributes to a page, at most: a first screen, then larger pages. */
export const PAGE_SIZES = [100, 500, 1_000];

export async function readTimelineStart(
  db: CompanionDatabase,
  { from, to }: { from: number; to: number },
  accountId: string | undefined,
): Promise<TimelineStart> {
  const channels = await recordedChannels(db);
  const [newest, states, forYou] = await Promise.all([
    Promise.all(
      channels.map((channelId) =>
        db.events
          .where('[channelId+receivedAt]')
          .between([channelId, -Infinity], [channelId, Infinity])
          .last(),
      ),
    ),
    db.events
      .where('type')
      .anyOf([...STREAM_TYPES])
      .toArray(),
    readForYou(db, { from, to }, accountId),
  ]);
  return {
    channels,
    newest: newest.filter((e): e is StoredEvent => e !== undefined),
    states: states.filter((e) => e.recent === 1 && e.receivedAt < to && visibleTo(e, accountId)),
    forYou,
  };
}

interface Cursor {
  channelId: string;
  /** Read: the rows below this `receivedAt` are not yet. */
  upper: number;
  exhausted: boolean;
  /** Read and not yet in a page, newest first (those the account may see). */
  buffer: StoredEvent[];
  /** The previous page's rows just above its cutoff: a record of a happening may pair with them. */
  above: StoredEvent[];
}

/**
 * The range's events in pages, newest first (`sizes`: the events a channel gives each page, the
 * last size repeating). `forYou`: the items of the range, oldest first, given to the page of
 * their time.
 */
export async function* readTimelinePages(
  db: CompanionDatabase,
  { from, to }: { from: number; to: number },
  accountId: string | undefined,
  { channels, forYou }: Pick<TimelineStart, 'channels' | 'forYou'>,
  sizes: readonly number[] = PAGE_SIZES,
): AsyncGenerator<TimelinePage> {
  const cursors: Cursor[] = channels.map((channelId) => ({
    channelId,
    upper: to,
    exhausted: false,
    buffer: [],
    above: [],
  }));
  const read = async (c: Cursor, count: number) => {
    const rows = await db.events
      .where('[channelId+recent+receivedAt]')
      .between([c.channelId, 1, from], [c.channelId, 1, c.upper], true, false)
      .reverse()
      .limit(count)
      .toArray();
    if (rows.length < count) c.exhausted = true;
    if (rows.length) c.upper = rows.at(-1)!.receivedAt;
    for (const row of rows) if (visibleTo(row, accountId)) c.buffer.push(row);
  };
  let items = forYou.length;
  for (let page = 0; ; page += 1) {
    const size = sizes[Math.min(page, sizes.length - 1)]!;
    await Promise.all(
      cursors.map(async (c) => {
        while (!c.exhausted && c.buffer.length < size) await read(c, size - c.buffer.length);
      }),
    );
    // Every channel has read all its rows at or after the cutoff.
    let cutoff = -Infinity;
    for (const c of cursors)
      if (!c.exhausted) cutoff = Math.max(cutoff, c.buffer[size - 1]!.receivedAt);
    // And the rows just below it, which a happening's other record may be among.
    await Promise.all(
      cursors.map(async (c) => {
        while (!c.exhausted && c.upper > cutoff - SAME_HAPPENING_WITHIN_MS) await read(c, size);
      }),
    );
    const events: StoredEvent[] = [];
    for (const c of cursors) {
      let n = 0;
      while (n < c.buffer.length && c.buffer[n]!.receivedAt >= cutoff) n += 1;
      const taken = c.buffer.slice(0, n);
      const below = [];
      for (let i = n; i < c.buffer.length; i += 1) {
        if (c.buffer[i]!.receivedAt < cutoff - SAME_HAPPENING_WITHIN_MS) break;
        below.push(c.buffer[i]!);
      }
      const kept = new Set(oneRowPerHappening([...c.above, ...taken, ...below]));
      for (const row of taken) if (kept.has(row)) events.push(row);
      c.above = [...c.above, ...taken].filter(
        (row) => row.receivedAt < cutoff + SAME_HAPPENING_WITHIN_MS,
      );
      c.buffer = c.buffer.slice(n);
    }
    let first = items;
    while (first > 0 && forYou[first - 1]!.occurredAt >= cutoff) first -= 1;
    const last = cursors.every((c) => c.exhausted && c.buffer.length === 0);
    const pageItems = forYou.slice(last ? 0 : first, items);
    items = last ? 0 : first;
    yield { events, forYou: pageItems, last };
    if (last) return;
  }
}
