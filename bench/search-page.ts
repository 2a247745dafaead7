/**
 * Runs in the page of `bench/search.ts` (bundled by esbuild): fills the extension's own database
 * schema with generated chat, through the same index-building code the recorder uses, and times
 * the search engine on it. Exposes `window.searchBench`.
 */
import {
  CompanionDatabase,
  type StoredChatBatch,
  type StoredChatLine,
  type StoredEvent,
} from '../lib/db/database';
import { searchRecord, type SearchOptions } from '../lib/search/engine';
import { compactPostings, EMPTY_MARK, postingsMark } from '../lib/search/postings';
import { chatWordsOf, eventTextOf, indexWordsOf } from '../lib/search/words';
import { seededRandom } from '../simulator/random';

const SYLLABLES =
  'ka ri to mo na se lu pi do re gu ba ne so chi ha mi ta ko ru ya zo fe vi la po su de gi wa'.split(
    ' ',
  );
const EMOTES = ['LUL', 'Kappa', 'PogChamp', 'KEKW', 'monkaS', 'Pog', 'OMEGALUL', 'HeyGuys', '<3'];

/**
 * The vocabulary: `size` made-up words ranked by frequency, drawn with Zipf's law (exponent 1.05)
 * as words of natural language and of chat are; a few emotes are among the most frequent.
 */
export function vocabulary(size: number, rand: () => number) {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < size) {
    const length = 1 + Math.floor(rand() * 4);
    let word = '';
    for (let i = 0; i < length; i += 1) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  EMOTES.forEach((emote, i) => (words[3 + i * 4] = emote));
  const weights = words.map((_, rank) => 1 / Math.pow(rank + 1, 1.05));
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const draw = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  return { words, draw };
}

export interface FillOptions {
  lines: number;
  channels: number;
  vocabulary: number;
  /** Whether the search index is written (false: the schema as it was before it). */
  indexed: boolean;
  /** Batches written per transaction while filling (the layout stored does not depend on it). */
  batchesPerTransaction: number;
  /** Lines per batch: drawn from this (a function of a uniform number). */
  batchSize: 'mixed' | number;
  seed: number;
}

/**
 * Lines per batch as the recorder writes them: at a few lines a second a write holds one line of
 * a channel; a busy chat joins tens to hundreds in one write while the one before commits.
 */
function mixedBatchSize(rand: () => number): number {
  const x = rand();
  if (x < 0.5) return 1;
  if (x < 0.8) return 2 + Math.floor(rand() * 9);
  if (x < 0.95) return 10 + Math.floor(rand() * 90);
  return 100 + Math.floor(rand() * 400);
}

interface Filled {
  lines: number;
  batches: number;
  indexEntries: number;
  seconds: number;
  linesPerSecond: number;
  /** `navigator.storage.estimate()` before and after (bytes). */
  usageBefore: number;
  usageAfter: number;
}

const state: {
  db?: CompanionDatabase;
  words?: string[];
  start?: number;
  end?: number;
  newest?: number;
} = {};

export async function fill(name: string, options: FillOptions): Promise<Filled> {
  const rand = seededRandom(options.seed);
  const { words, draw } = vocabulary(options.vocabulary, rand);
  const db = new CompanionDatabase(name);
  await db.open();
  const usageBefore = (await navigator.storage.estimate()).usage ?? 0;
  const channels = Array.from({ length: options.channels }, (_, i) => String(200001 + i));
  // A day: lines evenly spread over the last 24 hours.
  const end = Date.now();
  const start = end - 24 * 60 * 60 * 1000;
  const step = (end - start) / options.lines;
  let at = start;
  let made = 0;
  let batches = 0;
  let indexEntries = 0;
  const started = performance.now();
  while (made < options.lines) {
    const group: StoredChatBatch[] = [];
    for (let b = 0; b < options.batchesPerTransaction && made < options.lines; b += 1) {
      const size = Math.min(
        options.lines - made,
        options.batchSize === 'mixed' ? mixedBatchSize(rand) : options.batchSize,
      );
      const channelId = channels[Math.floor(rand() * channels.length)]!;
      const lines: StoredChatLine[] = [];
      for (let i = 0; i < size; i += 1) {
        const count = 1 + Math.floor(rand() * rand() * 14);
        const text = Array.from({ length: count }, draw).join(' ');
        const id = `${options.seed}-${made}`;
        at += step;
        lines.push({
          id,
          messageId: `m-${id}`,
          channelId,
          chatterId: String(1000 + Math.floor(rand() * 5000)),
          occurredAt: Math.floor(at),
          receivedAt: at,
          event: {
            broadcaster_user_id: channelId,
            chatter_user_id: '1',
            chatter_user_login: 'someone',
            chatter_user_name: 'Someone',
            message_id: `m-${id}`,
            message: { text, fragments: [{ type: 'text', text }] },
            color: '#FF0000',
            badges: [],
            message_type: 'text',
          },
        });
        made += 1;
      }
      group.push({ channelId, receivedAt: lines[0]!.receivedAt, count: size, lines });
    }
    const rows = options.indexed ? group.flatMap(chatWordsOf) : [];
    for (const row of rows) indexEntries += row.words.length;
    await db.transaction('rw', db.chatBatches, db.chatWords, async () => {
      await db.chatBatches.bulkAdd(group);
      if (rows.length) await db.chatWords.bulkAdd(rows);
    });
    batches += group.length;
  }
  const seconds = (performance.now() - started) / 1000;
  state.db = db;
  state.words = words;
  state.start = start;
  state.end = end;
  state.newest = at;
  const usageAfter = (await navigator.storage.estimate()).usage ?? 0;
  return {
    lines: made,
    batches,
    indexEntries,
    seconds,
    linesPerSecond: Math.round(made / seconds),
    usageBefore,
    usageAfter,
  };
}

