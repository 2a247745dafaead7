/**
 * Records notifications: batched writes, each notification stored once (a redelivery is
 * dropped), events one row each, the chat lines of a write as one batch row.
 */
import Dexie, { type EntityTable } from 'dexie';
import { entryOfKind, kindOf } from '../twitch/catalog';
import { str } from '../twitch/fields';
import type { Frame } from '../twitch/frames';
import { exponentialBackoff, retry } from '../retry';
import { chatKeyAt, chatLinesAfter } from './chat';
import { ChatIndexer, type IndexerPacing } from '../search/indexer';
import { eventTextOf, indexWordsOf } from '../search/words';
import type { CompanionDatabase, StoredChatBatch, StoredChatLine, StoredEvent } from './database';
import type { ForYouMatcher } from '../for-you/match';
import { withdrawForYou, type ForYouReport } from './for-you';

export type Notification = Extract<Frame, { kind: 'notification' }>;

export interface RecorderOptions {
  /**
   * The Twitch user id of the signed-in account the listener records for: stored on every event,
   * so that role-only ones are shown to that account only (`visibility.ts`).
   */
  accountId: string;
  /** How long the first message of a batch may wait when no write is in flight (ms). */
  flushDelayMs?: number;
  /** A batch this big is written at once. */
  maxBatch?: number;
  /**
   * Called with the events (not chat lines) that were new, after they are committed, and what
   * the same write did to "for you" (when a matcher is given).
   */
  onRecorded?: (events: StoredEvent[], chatCount: number, forYou?: ForYouReport) => void;
  /** Finds the lines and whispers that are "for you"; they are written with them. */
  forYou?: ForYouMatcher;
  /** Called when a batch could not be written, before it is tried again (e.g. to free room). */
  onWriteError?: (error: unknown) => Promise<void> | void;
  /** How long after a write its chat is indexed for search at the latest (ms). */
  indexDelayMs?: number;
  /** When the indexer waits for a busy chat to calm down (tests). */
  indexPacing?: IndexerPacing;
  now?: () => number;
}

const CHAT_MESSAGE = 'channel.chat.message';

interface PendingItem {
  notification: Notification;
  receivedAt: number;
}

/** The broadcaster a notification is about (the user, for a whisper), from its condition or event. */
export function channelOf(notification: Notification): string {
  const c = notification.condition;
  for (const key of [
    'broadcaster_user_id',
    'to_broadcaster_user_id',
    'from_broadcaster_user_id',
    'broadcaster_id',
    'user_id', // the types about the user (whispers): recorded under the user's own id
  ]) {
    const value = c[key];
    if (typeof value === 'string' && value) return value;
  }
  return str(notification.event, 'broadcaster_user_id') ?? 'unknown';
}

export class EventRecorder {
  private pending = new Map<string, PendingItem>();
  private lastArrival = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The write loop, while it runs: it takes everything pending each time a commit ends. */
  private running: Promise<void> | undefined;
  private readonly flushDelayMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;
  private readonly recentChat = new RecentChatIds();
  /** Indexes the chat for search behind the writes, never in their transaction. */
  readonly indexer: ChatIndexer;

  constructor(
    private readonly db: CompanionDatabase,
    private readonly options: RecorderOptions,
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 4;
    this.maxBatch = options.maxBatch ?? 5_000;
    this.now = options.now ?? Date.now;
    this.indexer = new ChatIndexer(db, options.indexDelayMs, options.indexPacing);
  }

