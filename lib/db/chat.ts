/**
 * The recorded chat: batches of lines (one row per write, see `StoredChatBatch`), read back as
 * lines in arrival order, with Twitch's deletions and clears applied.
 *
 * Deletions and clears are events (`channel.chat.message_delete`, `…clear_user_messages`,
 * `…clear`), stored like any other; a chat line is never rewritten. What they hide is worked out
 * when the chat is read, so a ban during a firehose costs no rewrite of stored chat.
 */
import { str } from '../twitch/fields';
import type {
  ChatBatchKey,
  CompanionDatabase,
  StoredChatBatch,
  StoredChatLine,
  StoredEvent,
} from './database';

/** A chat line as views show it: `deleted` when Twitch said it was deleted or cleared. */
export type ShownChatLine = StoredChatLine & { deleted?: true };

const MODERATION_TYPES = [
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
] as const;

/** A key below every batch of a channel written at `at` (epoch ms) or later. */
export const chatKeyAt = (channelId: string, at: number): ChatBatchKey => [
  channelId,
  at,
  -Infinity,
];

/** The lowest and the highest key a channel's batch can have. */
export const lowestChatKey = (channelId: string): ChatBatchKey => [channelId, -Infinity, -Infinity];
export const highestChatKey = (channelId: string): ChatBatchKey => [channelId, Infinity, Infinity];

/** A channel's batch keys, oldest first. Keys only: no line is read. */
export function chatBatchKeys(db: CompanionDatabase, channelId: string): Promise<ChatBatchKey[]> {
  return db.chatBatches
    .where(':id')
    .between(lowestChatKey(channelId), highestChatKey(channelId), true, true)
    .primaryKeys();
}

/** How many chat lines of a channel are stored. */
export async function countChatLines(db: CompanionDatabase, channelId: string): Promise<number> {
  return (await chatBatchKeys(db, channelId)).reduce((sum, key) => sum + key[2], 0);
}

/** How many chat lines are stored, all channels. */
export async function countAllChatLines(db: CompanionDatabase): Promise<number> {
  const keys = await db.chatBatches.toCollection().primaryKeys();
  return keys.reduce((sum, key) => sum + key[2], 0);
}

/**
 * How many of the newest keys (a suffix of `keys`, oldest first) hold at least `lines` lines;
 * all of them when there are fewer.
 */
function newestKeysHolding(keys: ChatBatchKey[], lines: number): number {
  let held = 0;
  let taken = 0;
  for (let i = keys.length - 1; i >= 0 && held < lines; i -= 1) {
    held += keys[i]![2];
    taken += 1;
  }
  return taken;
}

/** The lines of batches, in order. */
export const linesOf = (batches: StoredChatBatch[]): StoredChatLine[] =>
  batches.length === 1 ? batches[0]!.lines.slice() : batches.flatMap((batch) => batch.lines);

interface ChatLinesRead {
  /** Oldest first. */
  lines: StoredChatLine[];
  /** The newest batch read, if any: lines after it are in later batches. */
  newestKey?: ChatBatchKey;
}

/**
 * The newest `limit` lines of a channel written after the batch whose key is `after`, oldest
 * first, and the key of the newest batch. Only the batches holding those lines are read: when a
 * firehose wrote more than a window since, the older ones are skipped from their keys alone.
 */
export async function chatLinesAfter(
  db: CompanionDatabase,
  channelId: string,
  after: ChatBatchKey,
  limit: number,
): Promise<ChatLinesRead & { written: number }> {
  const keys = await db.chatBatches
    .where(':id')
    .between(after, highestChatKey(channelId), false, true)
    .primaryKeys();
  const written = keys.reduce((sum, k) => sum + k[2], 0);
  const taken = newestKeysHolding(keys, limit);
  if (taken === 0) return { lines: [], written };
  const batches = (await db.chatBatches.bulkGet(keys.slice(keys.length - taken))).filter(
    (batch): batch is StoredChatBatch => batch !== undefined,
  );
  const lines = linesOf(batches);
  return {
    lines: lines.length > limit ? lines.slice(lines.length - limit) : lines,
    newestKey: keys[keys.length - 1],
    written,
  };
}

/** The newest `limit` chat lines of a channel, oldest first. */
export async function newestChatLines(
  db: CompanionDatabase,
  channelId: string,
  limit: number,
): Promise<ChatLinesRead> {
  const { lines, newestKey } = await chatLinesAfter(db, channelId, lowestChatKey(channelId), limit);
  return newestKey ? { lines, newestKey } : { lines };
}

/** The deletions and clears of a channel recorded at or after `since` (epoch ms, arrival time). */
export async function moderationSince(
  db: CompanionDatabase,
  channelId: string,
  since: number,
): Promise<StoredEvent[]> {
  const events = await db.events
    .where('type')
    .anyOf(MODERATION_TYPES as readonly string[] as string[])
    .filter((e) => e.channelId === channelId && e.receivedAt >= since)
    .toArray();
  return events.sort((a, b) => a.receivedAt - b.receivedAt);
}

/**
 * Applies deletions and clears to lines of one channel: a deleted message by its id; a user's
 * lines, and every line, received before their clear. Lines not affected are returned as they
 * are (same objects), the others as copies marked `deleted`.
 */
export function applyModeration(
  lines: readonly StoredChatLine[],
  events: readonly StoredEvent[],
): ShownChatLine[] {
  const deletedMessages = new Set<string>();
  const userClearedAt = new Map<string, number>();
  let chatClearedAt = -Infinity;
  for (const e of events) {
    if (e.type === 'channel.chat.message_delete') {
      const id = str(e.event, 'message_id');
      if (id) deletedMessages.add(id);
    } else if (e.type === 'channel.chat.clear_user_messages') {
      const user = str(e.event, 'target_user_id');
      if (user)
        userClearedAt.set(user, Math.max(userClearedAt.get(user) ?? -Infinity, e.receivedAt));
    } else if (e.type === 'channel.chat.clear') {
      chatClearedAt = Math.max(chatClearedAt, e.receivedAt);
    }
  }
  if (deletedMessages.size === 0 && userClearedAt.size === 0 && chatClearedAt === -Infinity) {
    return lines as ShownChatLine[];
  }
  return lines.map((line) =>
    deletedMessages.has(line.messageId) ||
    line.receivedAt < chatClearedAt ||
    line.receivedAt < (userClearedAt.get(line.chatterId) ?? -Infinity)
      ? { ...line, deleted: true }
      : line,
  );
}
