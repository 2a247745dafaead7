/**
 * One recorded chat line and the lines around it, found by its chat message id — for the
 * streamer page's `&line=` address, which "for you" and any other list of lines link to. The
 * line may be hours old, far from the newest window.
 */
import {
  applyModeration,
  chatBatchKeys,
  linesOf,
  moderationSince,
  type ShownChatLine,
} from './chat';
import type { ChatBatchKey, CompanionDatabase, StoredChatBatch } from './database';

export interface LineInContext {
  /** Oldest first, deletions and clears applied. */
  lines: ShownChatLine[];
  /** The line asked for (one of `lines`). */
  line: ShownChatLine;
}

/** Batches read at a time while looking for a line no "for you" item points to. */
const SCAN_BATCHES = 50;

/** Where in `keys` the batch holding `messageId` is, or -1. */
async function findBatch(
  db: CompanionDatabase,
  channelId: string,
  keys: ChatBatchKey[],
  messageId: string,
): Promise<number> {
  const holds = (batch: StoredChatBatch | undefined) =>
    batch?.lines.some((line) => line.messageId === messageId) ?? false;
  // A "for you" item knows when its line arrived: the batch is the last one written at or before.
  const item = await db.forYou.where('messageId').equals(messageId).first();
  if (item && item.channelId === channelId) {
    let at = -1;
    for (let i = keys.length - 1; i >= 0; i -= 1)
      if (keys[i]![1] <= item.receivedAt) {
        at = i;
        break;
      }
    if (at >= 0 && holds(await db.chatBatches.get(keys[at]!))) return at;
  }
  // Otherwise newest first, a few batches at a time.
  for (let end = keys.length; end > 0; end -= SCAN_BATCHES) {
    const start = Math.max(0, end - SCAN_BATCHES);
    const batches = await db.chatBatches.bulkGet(keys.slice(start, end));
    for (let i = batches.length - 1; i >= 0; i -= 1) if (holds(batches[i])) return start + i;
  }
  return -1;
}

/**
 * The line whose chat message id is `messageId` in a channel's recorded chat, with up to `around`
 * lines before and after it; undefined when it is not recorded (never, or pruned since).
 */
export async function chatAroundLine(
  db: CompanionDatabase,
  channelId: string,
  messageId: string,
  around = 50,
): Promise<LineInContext | undefined> {
  return db.transaction('r', db.chatBatches, db.events, db.forYou, async () => {
    const keys = await chatBatchKeys(db, channelId);
    const at = await findBatch(db, channelId, keys, messageId);
    if (at < 0) return undefined;
    // Whole batches on both sides until they hold enough lines.
    let first = at;
    let last = at;
    for (let held = 0; first > 0 && held < around;) held += keys[--first]![2];
    for (let held = 0; last < keys.length - 1 && held < around;) held += keys[++last]![2];
    const batches = (await db.chatBatches.bulkGet(keys.slice(first, last + 1))).filter(
      (b): b is StoredChatBatch => b !== undefined,
    );
    const all = linesOf(batches);
    const index = all.findIndex((line) => line.messageId === messageId);
    const slice = all.slice(Math.max(0, index - around), index + around + 1);
    const moderation = await moderationSince(db, channelId, slice[0]!.receivedAt);
    const lines = applyModeration(slice, moderation);
    return { lines, line: lines.find((line) => line.messageId === messageId)! };
  });
}
