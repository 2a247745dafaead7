/**
 * Records notifications: batched writes, one row per Twitch message id (a redelivery is
 * stored once), chat lines in their own table, deletions and clears applied to chat.
 */
import { catalogEntryFor } from '../twitch/catalog';
import { str } from '../twitch/fields';
import type { Frame } from '../listener/frames';
import type { CompanionDatabase, StoredChatMessage, StoredEvent } from './database';

export type Notification = Extract<Frame, { kind: 'notification' }>;

export interface RecorderOptions {
  /** How long a batch may wait before it is written (ms). */
  flushDelayMs?: number;
  /** A batch this big is written at once. */
  maxBatch?: number;
  /** Called with the events (not chat lines) that were new, after they are committed. */
  onRecorded?: (events: StoredEvent[], chatCount: number) => void;
  now?: () => number;
}

const CHAT_MESSAGE = 'channel.chat.message';

/** The broadcaster a notification is about, from its condition or event. */
export function channelOf(notification: Notification): string {
  const c = notification.condition;
  for (const key of [
    'broadcaster_user_id',
    'to_broadcaster_user_id',
    'from_broadcaster_user_id',
    'broadcaster_id',
  ]) {
    const value = c[key];
    if (typeof value === 'string' && value) return value;
  }
  return str(notification.event, 'broadcaster_user_id') ?? 'unknown';
}

export class EventRecorder {
  private pending = new Map<string, { notification: Notification; receivedAt: number }>();
  private lastArrival = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushDelayMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  constructor(
    private readonly db: CompanionDatabase,
    private readonly options: RecorderOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.maxBatch = options.maxBatch ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** Queues a notification; it is committed within `flushDelayMs`. */
  add(notification: Notification): void {
    if (this.pending.has(notification.messageId)) return;
    // Arrival order is the display order: strictly increasing, even within one millisecond.
    this.lastArrival = Math.max(this.now(), this.lastArrival + 0.001);
    this.pending.set(notification.messageId, { notification, receivedAt: this.lastArrival });
    if (this.pending.size >= this.maxBatch) {
      void this.flush();
    } else {
      this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
    }
  }

  /** Writes everything queued so far; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.writing;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.writing
      .then(() => this.write(batch))
      .catch((error: unknown) => {
        console.error('Could not record events', error);
      });
    return this.writing;
  }

  private async write(batch: { notification: Notification; receivedAt: number }[]): Promise<void> {
    const events: StoredEvent[] = [];
    const chat: StoredChatMessage[] = [];
    for (const { notification: n, receivedAt } of batch) {
      const channelId = channelOf(n);
      if (n.type === CHAT_MESSAGE) {
        chat.push({
          id: n.messageId,
          messageId: str(n.event, 'message_id') ?? n.messageId,
          channelId,
          chatterId: str(n.event, 'chatter_user_id') ?? '',
          occurredAt: n.timestamp,
          receivedAt,
          deleted: 0,
          event: n.event,
        });
      } else {
        events.push({
          id: n.messageId,
          channelId,
          type: n.type,
          version: n.version,
          noticeType: str(n.event, 'notice_type') ?? '',
          occurredAt: n.timestamp,
          receivedAt,
          recent: catalogEntryFor(n.type, n.version)?.recent === false ? 0 : 1,
          event: n.event,
        });
      }
    }

    const { db } = this;
    const fresh = await db.transaction('rw', db.events, db.chat, async () => {
      const newEvents = await onlyNew(db.events, events);
      const newChat = await onlyNew(db.chat, chat);
      if (newChat.length) await db.chat.bulkAdd(newChat);
      if (newEvents.length) {
        await db.events.bulkAdd(newEvents);
        await applyModeration(db, newEvents);
      }
      return { newEvents, chatCount: newChat.length };
    });
    if (fresh.newEvents.length || fresh.chatCount) {
      this.options.onRecorded?.(fresh.newEvents, fresh.chatCount);
    }
  }
}

async function onlyNew<T extends { id: string }>(
  table: { bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  rows: T[],
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const existing = await table.bulkGet(rows.map((row) => row.id));
  return rows.filter((_, index) => existing[index] === undefined);
}

/** Chat deletions and clears mark the affected chat lines, so every view honours them. */
async function applyModeration(db: CompanionDatabase, events: StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (e.type === 'channel.chat.message_delete') {
      const messageId = str(e.event, 'message_id');
      if (messageId) await db.chat.where('messageId').equals(messageId).modify({ deleted: 1 });
    } else if (e.type === 'channel.chat.clear_user_messages') {
      const userId = str(e.event, 'target_user_id');
      if (userId)
        await db.chat
          .where('[channelId+chatterId]')
          .equals([e.channelId, userId])
          .modify({ deleted: 1 });
    } else if (e.type === 'channel.chat.clear') {
      await db.chat
        .where('[channelId+receivedAt]')
        .between([e.channelId, 0], [e.channelId, e.receivedAt], true, true)
        .modify({ deleted: 1 });
    }
  }
}
