/**
 * Retention: per channel, events and chat lines are kept up to a count and an age, so the
 * database never grows without limit. The newest are always the ones kept.
 */
import type { RetentionSettings } from '../settings';
import type { CompanionDatabase } from './database';

const DAY = 24 * 60 * 60 * 1000;

export interface PruneResult {
  events: number;
  chat: number;
}

async function pruneTable(
  table: CompanionDatabase['events'] | CompanionDatabase['chat'],
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

/** Prunes one channel's events and chat to the retention settings. */
export async function pruneChannel(
  db: CompanionDatabase,
  channelId: string,
  settings: RetentionSettings,
  now = Date.now(),
): Promise<PruneResult> {
  return db.transaction('rw', db.events, db.chat, async () => ({
    events: await pruneTable(
      db.events,
      channelId,
      settings.eventsPerChannel,
      settings.eventDays,
      now,
    ),
    chat: await pruneTable(db.chat, channelId, settings.chatPerChannel, settings.chatDays, now),
  }));
}

/** Prunes each of the given channels (the favorites, current and past). */
export async function pruneChannels(
  db: CompanionDatabase,
  channelIds: Iterable<string>,
  settings: RetentionSettings,
  now = Date.now(),
): Promise<PruneResult> {
  const total: PruneResult = { events: 0, chat: 0 };
  for (const channelId of new Set(channelIds)) {
    const result = await pruneChannel(db, channelId, settings, now);
    total.events += result.events;
    total.chat += result.chat;
  }
  return total;
}