/**
 * Stores `count` events as the recorder does (`perWrite` a transaction), with or without their
 * words (computed here, as the recorder does before its write): cheers, subscriptions with a
 * message, raids, as Twitch sends them.
 */
export async function events(
  name: string,
  options: { count: number; perWrite: number; words: boolean; vocabulary: number; seed: number },
): Promise<{ events: number; indexEntries: number; seconds: number; eventsPerSecond: number }> {
  const rand = seededRandom(options.seed);
  const { draw } = vocabulary(options.vocabulary, rand);
  const db = new CompanionDatabase(name);
  await db.open();
  let indexEntries = 0;
  const started = performance.now();
  for (let made = 0; made < options.count;) {
    const rows: StoredEvent[] = [];
    for (let i = 0; i < options.perWrite && made < options.count; i += 1, made += 1) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 10) }, draw).join(' ');
      const user = `viewer_${Math.floor(rand() * 5000)}`;
      const event = {
        broadcaster_user_id: '200001',
        broadcaster_user_login: 'demo',
        broadcaster_user_name: 'Demo',
        user_id: String(made),
        user_login: user,
        user_name: user.toUpperCase(),
        bits: 100,
        message: { text, fragments: [{ type: 'text', text }] },
      };
      const row: StoredEvent = {
        id: `${options.seed}-${made}`,
        channelId: '200001',
        type: 'channel.cheer',
        version: '1',
        noticeType: '',
        occurredAt: Date.now(),
        receivedAt: Date.now() + made / 1000,
        recent: 1,
        event,
        accountId: '200001',
      };
      if (options.words) {
        row.words = indexWordsOf(eventTextOf(row));
        indexEntries += row.words.length;
      }
      rows.push(row);
    }
    await db.transaction('rw', db.events, () => db.events.bulkAdd(rows));
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  await db.delete();
  return {
    events: options.count,
    indexEntries,
    seconds,
    eventsPerSecond: Math.round(options.count / seconds),
  };
}

export async function drop(name: string): Promise<void> {
  state.db?.close();
  await new CompanionDatabase(name).delete();
}

export interface QueryRun {
  query: string;
  filter: string;
  ms: number;
  hits: number;
  /** The hits' ids, in order (for comparing two runs). */
  ids: string;
}

/**
 * Times `count` searches of the kinds a user types: a frequent word, a rare one, two words, a
 * beginning (`ka*`), and some with a channel or the last six hours as filter.
 */
export async function searches(count: number, seed: number): Promise<QueryRun[]> {
  const { db, words, start, end } = state;
  if (!db || !words) throw new Error('fill first');
  const rand = seededRandom(seed);
  const pick = (from: number, to: number) =>
    words[from + Math.floor(rand() * Math.min(to - from, words.length - from))]!;
  const runs: QueryRun[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = i % 8;
    const query =
      kind === 0
        ? pick(0, 20) // among the most frequent words
        : kind === 1
          ? pick(100, 1000)
          : kind === 2
            ? pick(5000, words.length) // rare
            : kind === 3
              ? `${pick(0, 50)} ${pick(0, 50)}` // two frequent words: few lines have both
              : kind === 4
                ? `${pick(0, 200)} ${pick(1000, words.length)}`
                : kind === 5
                  ? `${pick(20, 2000).slice(0, 3)}*` // typing a word
                  : kind === 6
                    ? `${pick(0, 100)} ${pick(100, 3000).slice(0, 3)}*`
                    : pick(50, 5000);
    const options: SearchOptions = {};
    let filter = '';
    if (i % 5 === 3) {
      options.channelIds = ['200001'];
      filter = 'one channel';
    } else if (i % 5 === 4) {
      options.from = end! - 6 * 60 * 60 * 1000;
      filter = 'last 6 hours';
    }
    void start;
    const started = performance.now();
    const hits = await searchRecord(db, query, options, undefined);
    runs.push({
      query,
      filter,
      ms: performance.now() - started,
      hits: hits.length,
      ids: hits.map((hit) => hit.id).join(' '),
    });
  }
  return runs;
}

