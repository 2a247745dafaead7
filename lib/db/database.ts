/**
 * The one database: every EventSub notification, stored locally. Chat lines have their own
 * table because there are many more of them and they are pruned sooner.
 *
 * Schema changes add a new `version(n)` below with its upgrade; never edit an old one.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { StoredStreamVideo } from '../history/moment';
import type { Json } from '../twitch/fields';
import type { ForYouItem } from './for-you';
import type { ChatWordsKey, StoredChatWords } from '../search/words';
import type { SearchMark } from '../search/indexer';
import type { ChatPostingKey, PostingsMark, StoredChatPosting } from '../search/postings';

/** One notification from Twitch, as received. */
export interface StoredEvent {
  /** Twitch's `metadata.message_id`: a redelivery has the same id, so it is stored once. */
  id: string;
  /** The favorite channel it is about. */
  channelId: string;
  /** Subscription type and version, e.g. `channel.follow` / `2`. */
  type: string;
  version: string;
  /** `notice_type` of a `channel.chat.notification`, else empty. */
  noticeType: string;
  /** Twitch's `metadata.message_timestamp`, epoch ms. */
  occurredAt: number;
  /** When this browser received it, epoch ms. */
  receivedAt: number;
  /** Whether the catalog shows it under "Recent events". */
  recent: 0 | 1;
  /** The event object exactly as Twitch sent it (validated to be an object). */
  event: Json;
  /**
   * `poll`: not sent by EventSub but seen by the minute poll (a change to a favorite whose
   * subscription did not fit the cost budget), in the shape EventSub would have sent.
   */
  source?: 'poll';
  /**
   * The Twitch user id of the account signed in when it was recorded (the listener's, or the
   * minute poll's); empty for rows recorded before this was kept (unknown). Role-only events —
   * the moderator's and the broadcaster's — are shown to that account only (`visibility.ts`).
   */
  accountId: string;
  /**
   * The search index keys of the event's factual text (`lib/search/words.ts`); absent on rows
   * recorded before version 5 until the index catches up with them (`lib/search/backfill.ts`).
   */
  words?: string[];
}

/** A `channel.chat.message`, kept for the native chat view. */
export interface StoredChatLine {
  /** Twitch's `metadata.message_id`. */
  id: string;
  /** The chat message's own id (`event.message_id`), which deletions refer to. */
  messageId: string;
  channelId: string;
  chatterId: string;
  occurredAt: number;
  receivedAt: number;
  event: Json;
}

/**
 * The chat lines of one channel recorded in one write, stored as one row.
 *
 * A busy channel sends thousands of lines a second, and the browser's IndexedDB pays for every
 * row (and every index entry) it writes far more than for its size; one row per write keeps up
 * where one row per line falls behind. Rows are never changed once written: deletions and clears
 * arrive as events and are applied when the chat is read (`lib/db/chat.ts`).
 */
export interface StoredChatBatch {
  channelId: string;
  /** The first line's `receivedAt`: arrival order is strictly increasing, so it orders batches. */
  receivedAt: number;
  /** How many lines: part of the key, so lines are counted from keys alone. */
  count: number;
  lines: StoredChatLine[];
}

export type ChatBatchKey = [channelId: string, receivedAt: number, count: number];

export class CompanionDatabase extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  chatBatches!: Table<StoredChatBatch, ChatBatchKey>;
  /** What Twitch has of a stream's past broadcast, remembered per stream (`lib/history/moment.ts`). */
  streamVideos!: Table<StoredStreamVideo, string>;
  forYou!: EntityTable<ForYouItem, 'id'>;
  chatWords!: Table<StoredChatWords, ChatWordsKey>;
  searchMarks!: EntityTable<SearchMark | PostingsMark, 'id'>;
  chatPostings!: Table<StoredChatPosting, ChatPostingKey>;

  constructor(name = 'companion-for-twitch') {
    super(name);
    this.version(1).stores({
      events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type',
      chat: 'id, messageId, [channelId+receivedAt], [channelId+chatterId]',
    });
    // Chat moves from one row per line to one row per write; the lines stored so far are kept.
    this.version(2)
      .stores({ chat: null, chatBatches: '[channelId+receivedAt+count]' })
      .upgrade(migrateChatToBatches);
    // Events name the account that received them; those recorded so far: unknown.
    this.version(3).stores({}).upgrade(markEventsAccountUnknown);
    // "For you": mentions, replies, highlights and whispers, one row per line (lib/db/for-you.ts).
    this.version(4).stores({
      forYou: 'id, [accountId+read+occurredAt], [accountId+occurredAt], messageId',
    });
    // The search index: the words of each chat batch (its key newest first, a row per 64 or 256
    // lines) and of each event.
    // Chat and events stored before are indexed after the upgrade, newest first, a few hundred
    // rows a transaction (`lib/search/backfill.ts`): the upgrade itself writes only the mark
    // between that chat and the chat the indexer follows (`lib/search/indexer.ts`), so a
    // database of a million lines opens at once.
    this.version(5)
      .stores({
        events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type, *words',
        chatWords: '[newness+channelId+count+fromEnd], *words',
        searchMarks: 'id',
      })
      .upgrade(markChatBeforeIndex);
    // The past broadcast of each stream looked up for "Watch this moment".
    this.version(6).stores({ streamVideos: 'streamId, channelId' });
    // The search index's posting lists, per word and hour (`lib/search/postings.ts`). An existing
    // database gets them from the compactor after the upgrade, not in it.
    this.version(7).stores({ chatPostings: '[bucket+part+word]' });
  }
}

/** Version 1 chat rows become batches of up to `CHAT_MIGRATION_BATCH` lines, in arrival order. */
export const CHAT_MIGRATION_BATCH = 500;

async function migrateChatToBatches(tx: Transaction): Promise<void> {
  type V1ChatRow = StoredChatLine & { deleted?: 0 | 1 };
  const rows = await tx.table<V1ChatRow>('chat').orderBy('[channelId+receivedAt]').toArray();
  const batches: StoredChatBatch[] = [];
  let open: StoredChatBatch | undefined;
  for (const { deleted: _deleted, ...line } of rows) {
    if (!open || open.channelId !== line.channelId || open.count >= CHAT_MIGRATION_BATCH) {
      open = { channelId: line.channelId, receivedAt: line.receivedAt, count: 0, lines: [] };
      batches.push(open);
    }
    open.lines.push(line);
    open.count += 1;
  }
  await tx.table<StoredChatBatch>('chatBatches').bulkAdd(batches);
}

/** Version 2 events get `accountId: ''`: shown to every account if public, to none if role-only. */
async function markEventsAccountUnknown(tx: Transaction): Promise<void> {
  await tx
    .table<Partial<StoredEvent>>('events')
    .toCollection()
    .modify((event) => {
      if (typeof event.accountId !== 'string') event.accountId = '';
    });
}

/**
 * Chat stored before version 5 is the back-fill's to index, chat after it the indexer's: the
 * indexer's mark starts just before now (a batch of this millisecond is the indexer's).
 */
async function markChatBeforeIndex(tx: Transaction): Promise<void> {
  await tx.table<SearchMark>('searchMarks').put({ id: 'chat', receivedAt: Date.now() - 1 });
}

let instance: CompanionDatabase | undefined;

/** The database shared by every context of the extension (they are all one origin). */
export function database(): CompanionDatabase {
  instance ??= new CompanionDatabase();
  return instance;
}
