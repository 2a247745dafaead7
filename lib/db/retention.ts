/**
 * Retention: per channel, events and chat lines are kept up to a count and an age, so the
 * database never grows without limit. The newest are always the ones kept.
 */
import type { RetentionSettings } from '../settings';
import { chatBatchKeys, highestChatKey, lowestChatKey } from './chat';
import type { CompanionDatabase } from './database';

const DAY = 24 * 60 * 60 * 1000;

export interface PruneResult {
  events: number;
  /** Chat lines removed. */
  chat: number;
}

async function pruneEvents(
  table: CompanionDatabase['events'],
  channelId: string,
  maxCount: number,
  maxAgeDays: number,
  now: number,
): Promise<number> {
  const index = '[channelId+receivedAt]';
  const cutoff = now - maxAgeDays * DAY;
  let removed = await table
    .where(index)
    .between([channelId, -Infinity], [channelId, cutoff], true, false)
    .delete();
  const count = await table
    .where(index)
    .between([channelId, -Infinity], [channelId, Infinity])
    .count();
  const excess = count - maxCount;
  if (excess > 0) {
    const oldest = await table
      .where(index)
      .between([channelId, -Infinity], [channelId, Infinity])
      .limit(excess)
      .primaryKeys();
    await table.bulkDelete(oldest);
    removed += oldest.length;
  }
  return removed;
}

/**
 * Chat goes in whole batches (the lines of one write): the newest batches holding `maxCount`
 * lines are kept, and none whose first line is older than the age limit.
 */
async function pruneChat(
  db: CompanionDatabase,
  channelId: string,
  maxCount: number,
  maxAgeDays: number,
  now: number,
): Promise<number> {
  const cutoff = now - maxAgeDays * DAY;
  const keys = await chatBatchKeys(db, channelId);
  let kept = 0;
  let firstKept = keys.length;
  while (firstKept > 0 && kept < maxCount && keys[firstKept - 1]![1] >= cutoff) {
    firstKept -= 1;
    kept += keys[firstKept]![2];
  }
  if (firstKept === 0) return 0;
  // One range delete, not one per batch: the recorder's next write waits for this transaction.
  const all = firstKept === keys.length;
  await db.chatBatches
    .where(':id')
    .between(
      lowestChatKey(channelId),
      all ? highestChatKey(channelId) : keys[firstKept]!,
      true,
      all,
    )
    .delete();
  return keys.slice(0, firstKept).reduce((sum, key) => sum + key[2], 0);
}

/** Prunes one channel's events and chat to the retention settings. */
export async function pruneChannel(
  db: CompanionDatabase,
  channelId: string,
  settings: RetentionSettings,
  now = Date.now(),
): Promise<PruneResult> {
  return db.transaction('rw', db.events, db.chatBatches, async () => ({
    events: await pruneEvents(
      db.events,
      channelId,
      settings.eventsPerChannel,
      settings.eventDays,
      now,
    ),
    chat: await pruneChat(db, channelId, settings.chatPerChannel, settings.chatDays, now),
  }));
}