  /**
   * Queues a notification. Group commit: when no write is in flight it is written within
   * `flushDelayMs`; while one is, it joins the next batch, which starts the moment that write
   * commits. A quiet channel gets a short delay, a busy one big batches and no queue of small ones.
   */
  add(notification: Notification): void {
    if (this.pending.has(notification.messageId)) return;
    // Arrival order is the display order: strictly increasing, even within one millisecond.
    this.lastArrival = Math.max(this.now(), this.lastArrival + 0.001);
    this.pending.set(notification.messageId, { notification, receivedAt: this.lastArrival });
    if (this.running) return;
    if (this.pending.size >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  /** Writes everything queued so far; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.running && this.pending.size > 0) {
      this.running = this.writeLoop().finally(() => {
        this.running = undefined;
      });
    }
    return this.running ?? Promise.resolve();
  }

  private async writeLoop(): Promise<void> {
    while (this.pending.size > 0) {
      let batch: PendingItem[] = [];
      let freeingRoom = false;
      try {
        await retry(
          () => {
            batch = this.takeBatch();
            return this.write(batch);
          },
          {
            retries: WRITE_RETRIES,
            backoff: WRITE_BACKOFF,
            beforeRetry: async (error) => {
              // Put the batch back in front (arrival order is kept) and try again shortly: a
              // busy disk or a full quota (retention frees room) must not cost the messages.
              this.pending = new Map([
                ...batch.map((item) => [item.notification.messageId, item] as const),
                ...this.pending,
              ]);
              freeingRoom = true;
              await this.options.onWriteError?.(error);
              freeingRoom = false;
            },
          },
        );
      } catch (error) {
        // A failing `onWriteError` stops the loop (the batch stays pending); a batch that failed
        // every try is given up.
        if (freeingRoom) throw error;
        console.error('Could not record events', error);
      }
    }
  }

  /** Takes the oldest pending items, at most a batch. */
  private takeBatch(): PendingItem[] {
    const batch: PendingItem[] = [];
    for (const [id, item] of this.pending) {
      batch.push(item);
      this.pending.delete(id);
      if (batch.length >= this.maxBatch) break;
    }
    return batch;
  }

  private async write(batch: PendingItem[]): Promise<void> {
    const events: StoredEvent[] = [];
    const chatByChannel = new Map<string, StoredChatLine[]>();
    for (const { notification: n, receivedAt } of batch) {
      const channelId = channelOf(n);
      if (n.type === CHAT_MESSAGE) {
        let lines = chatByChannel.get(channelId);
        if (!lines) chatByChannel.set(channelId, (lines = []));
        lines.push({
          id: n.messageId,
          messageId: str(n.event, 'message_id') ?? n.messageId,
          channelId,
          chatterId: str(n.event, 'chatter_user_id') ?? '',
          occurredAt: n.timestamp,
          receivedAt,
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
          recent: entryOfKind(kindOf({ ...n, channelId }))?.recent === false ? 0 : 1,
          event: n.event,
          accountId: this.options.accountId,
          words: indexWordsOf(eventTextOf(n)),
        });
      }
    }

    // Chat lines are deduplicated here (events by their key): a redelivered line is dropped.
    const batches: StoredChatBatch[] = [];
    for (const [channelId, lines] of chatByChannel) {
      await this.recentChat.load(this.db, channelId, this.now());
      const fresh = lines.filter((line) => !this.recentChat.has(line.id));
      if (fresh.length === 0) continue;
      batches.push({
        channelId,
        receivedAt: fresh[0]!.receivedAt,
        count: fresh.length,
        lines: fresh,
      });
    }

    // The chat's search index is written after it, by the indexer (an event's words are on its row).
    const { db } = this;
    const matcher = this.options.forYou;
    const lineItems = matcher
      ? batches.flatMap((b) => b.lines.flatMap((line) => matcher.itemForLine(line) ?? []))
      : [];
    const { newEvents, forYou } = await db.transaction(
      'rw',
      db.events,
      db.chatBatches,
      db.forYou,
      async () => {
        if (batches.length) await db.chatBatches.bulkAdd(batches);
        const newEvents = await addNew(db.events, events);
        if (!matcher) return { newEvents };
        const items = lineItems.concat(newEvents.flatMap((e) => matcher.itemForWhisper(e) ?? []));
        const added = await addNew(db.forYou, items);
        const withdrawn = await withdrawForYou(db, this.options.accountId, newEvents);
        return { newEvents, forYou: { items: added, withdrawn } };
      },
    );
    let chatCount = 0;
    for (const b of batches) {
      chatCount += b.count;
      for (const line of b.lines) this.recentChat.add(line.id);
    }
    if (chatCount) this.indexer.notify(batches);
    const told = forYou && (forYou.items.length || forYou.withdrawn.length) ? forYou : undefined;
    if (newEvents.length || chatCount || told)
      this.options.onRecorded?.(newEvents, chatCount, told);
  }
}

/** How many times a failed batch is tried again before it is given up (and logged). */
const WRITE_RETRIES = 5;
/** The waits before those tries: 100 ms, doubling. */
const WRITE_BACKOFF = exponentialBackoff(100);

/**
 * Twitch may deliver a message again (same `metadata.message_id`), typically around a reconnect.
 * Chat lines are not keyed one by one, so the ids recorded lately are remembered here; when a
 * recorder starts, it reads back those of the last `REDELIVERY_WINDOW_MS` from the database.
 */
const REDELIVERY_WINDOW_MS = 10 * 60 * 1000;
const RECENT_CHAT_IDS = 20_000;

class RecentChatIds {
  private ids = new Set<string>();
  private loaded = new Set<string>();

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > RECENT_CHAT_IDS) {
      // A Set iterates in insertion order: the first is the oldest.
      this.ids.delete(this.ids.values().next().value!);
    }
  }

  /** Reads back a channel's recent line ids, once per channel. */
  async load(db: CompanionDatabase, channelId: string, now: number): Promise<void> {
    if (this.loaded.has(channelId)) return;
    const since = chatKeyAt(channelId, now - REDELIVERY_WINDOW_MS);
    const { lines } = await chatLinesAfter(db, channelId, since, RECENT_CHAT_IDS);
    for (const line of lines) this.add(line.id);
    this.loaded.add(channelId);
  }
}

/**
 * Adds the events whose id is not stored yet and returns them. One pass: a redelivery fails its
 * own add with a ConstraintError (caught, so the transaction goes on) instead of every event
 * being looked up first.
 */
export async function addNew<T extends { id: string }>(
  table: EntityTable<T, 'id'>,
  rows: T[],
): Promise<T[]> {
  if (rows.length === 0) return rows;
  try {
    await table.bulkAdd(rows);
    return rows;
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failed = error.failuresByPos as Record<number, Error>;
    for (const failure of Object.values(failed)) {
      if (failure.name !== 'ConstraintError') throw failure;
    }
    return rows.filter((_, index) => !(index in failed));
  }
}
