/**
 * Searching the record: every stored chat line and the factual text of every event, newest
 * first, whole words compared in lower case, every word of the query required. A last word
 * ending in `*` (`hel*`) matches the words it begins, for results as the user types.
 *
 * Chat is found through its index (`StoredChatWords`, a row per 64 or 256 lines of a batch,
 * written by the indexer behind the recorder), whose keys ascend from the newest: one request
 * reads a word's newest keys, the word with the fewest drives, the others' keys rule rows out, and only the rows left are read (they
 * hold what a hit shows; the batches themselves are not read) — until the limit is reached, more
 * keys read only when these were not enough. A line
 * Twitch deleted, or that a clear removed, is not found. Events are found through their `*words`
 * index.
 *
 * Every step is one IndexedDB request and a little work on its answer: the page never waits on
 * a long task, and a search that is aborted stops at its next step.
 */
import Dexie from 'dexie';
import { applyModeration } from '../db/chat';
import type { CompanionDatabase, StoredChatLine, StoredEvent } from '../db/database';
import { visibleTo } from '../db/visibility';
import { EMPTY_MARK, type PostingsMark } from './postings';
import { partCandidates, partsByBucket, type PrefixFilter } from './postings-read';
import {
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

/**
 * A lone prefix (`a*`) is looked up as at most this many of the words it begins, first in order
 * (typing one more letter narrows it); with whole words beside it, it only checks the rows.
 */
export const MAX_PREFIX_WORDS = 20;

/**
 * A chat line's `receivedAt` (the index's order) is within this of its `occurredAt` (Twitch's
 * time, which the time filter is about): clocks differ, and redeliveries come late.
 */
const ARRIVAL_SLACK_MS = 10 * 60 * 1000;

/**
 * Candidate rows read together (one round of reads, answered together): 32 at first, twice as
 * many each round after — a search with many hits stops early, one with few reads wide.
 */
const FIRST_ROUND = 32;
const LARGEST_ROUND = 256;

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

// --- chat: the `words` index of `chatWords`, whose keys ascend from the newest ---

function compareKeys(a: ChatWordsKey, b: ChatWordsKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  if (a[2] !== b[2]) return a[2] < b[2] ? -1 : 1;
  return a[3] === b[3] ? 0 : a[3] < b[3] ? -1 : 1;
}

const idOf = (key: ChatWordsKey) => `${key[0]}|${key[1]}|${key[2]}|${key[3]}`;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Keys of the first index rows of a word read at once; each further read takes four times more.
 * Reading keys is what a search spends most on (Chromium checks every index entry against its
 * row), more than reading rows: so few at first, and only the driving word's read further.
 */
const FIRST_KEYS = 64;
/** The same for each of the words a lone prefix stands for. */
const FIRST_PREFIX_KEYS = 32;

/**
 * The newest index rows having a word: one request reads the first `asked` keys (its newest), and
 * `grow` reads more when they were not enough.
 */
class WordKeys {
  keys: ChatWordsKey[] = [];
  complete = false;
  private ids = new Set<string>();
  private asked = 0;

  constructor(
    private readonly index: IDBIndex,
    readonly word: string,
    private readonly first: number,
  ) {}

  async grow(): Promise<void> {
    this.asked = this.asked ? this.asked * 4 : this.first;
    const range = Dexie.dependencies.IDBKeyRange.only(this.word);
    this.keys = (await requestResult(this.index.getAllKeys(range, this.asked))) as ChatWordsKey[];
    this.complete = this.keys.length < this.asked;
    this.ids = new Set(this.keys.map(idOf));
  }

  /** Whether every row of the word up to `key` (in index order) is among the keys read. */
  covers(key: ChatWordsKey): boolean {
    return this.complete || (this.keys.length > 0 && compareKeys(key, this.keys.at(-1)!) <= 0);
  }

  has(key: ChatWordsKey): boolean {
    return this.ids.has(idOf(key));
  }

  /** Whether the keys read go past `edge` (a newness): every row up to it is among them. */
  passed(edge: number): boolean {
    return this.keys.length > 0 && this.keys.at(-1)![0] > edge;
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

/** How long a time the keys read of a word span (ms). */
const spanOf = (list: WordKeys) =>
  list.keys.length > 0 ? list.keys.at(-1)![0] - list.keys[0]![0] : 0;

/**
 * The word whose rows drive a search of whole words: the one with the fewest, when its keys read
 * so far are all it has; else the longest word (longer words are rarer).
 */
function driverOf(lists: WordKeys[]): WordKeys {
  const complete = lists.filter((list) => list.complete);
  if (complete.length > 0)
    return complete.reduce((a, b) => (b.keys.length < a.keys.length ? b : a));
  return lists.reduce((a, b) => (b.word.length > a.word.length ? b : a));
}

/**
 * The rows worth reading next, newest first, none twice: the driving word's keys, or those of any
 * word of the union (as far as all of them have been read); less those a whole word's keys show
 * not to have it. `exhausted` when there are no more.
 */
function nextCandidates(
  lists: WordKeys[],
  driver: WordKeys | undefined,
  union: WordKeys[],
  seen: Set<string>,
  edge: number,
): { keys: ChatWordsKey[]; exhausted: boolean } {
  const ruledOut = (key: ChatWordsKey) =>
    lists.some((list) => list !== driver && list.covers(key) && !list.has(key));
  if (driver) {
    const keys = driver.keys.filter(
      (key) => key[0] <= edge && !seen.has(idOf(key)) && !ruledOut(key),
    );
    return { keys, exhausted: driver.complete || driver.passed(edge) };
  }
  let horizon: ChatWordsKey | undefined;
  for (const list of union)
    if (
      !list.complete &&
      !list.passed(edge) &&
      (!horizon || compareKeys(list.keys.at(-1)!, horizon) < 0)
    )
      horizon = list.keys.at(-1)!;
  const merged = new Map<string, ChatWordsKey>();
  for (const list of union)
    for (const key of list.keys) {
      if (key[0] > edge || (horizon && compareKeys(key, horizon) > 0)) break;
      const id = idOf(key);
      if (!seen.has(id) && !ruledOut(key)) merged.set(id, key);
    }
  return { keys: [...merged.values()].sort(compareKeys), exhausted: horizon === undefined };
}

type ModerationEvents = Map<string, StoredEvent[]>;

const MODERATION_TYPES = [
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
];

/** The deletions and clears of every channel, by channel: what `applyModeration` needs. */
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
  const tx = db
    .backendDB()
    .transaction(['chatWords', 'chatPostings', 'searchMarks', 'events'], 'readonly');
  const hits: SearchHit[] = [];
  try {
    const index = tx.objectStore('chatWords').index('words');
    const marks = tx.objectStore('searchMarks');
    const directory = requestResult(marks.get('postings') as IDBRequest<PostingsMark | undefined>);
    const lists = query.words.map((word) => new WordKeys(index, indexWord(word), FIRST_KEYS));
    await Promise.all(lists.map((list) => list.grow()));
    let driver = lists.length > 0 ? driverOf(lists) : undefined;
    // The words a last `prefix*` stands for drive instead, when no whole word is known to be rare.
    let union: WordKeys[] = [];
    if (query.prefix !== undefined && !driver?.complete) {
      const begun = await wordsBeginning(index, indexWord(query.prefix));
      if (begun.length === 0) return hits;
      // With a whole word to drive, only when the prefix stands for all of its words.
      if (!driver || begun.length < MAX_PREFIX_WORDS) {
        union = begun.map((word) => new WordKeys(index, word, FIRST_PREFIX_KEYS));
        await Promise.all(union.map((list) => list.grow()));
        driver = undefined;
      }
    }
    // A rare whole word (or a prefix's rare words) finds its rows from its keys alone, however
    // old; else the rows received before the directory's time (`edge`, as a newness) are found
    // through the posting lists.
    const mark = (await directory) ?? EMPTY_MARK;
    const rare =
      driver?.complete === true || (union.length > 0 && union.every((list) => list.complete));
    const postings = !rare && mark.parts.length > 0;
    const edge = postings ? -mark.receivedAt : Infinity;
    // Keys are −receivedAt first: the newest a hit may be, and the oldest.
    const newest = options.to === undefined ? -Infinity : -(options.to + ARRIVAL_SLACK_MS);
    const oldest = options.from === undefined ? Infinity : -(options.from - ARRIVAL_SLACK_MS);
    const channels = options.channelIds && new Set(options.channelIds);
    const verify = chatVerifier(tx, query, options, hits);
    const seen = new Set<string>();
    let roundSize = FIRST_ROUND;
    /** Verifies candidate rows in index order, in growing rounds; whether to stop. */
    const check = async (keys: ChatWordsKey[]): Promise<'limit' | 'old' | undefined> => {
      let round: ChatWordsKey[] = [];
      let stop: 'limit' | 'old' | undefined;
      for (const key of keys) {
        const id = idOf(key);
        if (seen.has(id)) continue;
        seen.add(id);
        if (key[0] > oldest) {
          stop = 'old';
          break;
        }
        if (key[0] < newest || (channels && !channels.has(key[1]))) continue;
        round.push(key);
        if (round.length >= roundSize) {
          await verify(round);
          round = [];
          roundSize = Math.min(roundSize * 2, LARGEST_ROUND);
          if (hits.length >= limit) return 'limit';
        }
      }
      if (round.length > 0) await verify(round);
      return hits.length >= limit ? 'limit' : stop;
    };
    for (;;) {
      aborted(options.signal);
      const { keys, exhausted } = nextCandidates(lists, driver, union, seen, edge);
      if (await check(keys)) return hits.slice(0, limit);
      if (exhausted) break;
      // The driving word's next keys; another word's too unless it is far more frequent (its
      // keys read so far span under a quarter of the time): ruling rows out by keys is cheaper
      // than reading them, but not at any number of keys.
      if (driver)
        await Promise.all(
          lists
            .filter(
              (l) =>
                !l.complete && !l.passed(edge) && (l === driver || spanOf(l) * 4 >= spanOf(driver)),
            )
            .map((l) => l.grow()),
        );
      else
        await Promise.all(
          union.filter((list) => !list.complete && !list.passed(edge)).map((list) => list.grow()),
        );
    }
    if (!postings) return hits.slice(0, limit);
    // The compacted hours, newest first, a few at once (more each time).
    const wanted = lists.map((list) => list.word);
    const prefix: PrefixFilter =
      union.length > 0
        ? { kind: 'words', words: union.map((list) => list.word) }
        : query.prefix !== undefined
          ? { kind: 'range', prefix: indexWord(query.prefix) }
          : { kind: 'none' };
    const store = tx.objectStore('chatPostings');
    const buckets = partsByBucket(mark);
    for (let at = 0, group = 2; at < buckets.length; at += group, group = Math.min(group * 2, 16)) {
      aborted(options.signal);
      const read = buckets.slice(at, at + group);
      // The newest hour of the group beyond the oldest a hit may be: none of it can be.
      const found = await Promise.all(
        read.map(async ({ parts }) =>
          (await Promise.all(parts.map((part) => partCandidates(store, part, wanted, prefix))))
            .flat()
            .filter((key) => key[0] > edge)
            .sort(compareKeys),
        ),
      );
      for (const keys of found) if (await check(keys)) return hits.slice(0, limit);
    }
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

/** Reads candidate index rows and keeps the hits: the lines having every word, shown and in time. */
function chatVerifier(
  tx: IDBTransaction,
  query: ParsedQuery,
  options: SearchOptions,
  hits: SearchHit[],
) {
  const wordsStore = tx.objectStore('chatWords');
  let moderation: Promise<ModerationEvents> | undefined;
  const wanted = query.words.map(indexWord);
  const prefix = query.prefix === undefined ? undefined : indexWord(query.prefix);

  /** The positions of the block's lines having every word, newest first. */
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
    const rows = await Promise.all(
      keys.map((key) => requestResult(wordsStore.get(key)) as Promise<StoredChatWords | undefined>),
    );
    const moderationByChannel = await moderation;
    for (const row of rows) {
      if (!row) continue;
      const lines = positionsIn(row).map((p): StoredChatLine => ({
        id: '',
        messageId: row.messageIds[p]!,
        channelId: row.channelId,
        chatterId: row.chatterIds[p]!,
        occurredAt: row.occurredAt[p]!,
        receivedAt: row.arrivals[p]!,
        event: { message: { text: row.texts[p]! } },
      }));
      for (const line of applyModeration(lines, moderationByChannel.get(row.channelId) ?? [])) {
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
    }
  };
}
