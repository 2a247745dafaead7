/**
 * Searching the record: every stored chat line and the factual text of every event, newest
 * first, whole words compared in lower case, every word of the query required. A last word
 * ending in `*` (`hel*`) matches the words it begins, for results as the user types.
 *
 * Chat is found through its index (`StoredChatWords`, one row per batch, written with the batch):
 * for each word a key cursor walks its batches newest first, the cursors of several words leap
 * over one another to the batches having all of them, and only those batches' index rows, then
 * the lines they point at, are read — until the limit is reached. A line Twitch deleted, or that
 * a clear removed, is not found. Events are found through their `*words` index.
 *
 * Every step is one IndexedDB request and a little work on its answer: the page never waits on
 * a long task, and a search that is aborted stops at its next step.
 */
import Dexie from 'dexie';
import { applyModeration } from '../db/chat';
import type { CompanionDatabase, StoredChatBatch, StoredEvent } from '../db/database';
import { visibleTo } from '../db/visibility';
import {
  batchKeyOf,
  chatTextOf,
  eventTextOf,
  indexWord,
  wordsOf,
  type ChatWordsKey,
  type StoredChatWords,
} from './words';

export interface SearchHit {
  kind: 'chat' | 'event';
  /** A chat line: its `event.message_id`; an event: the event row's id. */
  id: string;
  channelId: string;
  occurredAt: number;
  text: string;
  /** Where the words of the query are in `text`: [start, end) in UTF-16 units. */
  matches: Array<[start: number, end: number]>;
}

export interface SearchOptions {
  /** Only these channels (all when absent). */
  channelIds?: string[];
  /** Only what occurred at or after (epoch ms). */
  from?: number;
  /** Only what occurred at or before (epoch ms). */
  to?: number;
  /** At most this many hits (`DEFAULT_SEARCH_LIMIT`). */
  limit?: number;
  signal?: AbortSignal;
}

export const DEFAULT_SEARCH_LIMIT = 100;

/** A lone prefix (`a*`) is looked up as at most this many of the words it begins, first in order. */
export const MAX_PREFIX_WORDS = 100;

/**
 * A chat line's `receivedAt` (the index's order) is within this of its `occurredAt` (Twitch's
 * time, which the time filter is about): clocks differ, and redeliveries come late.
 */
const ARRIVAL_SLACK_MS = 10 * 60 * 1000;

/** Candidate batches verified together: one round of reads for all of them. */
const CANDIDATES_PER_ROUND = 32;

export interface ParsedQuery {
  /** Whole words, lower case, each once. */
  words: string[];
  /** The last word's beginning, when it ends with `*`. */
  prefix?: string;
}

export function parseQuery(query: string): ParsedQuery {
  const all = wordsOf(query);
  const last = all.at(-1);
  const typing = last !== undefined && /^\*\s*$/.test(query.slice(last.end));
  const words = [...new Set((typing ? all.slice(0, -1) : all).map((w) => w.word))];
  return typing ? { words, prefix: last.word } : { words };
}

/** Where the query's words are in `text`, when it has every one of them. */
export function matchText(text: string, query: ParsedQuery): Array<[number, number]> | undefined {
  const wanted = new Set(query.words);
  const found = new Set<string>();
  let prefixFound = query.prefix === undefined;
  const matches: Array<[number, number]> = [];
  for (const { start, end, word } of wordsOf(text)) {
    if (wanted.has(word)) {
      found.add(word);
      matches.push([start, end]);
    } else if (query.prefix !== undefined && word.startsWith(query.prefix)) {
      prefixFound = true;
      matches.push([start, end]);
    }
  }
  return found.size === wanted.size && prefixFound ? matches : undefined;
}

/**
 * The search the page runs: `accountId` is the signed-in account, for which events it may see
 * (`visibility.ts`).
 */
export async function searchRecord(
  db: CompanionDatabase,
  query: string,
  options: SearchOptions,
  accountId: string | undefined,
): Promise<SearchHit[]> {
  const parsed = parseQuery(query);
  if (parsed.words.length === 0 && parsed.prefix === undefined) return [];
  const limit = Math.max(1, options.limit ?? DEFAULT_SEARCH_LIMIT);
  const [chat, events] = await Promise.all([
    searchChat(db, parsed, options, limit),
    searchEvents(db, parsed, options, limit, accountId),
  ]);
  return [...chat, ...events].sort((a, b) => b.occurredAt - a.occurredAt).slice(0, limit);
}

const aborted = (signal: AbortSignal | undefined) => {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new DOMException('', 'AbortError');
};

function inTime(at: number, options: SearchOptions) {
  return (
    (options.from === undefined || at >= options.from) &&
    (options.to === undefined || at <= options.to)
  );
}

