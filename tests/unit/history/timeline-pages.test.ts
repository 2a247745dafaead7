import { beforeEach, describe, expect, it } from 'vitest';
import { database, type StoredEvent } from '../../../lib/db/database';
import type { ForYouItem } from '../../../lib/history/for-you';
import { readTimeline, timelineRows, type TimelineRow } from '../../../lib/history/timeline';
import { StreamGroups } from '../../../lib/history/timeline-groups';
import {
  readTimelinePages,
  readTimelineStart,
  type TimelinePage,
} from '../../../lib/history/timeline-pages';
import { TimelineView } from '../../../lib/history/timeline-view';
import {
  ACCOUNT_ID,
  CHANNEL,
  makeEvent,
  OTHER_CHANNEL,
  resetDatabase,
} from '../components/fixtures';

const SECOND = 1_000;
const HOUR = 3_600_000;
/** Two days back: the record spans midnight. */
const T0 = new Date().setHours(20, 0, 0, 0) - 2 * 24 * HOUR;

/**
 * Two channels over 30 hours: streams with title changes (one set before its go-live), raids,
 * follows, role-only rows of another account, and resubs told twice — their two records 3 s apart,
 * in either order, wherever a page's cutoff falls.
 */
function record(): StoredEvent[] {
  const events: StoredEvent[] = [];
  const add = (
    channelId: string,
    at: number,
    type: string,
    event: Record<string, unknown>,
    more: Partial<StoredEvent> = {},
  ) =>
    events.push(
      makeEvent({
        channelId,
        type,
        version: type === 'channel.update' ? '2' : '1',
        receivedAt: at,
        occurredAt: at,
        event,
        ...more,
      }),
    );
  for (const [c, channelId] of [CHANNEL.id, OTHER_CHANNEL.id].entries()) {
    for (let i = 0; i < 240; i += 1) {
      const at = T0 + i * 7.5 * 60 * SECOND + c * 1_234;
      const phase = i % 40;
      if (phase === 0)
        add(channelId, at, 'channel.update', { title: `Plan ${i}`, category_name: 'Chess' });
      else if (phase === 2) add(channelId, at, 'stream.online', { id: `s-${channelId}-${i}` });
      else if (phase === 9) add(channelId, at, 'channel.update', { title: `Live ${i}` });
      else if (phase === 30) add(channelId, at, 'stream.offline', {});
      else if (i % 5 === 0) {
        const months = (i % 24) + 1;
        const who = `u${i % 7}`;
        const notice = {
          notice_type: 'resub',
          chatter_user_id: who,
          resub: { cumulative_months: months },
        };
        const own = { user_id: who, cumulative_months: months };
        const [first, second] = i % 2 ? [notice, own] : [own, notice];
        add(
          channelId,
          at,
          first === notice ? 'channel.chat.notification' : 'channel.subscription.message',
          first,
        );
        add(
          channelId,
          at + 3 * SECOND,
          second === notice ? 'channel.chat.notification' : 'channel.subscription.message',
          second,
        );
      } else if (i % 11 === 0)
        add(
          channelId,
          at,
          'channel.follow',
          { user_name: 'Someone' },
          { accountId: 'someone-else' },
        );
      else
        add(channelId, at, 'channel.raid', {
          from_broadcaster_user_id: `r${i}`,
          from_broadcaster_user_name: `Raider${i}`,
          to_broadcaster_user_id: channelId,
          viewers: i,
        });
    }
  }
  return events;
}

const shape = (rows: readonly TimelineRow[]) =>
  rows.map((row) =>
    row.kind === 'day'
      ? `day ${row.day}`
      : row.kind === 'stream'
        ? `stream ${row.key} ${row.group.title} ${row.group.category} ${row.group.endedAt}`
        : row.kind === 'event'
          ? `  ${row.event.id}`
          : `  ${row.key}`,
  );

