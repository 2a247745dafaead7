/**
 * "For you": the chat lines that mention or reply to the signed-in user, match a highlight word
 * or come from a highlight user, and the whispers to them. One row per line (a shared-chat copy
 * seen through two favorites is one row), written by the recorder in the same transaction as the
 * line, so nothing is lost or doubled.
 */
import { str } from '../twitch/fields';
import type { CompanionDatabase, StoredEvent } from './database';

export type ForYouKind = 'mention' | 'reply' | 'word' | 'user' | 'whisper';

/** The kinds that are about the user themself (not highlights they chose). */
export const PERSONAL_KINDS: readonly ForYouKind[] = ['mention', 'reply', 'whisper'];

export interface ForYouItem {
  /**
   * The source row's id: the chat line's `metadata.message_id`, the shared-chat source message's
   * id for a line of a shared chat (the same in every channel's copy), the whisper event's id.
   */
  id: string;
  kind: ForYouKind;
  /** The channel whose chat it is in; for a whisper, the signed-in user's id. */
  channelId: string;
  /** The channel's login and name as the line named them ('' for a whisper). */
  channelLogin: string;
  channelName: string;
  /** The signed-in user it is for. */
  accountId: string;
  /** The chat message's `event.message_id` (deletions name it; the streamer page scrolls to it). */
  messageId: string;
  occurredAt: number;
  receivedAt: number;
  senderId: string;
  senderLogin: string;
  senderName: string;
  text: string;
  /** What matched, for `word` (the word or the regex line) and `user` (the login). */
  matched?: string;
  read: 0 | 1;
  /** Set when Twitch deleted or cleared the line: it leaves the unread list. */
  deleted?: 1;
}

const UNREAD_LIMIT = 200;

/** The unread items of an account, newest first. */
export function unreadForYou(
  db: CompanionDatabase,
  accountId: string,
  limit = UNREAD_LIMIT,
): Promise<ForYouItem[]> {
  return db.forYou
    .where('[accountId+read+occurredAt]')
    .between([accountId, 0, -Infinity], [accountId, 0, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}

/** How many items of an account are unread. */
export function countUnreadForYou(db: CompanionDatabase, accountId: string): Promise<number> {
  return db.forYou
    .where('[accountId+read+occurredAt]')
    .between([accountId, 0, -Infinity], [accountId, 0, Infinity])
    .count();
}

/** Which items to mark read: by id, by the chat message they are, or all of an account's. */
export type ForYouSelection = { ids?: string[]; messageIds?: string[]; all?: boolean };

/** Marks items read; returns how many changed. */
export async function markForYouRead(
  db: CompanionDatabase,
  accountId: string,
  selection: ForYouSelection,
): Promise<number> {
  return db.transaction('rw', db.forYou, async () => {
    let changed = 0;
    const unread = (item: ForYouItem) => item.accountId === accountId && item.read === 0;
    if (selection.all) {
      changed += await db.forYou
        .where('[accountId+read+occurredAt]')
        .between([accountId, 0, -Infinity], [accountId, 0, Infinity])
        .modify({ read: 1 });
    }
    if (selection.ids?.length)
      changed += await db.forYou
        .where('id')
        .anyOf(selection.ids)
        .filter(unread)
        .modify({ read: 1 });
    if (selection.messageIds?.length)
      changed += await db.forYou
        .where('messageId')
        .anyOf(selection.messageIds)
        .filter(unread)
        .modify({ read: 1 });
    return changed;
  });
}

/** What one write did to "for you": the items added, the ids of those withdrawn. */
export interface ForYouReport {
  items: ForYouItem[];
  /** Items whose line Twitch deleted or cleared: their notification is taken back. */
  withdrawn: string[];
}

/**
 * Applies Twitch's deletions and clears among newly recorded events to the unread items they hit
 * (marked deleted and read), within the recorder's transaction; returns those items' ids.
 */
export async function withdrawForYou(
  db: CompanionDatabase,
  accountId: string,
  events: readonly StoredEvent[],
): Promise<string[]> {
  const withdrawn: string[] = [];
  for (const e of events) {
    let hit: ForYouItem[] = [];
    if (e.type === 'channel.chat.message_delete') {
      const messageId = str(e.event, 'message_id');
      if (!messageId) continue;
      hit = await db.forYou
        .where('messageId')
        .equals(messageId)
        .filter((item) => item.channelId === e.channelId && item.accountId === accountId)
        .toArray();
    } else if (e.type === 'channel.chat.clear' || e.type === 'channel.chat.clear_user_messages') {
      const user = e.type === 'channel.chat.clear' ? undefined : str(e.event, 'target_user_id');
      if (e.type !== 'channel.chat.clear' && !user) continue;
      hit = (await unreadForYou(db, accountId, Infinity)).filter(
        (item) =>
          item.channelId === e.channelId &&
          item.receivedAt < e.receivedAt &&
          (user === undefined || item.senderId === user),
      );
    }
    const fresh = hit.filter((item) => item.deleted !== 1);
    if (!fresh.length) continue;
    await db.forYou.bulkUpdate(
      fresh.map((item) => ({ key: item.id, changes: { deleted: 1 as const, read: 1 as const } })),
    );
    withdrawn.push(...fresh.map((item) => item.id));
  }
  return withdrawn;
}

const DAY = 24 * 60 * 60 * 1000;

/** At most this many "for you" items are kept, the newest (a busy highlight word adds up). */
export const MAX_FOR_YOU_ITEMS = 10_000;

/**
 * Retention for "for you": items older than `maxAgeDays` go (the events' age limit: an item
 * outlives the chat line it came from, not the events of its day), then all but the newest
 * `MAX_FOR_YOU_ITEMS`. Returns how many went.
 */
export async function pruneForYou(
  db: CompanionDatabase,
  maxAgeDays: number,
  now = Date.now(),
): Promise<number> {
  return db.transaction('rw', db.forYou, async () => {
    const cutoff = now - maxAgeDays * DAY;
    let removed = await db.forYou.filter((item) => item.occurredAt < cutoff).delete();
    const excess = (await db.forYou.count()) - MAX_FOR_YOU_ITEMS;
    if (excess > 0) {
      const oldest = (await db.forYou.toArray())
        .sort((a, b) => a.occurredAt - b.occurredAt)
        .slice(0, excess)
        .map((item) => item.id);
      await db.forYou.bulkDelete(oldest);
      removed += oldest.length;
    }
    return removed;
  });
}
