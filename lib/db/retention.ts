/**
 * Retention: per channel, events and chat lines are kept up to a count and an age, so the
 * database never grows without limit. The newest are always the ones kept. Every channel found in
 * the database is pruned — a former favorite's events and chat as much as the current one's.
 */
import type { RetentionSettings } from '../settings';
import { chatBatchKeys, highestChatKey, lowestChatKey } from './chat';
import { pruneForYou } from './for-you';
import type { ChatBatchKey, CompanionDatabase } from './database';
import { wordsKeysOf } from '../search/words';

const DAY = 24 * 60 * 60 * 1000;

export interface PruneResult {
  events: number;
  /** Chat lines removed. */
  chat: number;
}

/**
 * A channel is pruned in transactions of at most this many events and (whole batches holding)
 * about this many chat lines, with a pause between: a large prune (limits lowered, a long time
 * away) neither holds the recorder's writes back for long nor tells every open page of the
 * extension of tens of thousands of deletions in one go.
 */
export const PRUNE_EVENTS_AT_ONCE = 2_000;
export const PRUNE_CHAT_LINES_AT_ONCE = 10_000;
const PAUSE_MS = 10;

/** What one transaction of a prune removed, and whether more is due. */
interface PruneStep {
  removed: number;
  more: boolean;
}

async function pruneEvents(
  table: CompanionDatabase['events'],
  channelId: string,
  maxCount: number,
  maxAgeDays: number,
  now: number,
): Promise<PruneStep> {
  const index = '[channelId+receivedAt]';
  const cutoff = now - maxAgeDays * DAY;
  const aged = await table
    .where(index)
    .between([channelId, -Infinity], [channelId, cutoff], true, false)
    .limit(PRUNE_EVENTS_AT_ONCE)
    .primaryKeys();
  await table.bulkDelete(aged);
  if (aged.length === PRUNE_EVENTS_AT_ONCE) return { removed: aged.length, more: true };
  const count = await table
    .where(index)
    .between([channelId, -Infinity], [channelId, Infinity])
    .count();
  const excess = count - maxCount;
  if (excess <= 0) return { removed: aged.length, more: false };
  const room = PRUNE_EVENTS_AT_ONCE - aged.length;
  const oldest = await table
    .where(index)
    .between([channelId, -Infinity], [channelId, Infinity])
    .limit(Math.min(excess, room))
    .primaryKeys();
  await table.bulkDelete(oldest);
  return { removed: aged.length + oldest.length, more: excess > room };
}

/**
 * Chat goes in whole batches (the lines of one write): the newest batches holding `maxCount`
 * lines are kept, and none whose first line is older than the age limit. Their search index rows
 * go with them (the caller's transaction holds both tables).
 */
async function pruneChat(
  db: CompanionDatabase,
  channelId: string,
  maxCount: number,
  maxAgeDays: number,
  now: number,
): Promise<PruneStep> {
  const cutoff = now - maxAgeDays * DAY;
  const keys = await chatBatchKeys(db, channelId);
  let kept = 0;
  let firstKept = keys.length;
  while (firstKept > 0 && kept < maxCount && keys[firstKept - 1]![1] >= cutoff) {
    firstKept -= 1;
    kept += keys[firstKept]![2];
  }
  // The oldest batches first, about PRUNE_CHAT_LINES_AT_ONCE lines of them (one at least).
  let end = 0;
  let lines = 0;
  while (end < firstKept && (end === 0 || lines + keys[end]![2] <= PRUNE_CHAT_LINES_AT_ONCE)) {
    lines += keys[end]![2];
    end += 1;
  }
  if (end === 0) return { removed: 0, more: false };
  // One range delete, not one per batch: the recorder's next write waits for this transaction.
  const all = end === keys.length;
  await db.chatBatches
    .where(':id')
    .between(lowestChatKey(channelId), all ? highestChatKey(channelId) : keys[end]!, true, all)
    .delete();
  const doomed = keys.slice(0, end);
  await db.chatWords.bulkDelete(doomed.flatMap(wordsKeysOf));
  return { removed: lines, more: end < firstKept };
}

