/** The streamer page's database reads: bounded windows on the indexes the schema declares. */
import Dexie from 'dexie';
import type { CompanionDatabase, StoredEvent } from '../../lib/db/database';

const RECENT_EVENTS_LIMIT = 10;
/** How many chat lines the native chat keeps on screen. */
export const CHAT_WINDOW = 200;

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