const searchIds = searches;

/** Long tasks (over 50 ms) the page had since `startLongTasks`. */
const longTasks: number[] = [];
export function startLongTasks(): void {
  longTasks.length = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
}
export const takeLongTasks = (): number[] => longTasks.splice(0);

/**
 * Packs the filled chat into posting lists as the compactor does behind the indexer (whose mark
 * is set to the newest line first): how long it takes, the parts, rows and bytes it writes.
 */
export async function compact(): Promise<{
  seconds: number;
  parts: number;
  hours: number;
  rows: number;
  postings: number;
  bytes: number;
}> {
  const { db, newest } = state;
  if (!db || newest === undefined) throw new Error('fill first');
  await db.searchMarks.put({ id: 'chat', receivedAt: newest });
  const usageBefore = (await navigator.storage.estimate()).usage ?? 0;
  const started = performance.now();
  const done = await compactPostings(db);
  const seconds = (performance.now() - started) / 1000;
  const mark = await postingsMark(db);
  return {
    seconds,
    parts: done.parts,
    hours: new Set(mark.parts.map((part) => part.bucket)).size,
    rows: done.rows,
    postings: done.postings,
    bytes: ((await navigator.storage.estimate()).usage ?? 0) - usageBefore,
  };
}

/**
 * Runs the same queries with the posting lists set aside (the directory emptied meanwhile) and
 * with them: the queries whose hits differ (none, when the posting lists are exact).
 */
export async function compare(count: number, seed: number): Promise<string[]> {
  const { db } = state;
  if (!db) throw new Error('fill first');
  const mark = await postingsMark(db);
  await db.searchMarks.put({ ...EMPTY_MARK });
  const without = await searchIds(count, seed);
  await db.searchMarks.put(mark);
  const withPostings = await searchIds(count, seed);
  return withPostings.flatMap((run, i) =>
    run.ids === without[i]!.ids
      ? []
      : [`${run.query} ${run.filter}: ${run.hits} hits, ${without[i]!.hits} without postings`],
  );
}

(window as unknown as { searchBench: unknown }).searchBench = {
  fill,
  compact,
  compare,
  events,
  drop,
  searches,
  startLongTasks,
  takeLongTasks,
};

/** Times the engine's two kinds of request on the filled database (for reading the results). */
export async function probe(): Promise<Record<string, number>> {
  const { db, words } = state;
  if (!db || !words) throw new Error('fill first');
  const idb = db.backendDB();
  const time = async (label: string, run: () => Promise<unknown>, out: Record<string, number>) => {
    const started = performance.now();
    await run();
    out[label] = Math.round((performance.now() - started) * 10) / 10;
  };
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const out: Record<string, number> = {};
  const tx = idb.transaction(['chatWords'], 'readonly');
  const index = tx.objectStore('chatWords').index('words');
  let keys: IDBValidKey[] = [];
  await time('empty get', () => request(tx.objectStore('chatWords').get([0, '', 0, 0])), out);
  await time(
    'getAllKeys 1000 (frequent word)',
    async () => {
      keys = await request(index.getAllKeys(IDBKeyRange.only(words[0]!.toLowerCase()), 1000));
    },
    out,
  );
  await time(
    'getAllKeys 16000 (frequent word)',
    () => request(index.getAllKeys(IDBKeyRange.only(words[0]!.toLowerCase()), 16000)),
    out,
  );
  await time(
    '32 gets',
    () => Promise.all(keys.slice(0, 32).map((k) => request(tx.objectStore('chatWords').get(k)))),
    out,
  );
  await time(
    '128 gets',
    () => Promise.all(keys.slice(100, 228).map((k) => request(tx.objectStore('chatWords').get(k)))),
    out,
  );
  return out;
}
(window as unknown as { searchBench: Record<string, unknown> }).searchBench.probe = probe;
