/** The streamer page's database reads: bounded windows on the indexes the schema declares. */
import Dexie from 'dexie';
import type { CompanionDatabase, StoredEvent } from '../../lib/db/database';
import { visibleTo } from '../../lib/db/visibility';
import { oneRowPerHappening } from '../../lib/twitch/happenings';

export const RECENT_EVENTS_LIMIT = 10;
/** How many chat lines the native chat keeps on screen. */
export const CHAT_WINDOW = 200;

/**
 * The newest events (not chat lines) of a channel that belong under "Recent events" and that the
 * signed-in account `accountId` may see (`visibleTo`), newest first.
 */
export async function recentEvents(
  db: CompanionDatabase,
  channelId: string,
  accountId: string | undefined,
  limit = RECENT_EVENTS_LIMIT,
): Promise<StoredEvent[]> {
  // receivedAt is the arrival order (strictly increasing per recorder), so the index is the order;
  // the limit counts the rows the filter lets through.
  return db.events
    .where('[channelId+recent+receivedAt]')
    .between([channelId, 1, Dexie.minKey], [channelId, 1, Dexie.maxKey])
    .reverse()
    .filter((event) => visibleTo(event, accountId))
    .limit(limit)
    .toArray();
}

/**
 * What "Recent events" shows of the rows read (newest first): each happening Twitch told twice
 * once, by its richer record, at most `limit`. Read twice the limit, so the pairs left out leave
 * the list full.
 */
export function oneRowEach(rows: StoredEvent[], limit = RECENT_EVENTS_LIMIT): StoredEvent[] {
  return oneRowPerHappening(rows).slice(0, limit);
}

export interface ChannelStateEvents {
  online?: StoredEvent;
  offline?: StoredEvent;
  update?: StoredEvent;
}

const STATE_KEYS: Record<string, keyof ChannelStateEvents> = {
  'stream.online': 'online',
  'stream.offline': 'offline',
  'channel.update': 'update',
};

/**
 * The latest go-live, go-offline and title/category change recorded for a channel that the
 * signed-in account `accountId` may see (all three are public today; the rule is the same).
 */
export async function channelStateEvents(
  db: CompanionDatabase,
  channelId: string,
  accountId: string | undefined,
): Promise<ChannelStateEvents> {
  // One read of the type index for the three types, not one per type.
  const rows = await db.events
    .where('type')
    .anyOf(Object.keys(STATE_KEYS))
    .filter((e) => e.channelId === channelId && visibleTo(e, accountId))
    .toArray();
  const result: ChannelStateEvents = {};
  for (const e of rows) {
    const key = STATE_KEYS[e.type];
    const latest = key && result[key];
    if (key && (!latest || e.occurredAt > latest.occurredAt)) result[key] = e;
  }
  return result;
}
