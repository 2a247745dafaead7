/** The streamer page's database reads: bounded windows on the indexes the schema declares. */
import Dexie from 'dexie';
import type { CompanionDatabase, StoredChatMessage, StoredEvent } from '../db/database';

export const RECENT_EVENTS_LIMIT = 10;
/** How many chat lines the native chat keeps on screen. */
export const CHAT_WINDOW = 200;

const newestFirst = (
  a: { receivedAt: number; occurredAt: number },
  b: { receivedAt: number; occurredAt: number },
) => b.receivedAt - a.receivedAt || b.occurredAt - a.occurredAt;

/** The newest events (not chat lines) of a channel that belong under "Recent events", newest first. */
export async function recentEvents(
  db: CompanionDatabase,
  channelId: string,
  limit = RECENT_EVENTS_LIMIT,
): Promise<StoredEvent[]> {
  // receivedAt is the arrival order (strictly increasing per recorder), so the index is the order.
  return db.events
    .where('[channelId+recent+receivedAt]')
    .between([channelId, 1, Dexie.minKey], [channelId, 1, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
}

/** The newest chat lines of a channel, oldest first (newest at the bottom). */
export async function chatWindow(
  db: CompanionDatabase,
  channelId: string,
  limit = CHAT_WINDOW,
): Promise<StoredChatMessage[]> {
  const rows = await db.chat
    .where('[channelId+receivedAt]')
    .between([channelId, Dexie.minKey], [channelId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  return rows.sort(newestFirst).reverse();
}

export interface ChannelStateEvents {
  online?: StoredEvent;
  offline?: StoredEvent;
  update?: StoredEvent;
}

const STATE_TYPES = {
  online: 'stream.online',
  offline: 'stream.offline',
  update: 'channel.update',
} as const;

/** The latest go-live, go-offline and title/category change recorded for a channel. */
export async function channelStateEvents(
  db: CompanionDatabase,
  channelId: string,
): Promise<ChannelStateEvents> {
  const result: ChannelStateEvents = {};
  for (const [key, type] of Object.entries(STATE_TYPES) as [keyof ChannelStateEvents, string][]) {
    const rows = await db.events
      .where('type')
      .equals(type)
      .filter((e) => e.channelId === channelId)
      .toArray();
    result[key] = rows.reduce<StoredEvent | undefined>(
      (latest, e) => (!latest || e.occurredAt > latest.occurredAt ? e : latest),
      undefined,
    );
  }
  return result;
}