/** Prunes one channel's events and chat to the retention settings, a bounded step at a time. */
export async function pruneChannel(
  db: CompanionDatabase,
  channelId: string,
  settings: RetentionSettings,
  now = Date.now(),
): Promise<PruneResult> {
  const total: PruneResult = { events: 0, chat: 0 };
  for (;;) {
    const { events, chat } = await db.transaction(
      'rw',
      db.events,
      db.chatBatches,
      db.chatWords,
      async () => ({
        events: await pruneEvents(
          db.events,
          channelId,
          settings.eventsPerChannel,
          settings.eventDays,
          now,
        ),
        chat: await pruneChat(db, channelId, settings.chatPerChannel, settings.chatDays, now),
      }),
    );
    total.events += events.removed;
    total.chat += chat.removed;
    if (!events.more && !chat.more) return total;
    // The recorder's writes and the pages' reads go first.
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}

/** Every channel with events or chat in the database, found by hopping over the key ranges. */
export async function storedChannelIds(db: CompanionDatabase): Promise<string[]> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const clause = db.events.where('[channelId+receivedAt]');
    const [next] = await (
      after === undefined ? clause.above(['', -Infinity]) : clause.above([after, Infinity])
    )
      .limit(1)
      .toArray();
    if (!next) break;
    ids.add(next.channelId);
    after = next.channelId;
  }
  after = undefined;
  for (;;) {
    const clause = db.chatBatches.where(':id');
    const [next]: ChatBatchKey[] = await (
      after === undefined
        ? clause.aboveOrEqual(lowestChatKey(''))
        : clause.above(highestChatKey(after))
    )
      .limit(1)
      .primaryKeys();
    if (!next) break;
    ids.add(next[0]);
    after = next[0];
  }
  return [...ids];
}

/** Prunes every channel in the database to the retention settings, and the "for you" items. */
export async function pruneAllChannels(
  db: CompanionDatabase,
  settings: RetentionSettings,
  now = Date.now(),
): Promise<PruneResult> {
  const total: PruneResult = { events: 0, chat: 0 };
  for (const channelId of await storedChannelIds(db)) {
    const removed = await pruneChannel(db, channelId, settings, now);
    total.events += removed.events;
    total.chat += removed.chat;
  }
  await pruneForYou(db, settings.eventDays, now);
  return total;
}

/**
 * Storage is full and retention freed nothing: deletes the oldest half of the chat lines, whatever
 * their channel (a former favorite's old chat goes before today's). With no chat stored, the
 * oldest half of the events goes instead.
 */
export async function freeOldestHalf(db: CompanionDatabase): Promise<PruneResult> {
  return db.transaction('rw', db.events, db.chatBatches, db.chatWords, async () => {
    const keys = await db.chatBatches.toCollection().primaryKeys();
    if (keys.length > 0) {
      keys.sort((a, b) => a[1] - b[1]);
      const half = Math.floor(keys.reduce((sum, key) => sum + key[2], 0) / 2);
      const doomed: ChatBatchKey[] = [];
      let lines = 0;
      for (const key of keys) {
        if (lines >= Math.max(half, 1)) break;
        doomed.push(key);
        lines += key[2];
      }
      await db.chatBatches.bulkDelete(doomed);
      await db.chatWords.bulkDelete(doomed.flatMap(wordsKeysOf));
      return { events: 0, chat: lines };
    }
    // Keys only, in one order: the index keys give the times, the primary keys the ids.
    const byChannel = db.events.orderBy('[channelId+receivedAt]');
    const times = (await byChannel.keys()) as unknown as [string, number][];
    const ids = await byChannel.primaryKeys();
    const oldest = ids
      .map((id, i) => ({ id, receivedAt: times[i]![1] }))
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .slice(0, Math.ceil(ids.length / 2))
      .map((event) => event.id);
    await db.events.bulkDelete(oldest);
    return { events: oldest.length, chat: 0 };
  });
}