async function searchEvents(
  db: CompanionDatabase,
  query: ParsedQuery,
  options: SearchOptions,
  limit: number,
  accountId: string | undefined,
): Promise<SearchHit[]> {
  let ids: Set<string> | undefined;
  const lookups = query.words.map((word) =>
    db.events.where('words').equals(indexWord(word)).primaryKeys(),
  );
  if (query.prefix !== undefined)
    lookups.push(db.events.where('words').startsWith(indexWord(query.prefix)).primaryKeys());
  for (const keys of await Promise.all(lookups)) {
    ids = ids ? new Set(keys.filter((id) => ids!.has(id))) : new Set(keys);
    if (ids.size === 0) return [];
  }
  aborted(options.signal);
  const channels = options.channelIds && new Set(options.channelIds);
  const events = (await db.events.bulkGet([...ids!])).filter(
    (e): e is StoredEvent =>
      e !== undefined &&
      (!channels || channels.has(e.channelId)) &&
      inTime(e.occurredAt, options) &&
      visibleTo(e, accountId),
  );
  events.sort((a, b) => b.occurredAt - a.occurredAt);
  const hits: SearchHit[] = [];
  for (const event of events) {
    const text = eventTextOf(event);
    const matches = matchText(text, query);
    if (!matches) continue;
    hits.push({
      kind: 'event',
      id: event.id,
      channelId: event.channelId,
      occurredAt: event.occurredAt,
      text,
      matches,
    });
    if (hits.length >= limit) break;
  }
  return hits;
}

// --- chat: key cursors over the `words` index of `chatWords`, newest first ---

function compareKeys(a: ChatWordsKey, b: ChatWordsKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** A key cursor over one word's batches, newest first. */
class WordCursor {
  key: ChatWordsKey | undefined;
  private cursor: IDBCursor | null = null;
  private waiting: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(
    private readonly index: IDBIndex,
    private readonly word: string,
  ) {}

  /** Opens at the newest batch at or before `upper`. */
  async open(upper: ChatWordsKey | undefined): Promise<void> {
    const request = this.index.openKeyCursor(
      Dexie.dependencies.IDBKeyRange.only(this.word),
      'prev',
    );
    request.onsuccess = () => {
      this.cursor = request.result;
      this.key = this.cursor?.primaryKey as ChatWordsKey | undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve();
    };
    request.onerror = () => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(request.error);
    };
    await this.wait();
    if (upper && this.key && compareKeys(this.key, upper) > 0) await this.seek(upper);
  }

  /** The next older batch. */
  next(): Promise<void> {
    this.cursor!.continue();
    return this.wait();
  }

  /** The newest batch at or before `key` (older than the current one). */
  seek(key: ChatWordsKey): Promise<void> {
    this.cursor!.continuePrimaryKey(this.word, key);
    return this.wait();
  }

  private wait(): Promise<void> {
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

/**
 * Batches having every word, newest first: each cursor is moved to the oldest key any of them
 * is at, until all are at the same one (a leapfrog join). Calls `found` for each; stops when it
 * returns false.
 */
async function joinWords(
  cursors: WordCursor[],
  lower: number,
  signal: AbortSignal | undefined,
  found: (key: ChatWordsKey) => boolean | Promise<boolean>,
): Promise<void> {
  for (;;) {
    aborted(signal);
    let oldest: ChatWordsKey | undefined;
    for (const cursor of cursors) {
      if (!cursor.key) return;
      if (!oldest || compareKeys(cursor.key, oldest) < 0) oldest = cursor.key;
    }
    if (oldest![0] < lower) return;
    const ahead = cursors.filter((c) => compareKeys(c.key!, oldest!) !== 0);
    if (ahead.length > 0) {
      await Promise.all(ahead.map((c) => c.seek(oldest!)));
      continue;
    }
    if (!(await found(oldest!))) return;
    await Promise.all(cursors.map((c) => c.next()));
  }
}

/** Batches having any of the words (a prefix's words), newest first, each once. */
async function unionWords(
  cursors: WordCursor[],
  lower: number,
  signal: AbortSignal | undefined,
  found: (key: ChatWordsKey) => boolean | Promise<boolean>,
): Promise<void> {
  let open = cursors.filter((c) => c.key);
  while (open.length > 0) {
    aborted(signal);
    let newest = open[0]!.key!;
    for (const cursor of open) if (compareKeys(cursor.key!, newest) > 0) newest = cursor.key!;
    if (newest[0] < lower) return;
    if (!(await found(newest))) return;
    await Promise.all(open.filter((c) => compareKeys(c.key!, newest) === 0).map((c) => c.next()));
    open = open.filter((c) => c.key);
  }
}

/** The distinct indexed words beginning with `prefix`, in order, at most `MAX_PREFIX_WORDS`. */
async function wordsBeginning(index: IDBIndex, prefix: string): Promise<string[]> {
  const request = index.openKeyCursor(
    Dexie.dependencies.IDBKeyRange.bound(prefix, `${prefix}\uffff`),
    'nextunique',
  );
  const words: string[] = [];
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || words.length >= MAX_PREFIX_WORDS) return resolve(words);
      words.push(cursor.key as string);
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

type ModerationEvents = Map<string, StoredEvent[]>;

const MODERATION_TYPES = [
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
];

async function moderationEvents(events: IDBObjectStore): Promise<ModerationEvents> {
  const byChannel: ModerationEvents = new Map();
  const index = events.index('type');
  const lists = await Promise.all(
    MODERATION_TYPES.map((type) =>
      requestResult(
        index.getAll(Dexie.dependencies.IDBKeyRange.only(type)) as IDBRequest<StoredEvent[]>,
      ),
    ),
  );
  for (const event of lists.flat()) {
    let list = byChannel.get(event.channelId);
    if (!list) byChannel.set(event.channelId, (list = []));
    list.push(event);
  }
  return byChannel;
}

async function searchChat(
  db: CompanionDatabase,
  query: ParsedQuery,
  options: SearchOptions,
  limit: number,
): Promise<SearchHit[]> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(['chatWords', 'chatBatches', 'events'], 'readonly');
  const hits: SearchHit[] = [];
  try {
    const index = tx.objectStore('chatWords').index('words');
    const drivers =
      query.words.length > 0
        ? query.words.map(indexWord)
        : await wordsBeginning(index, indexWord(query.prefix!));
    if (drivers.length === 0) return hits;
    const upper: ChatWordsKey | undefined =
      options.to === undefined
        ? undefined
        : ([options.to + ARRIVAL_SLACK_MS, '\uffff', Infinity] as ChatWordsKey);
    const lower = options.from === undefined ? -Infinity : options.from - ARRIVAL_SLACK_MS;
    const cursors = drivers.map((word) => new WordCursor(index, word));
    await Promise.all(cursors.map((c) => c.open(upper)));

    const channels = options.channelIds && new Set(options.channelIds);
    const verify = chatVerifier(tx, query, options, hits);
    let round: ChatWordsKey[] = [];
    const found = async (key: ChatWordsKey) => {
      if (!channels || channels.has(key[1])) round.push(key);
      if (round.length < CANDIDATES_PER_ROUND) return true;
      await verify(round);
      round = [];
      return hits.length < limit;
    };
    if (query.words.length > 0) await joinWords(cursors, lower, options.signal, found);
    else await unionWords(cursors, lower, options.signal, found);
    if (round.length > 0 && hits.length < limit) await verify(round);
    return hits.slice(0, limit);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished.
    }
    throw error;
  }
}