async function readPages(range: { from: number; to: number }, sizes: number[]) {
  const start = await readTimelineStart(database(), range, ACCOUNT_ID);
  const pages: TimelinePage[] = [];
  for await (const page of readTimelinePages(database(), range, ACCOUNT_ID, start, sizes))
    pages.push(page);
  return { start, pages };
}

beforeEach(resetDatabase);

describe('the timeline read a page at a time', () => {
  it('is the timeline read at once: every row, in order, in its stream, a happening told twice once', async () => {
    await database().events.bulkAdd(record());
    const items: ForYouItem[] = [3, 17, 29].map((hours) => ({
      id: `fy${hours}`,
      kind: 'mention',
      channelId: CHANNEL.id,
      accountId: ACCOUNT_ID,
      messageId: `m${hours}`,
      occurredAt: T0 + hours * HOUR + 1,
      senderName: 'Friend',
      text: '@you hi',
    }));
    for (const from of [0, T0 + 5 * HOUR]) {
      const range = { from, to: Number.MAX_SAFE_INTEGER };
      // As `readForYou` gives them: those of the range.
      const forYou = items.filter((item) => item.occurredAt >= from);
      const whole = await readTimeline(database(), range, ACCOUNT_ID);
      const expected = shape(timelineRows({ ...whole, forYou }, {}));
      expect(expected.filter((row) => row.startsWith('day')).length).toBeGreaterThan(1);
      for (const sizes of [[1], [3, 7], [25], [100_000]]) {
        const { start, pages } = await readPages(range, sizes);
        const view = new TimelineView(new StreamGroups(start.states));
        // The "for you" items given to pages by their time, as the reader does with its own.
        let left = [...forYou];
        for (const [i, page] of pages.entries()) {
          const oldest = Math.min(...page.events.map((e) => e.receivedAt));
          const items = page.last ? left : left.filter((item) => item.occurredAt >= oldest);
          left = left.filter((item) => !items.includes(item));
          view.add(page.events, items);
          if (i === 0 && sizes[0] === 3) expect(page.events.length).toBeLessThanOrEqual(2 * 3 + 2);
        }
        expect(pages.at(-1)!.last).toBe(true);
        expect(shape(view.rows()), `sizes ${sizes}, from ${from}`).toEqual(expected);
        expect(view.length).toBe(expected.length);
        expect(shape(Array.from({ length: view.length }, (_, i) => view.row(i)))).toEqual(expected);
      }
    }
  });

  it('gives the newest events first: the first page is the newest of each channel', async () => {
    await database().events.bulkAdd(record());
    const range = { from: 0, to: Number.MAX_SAFE_INTEGER };
    const { pages } = await readPages(range, [5, 50]);
    const newestFirst = pages.flatMap((page) => Math.max(...page.events.map((e) => e.receivedAt)));
    expect(newestFirst).toEqual([...newestFirst].sort((a, b) => b - a));
    const first = pages[0]!.events;
    const all = (await readTimeline(database(), range, ACCOUNT_ID)).events;
    const newest = all.slice(-first.length).map((e) => e.id);
    expect(first.map((e) => e.id).sort()).toEqual(newest.sort());
  });

  it('finds a row by its key and its stream by the stream’s key', async () => {
    await database().events.bulkAdd(record());
    const { start, pages } = await readPages({ from: 0, to: Number.MAX_SAFE_INTEGER }, [10]);
    const view = new TimelineView(new StreamGroups(start.states));
    view.addPages(pages);
    const rows = view.rows();
    for (const index of [0, 1, 2, 57, rows.length - 1])
      expect(view.indexOfKey(rows[index]!.key)).toBe(index);
    expect(view.indexOfKey('nothing')).toBe(-1);
    const stream = rows.find((row) => row.kind === 'stream' && row.group.live)!;
    expect(stream.kind === 'stream' && view.groupOf(stream.group.key)).toBe(
      stream.kind === 'stream' && stream.group,
    );
  });
});