/** Reads candidate batches (their index rows, then the lines these point at) and keeps the hits. */
function chatVerifier(
  tx: IDBTransaction,
  query: ParsedQuery,
  options: SearchOptions,
  hits: SearchHit[],
) {
  const wordsStore = tx.objectStore('chatWords');
  const batchStore = tx.objectStore('chatBatches');
  let moderation: Promise<ModerationEvents> | undefined;
  const wanted = query.words.map(indexWord);
  const prefix = query.prefix === undefined ? undefined : indexWord(query.prefix);

  /** The positions of the batch's lines having every word: from its index row. */
  const positionsIn = (row: StoredChatWords): number[] => {
    let positions: Set<number> | undefined;
    const having = (test: (word: string) => boolean) => {
      const lines = new Set<number>();
      row.words.forEach((word, i) => {
        if (!test(word)) return;
        for (let at = row.starts[i]!; at < row.starts[i + 1]!; at += 1) {
          const line = row.lines[at]!;
          if (!positions || positions.has(line)) lines.add(line);
        }
      });
      positions = lines;
    };
    for (const word of wanted) having((w) => w === word);
    if (prefix !== undefined) having((w) => w.startsWith(prefix));
    return [...(positions ?? [])].sort((a, b) => b - a);
  };

  return async (keys: ChatWordsKey[]): Promise<void> => {
    aborted(options.signal);
    moderation ??= moderationEvents(tx.objectStore('events'));
    // A batch of one line has it: its index row would say nothing more.
    const rows = await Promise.all(
      keys.map((key) =>
        key[2] === 1
          ? undefined
          : (requestResult(wordsStore.get(key)) as Promise<StoredChatWords | undefined>),
      ),
    );
    const wantedLines = keys.map((key, i) => (rows[i] ? positionsIn(rows[i]) : [0]));
    const batches = await Promise.all(
      keys.map((key, i) =>
        wantedLines[i]!.length === 0
          ? undefined
          : (requestResult(batchStore.get(batchKeyOf(key))) as Promise<
              StoredChatBatch | undefined
            >),
      ),
    );
    const moderationByChannel = await moderation;
    batches.forEach((batch, i) => {
      if (!batch) return;
      const lines = wantedLines[i]!.map((p) => batch.lines[p]).filter((line) => line !== undefined);
      const shown = applyModeration(lines, moderationByChannel.get(batch.channelId) ?? []);
      for (const line of shown) {
        if (line.deleted || !inTime(line.occurredAt, options)) continue;
        const text = chatTextOf(line);
        const matches = matchText(text, query);
        if (!matches) continue;
        hits.push({
          kind: 'chat',
          id: line.messageId,
          channelId: line.channelId,
          occurredAt: line.occurredAt,
          text,
          matches,
        });
      }
    });
  };
}
