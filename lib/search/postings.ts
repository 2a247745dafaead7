/**
 * Posting lists of the chat index, packed per word and hour: for chat older than the newest few
 * minutes, the compactor folds the per-row entries of the `words` index (`StoredChatWords`, a row
 * per 64 or 256 lines) into rows keyed `[bucket, part, word]`. A posting row holds, for each index
 * row of its part that has the word, the row's place in the part's row list and the bitmask of
 * its lines that have it. Two frequent words then meet in memory from a few reads an hour, and
 * only the index rows whose masks share a line are read (`engine.ts`).
 *
 * - **Buckets** are hours of `receivedAt` (the index's order). A bucket has one part when it is
 *   complete; the hour still going on gets a part for every `LIVE_ROWS` index rows, and is folded
 *   into one part (rebuilt from the index rows) once the hour is over. A part holds at most
 *   `PART_ROWS` index rows (a firehose's hour gets several).
 * - **The directory** (`searchMarks`, `postings`) lists the parts and the time before which every
 *   index row is in one (`receivedAt`): a search takes the rows after it from the `words` index,
 *   and the rows before it from the parts. The compactor writes a part's rows first, in bounded
 *   transactions with pauses (the recorder's writes go first), and then, in one transaction, the
 *   directory; rows of parts not in the directory are never read.
 * - **Chat indexed late** (the back-fill of chat recorded before the index, `backfill.ts`) lands
 *   in hours already compacted: the back-fill writes a part of its own for them in its
 *   transaction (`postLateRows`), and the compactor folds that hour again.
 * - **Retention** deletes index rows; a posting pointing at one is skipped when the search reads
 *   it. Hours older than the oldest chat are deleted by the compactor, and every posting when no
 *   chat is left.
 *
 * The compactor follows the indexer (`indexer.ts`): it never compacts chat after the indexer's
 * mark, so the indexer never writes into a part.
 */
import Dexie, { type Table } from 'dexie';
import type { CompanionDatabase } from '../db/database';
import { blockSizeOf, type ChatWordsKey, type StoredChatWords } from './words';

/** The length of a bucket: an hour of chat by `receivedAt`. */
export const BUCKET_MS = 60 * 60 * 1000;
/** The hour going on gets a part when this many index rows are not in one yet. */
export const LIVE_ROWS = 128;
/** Index rows in one part at most (a busy hour gets several). */
export const PART_ROWS = 4_096;
/** Index rows read at once while a part is built. */
const ROWS_PER_READ = 512;
/** Posting rows written in one transaction. */
const POSTINGS_PER_WRITE = 2_000;
/** The pause between two of the compactor's transactions, in which the recorder's writes go first. */
const PAUSE_MS = 20;

export const bucketOf = (receivedAt: number): number => Math.floor(receivedAt / BUCKET_MS);

/** A part: the index rows received in `[from, to)` of one bucket (a late part: some of them). */
export interface PostingPart {
  bucket: number;
  part: number;
  from: number;
  to: number;
  /** Index rows in it. */
  rows: number;
  /** Written for chat indexed after its hour was compacted: folded by the compactor. */
  late?: boolean;
}

/** The directory of the posting lists. */
export interface PostingsMark {
  id: 'postings';
  /** Every index row received before this is in a part (−∞: none is). */
  receivedAt: number;
  parts: PostingPart[];
  /** Changed by every write, so that two compactors do not both write it. */
  version: number;
}

/** The index rows of a part, in index order (newest first): a posting refers to them by place. */
export interface StoredPartRows {
  bucket: number;
  part: number;
  word: '';
  newness: Float64Array;
  channelIds: string[];
  /** Per row, its channel's place in `channelIds`. */
  channels: Uint16Array;
  counts: Uint32Array;
  fromEnd: Uint32Array;
}

/** The index rows of a part that have `word`, and which of their lines have it. */
export interface StoredWordPostings {
  bucket: number;
  part: number;
  word: string;
  /** Places in the part's row list, ascending. */
  rows: Uint16Array;
  /** Per entry, `maskWidth(count)` 32-bit words: bit `p` is line `p` of the block. */
  masks: Uint32Array;
}

export type StoredChatPosting = StoredPartRows | StoredWordPostings;
export type ChatPostingKey = [bucket: number, part: number, word: string];

/** How many 32-bit words the line mask of an index row of a batch of `count` lines takes. */
export const maskWidth = (count: number): number => blockSizeOf(count) / 32;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));

export const EMPTY_MARK: PostingsMark = {
  id: 'postings',
  receivedAt: -Infinity,
  parts: [],
  version: 0,
};

const putMark = (db: CompanionDatabase, mark: PostingsMark) =>
  (db.searchMarks as unknown as Table<PostingsMark, 'id'>).put(mark);

export async function postingsMark(db: CompanionDatabase): Promise<PostingsMark> {
  return ((await db.searchMarks.get('postings')) as PostingsMark | undefined) ?? EMPTY_MARK;
}

/**
 * Forgets every posting list, when every chat line is deleted: in a transaction that holds
 * `chatPostings` and `searchMarks`.
 */
export async function clearPostings(db: CompanionDatabase): Promise<void> {
  const { version } = await postingsMark(db);
  await db.chatPostings.clear();
  await putMark(db, { ...EMPTY_MARK, version: version + 1 });
}

/** The index keys of rows received in `[from, to)`: newness in `(−to, −from]`. */
function rowRange(db: CompanionDatabase, from: number, to: number) {
  return db.chatWords.where(':id').between([-to, Dexie.maxKey], [-from, Dexie.maxKey], false, true);
}

const keyId = (key: ChatWordsKey) => `${key[0]}|${key[1]}|${key[2]}|${key[3]}`;
const rowKey = (row: StoredChatWords): ChatWordsKey => [
  row.newness,
  row.channelId,
  row.count,
  row.fromEnd,
];

/** A part made in memory, not written yet. */
interface BuiltPart {
  part: PostingPart;
  rows: StoredChatPosting[];
  keys: Set<string>;
}

/** A fresh part id: unique within its bucket (two compactors never pick the same). */
const newPartId = () => Date.now() * 1024 + Math.floor(Math.random() * 1024);

/** The posting rows of index rows of one bucket, given in index order (newest first). */
export function buildPart(
  bucket: number,
  range: { from: number; to: number },
  rows: readonly StoredChatWords[],
  late = false,
): BuiltPart {
  const steps = partSteps(bucket, range, rows, late);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Index rows made into postings between two yields to the event loop. */
const ROWS_PER_STEP = 128;

/** The same in steps, the event loop served between them (the recorder shares the context). */
async function buildPartInSteps(
  bucket: number,
  range: { from: number; to: number },
  rows: readonly StoredChatWords[],
): Promise<BuiltPart> {
  const steps = partSteps(bucket, range, rows, false);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

function* partSteps(
  bucket: number,
  range: { from: number; to: number },
  rows: readonly StoredChatWords[],
  late: boolean,
): Generator<void, BuiltPart> {
  const part = newPartId();
  const channelIds: string[] = [];
  const channelPlace = new Map<string, number>();
  const list: StoredPartRows = {
    bucket,
    part,
    word: '',
    newness: Float64Array.from(rows, (row) => row.newness),
    channelIds,
    channels: Uint16Array.from(rows, (row) => {
      let place = channelPlace.get(row.channelId);
      if (place === undefined) {
        place = channelIds.length;
        channelPlace.set(row.channelId, place);
        channelIds.push(row.channelId);
      }
      return place;
    }),
    counts: Uint32Array.from(rows, (row) => row.count),
    fromEnd: Uint32Array.from(rows, (row) => row.fromEnd),
  };
  const byWord = new Map<string, { rows: number[]; masks: number[] }>();
  for (let place = 0; place < rows.length; place += 1) {
    if (place > 0 && place % ROWS_PER_STEP === 0) yield;
    const row = rows[place]!;
    const width = maskWidth(row.count);
    row.words.forEach((word, i) => {
      let postings = byWord.get(word);
      if (!postings) byWord.set(word, (postings = { rows: [], masks: [] }));
      postings.rows.push(place);
      const at = postings.masks.length;
      for (let w = 0; w < width; w += 1) postings.masks.push(0);
      for (let l = row.starts[i]!; l < row.starts[i + 1]!; l += 1) {
        const line = row.lines[l]!;
        postings.masks[at + (line >> 5)]! |= 1 << (line & 31);
      }
    });
  }
  yield;
  const made: StoredChatPosting[] = [list];
  for (const [word, postings] of byWord)
    made.push({
      bucket,
      part,
      word,
      rows: Uint16Array.from(postings.rows),
      masks: Uint32Array.from(postings.masks),
    });
  return {
    part: {
      bucket,
      part,
      from: range.from,
      to: range.to,
      rows: rows.length,
      ...(late && { late }),
    },
    rows: made,
    keys: new Set(rows.map((row) => keyId(rowKey(row)))),
  };
}

/** Reads the index rows received in `[from, to)`, newest first, in bounded reads. */
async function readRows(
  db: CompanionDatabase,
  from: number,
  to: number,
): Promise<StoredChatWords[]> {
  const rows: StoredChatWords[] = [];
  let upper = to;
  for (;;) {
    // Newest first within [from, upper): after a read, the next starts below its oldest batch.
    const page = await db.transaction('r', db.chatWords, () =>
      rowRange(db, from, upper).limit(ROWS_PER_READ).toArray(),
    );
    if (page.length < ROWS_PER_READ) {
      rows.push(...page);
      return rows;
    }
    // The last batch of the page may go on in the next: read its rows again with it.
    const lastNewness = page.at(-1)!.newness;
    const whole = page.filter((row) => row.newness !== lastNewness);
    if (whole.length === 0) {
      // One batch of more than `ROWS_PER_READ` rows (never made: 5,000 lines make 20).
      rows.push(...page);
      upper = -lastNewness;
      continue;
    }
    rows.push(...whole);
    // Rows received in [from, −lastNewness] are left; the range is open at its end.
    upper = nextAbove(-lastNewness);
  }
}

/** The smallest number above `x` (so that a range open at it includes `x`). */
function nextAbove(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return buffer[0]!;
}

/**
 * Splits index rows (newest first) into parts of at most `PART_ROWS` rows, never between the rows
 * of one batch: each part covers `[its oldest row's receivedAt, the newer part's start)`.
 */
function split(
  from: number,
  to: number,
  rows: StoredChatWords[],
): Array<{ from: number; to: number; rows: StoredChatWords[] }> {
  const parts: Array<{ from: number; to: number; rows: StoredChatWords[] }> = [];
  let start = 0;
  let upper = to;
  while (rows.length - start > PART_ROWS) {
    let end = start + PART_ROWS;
    while (end < rows.length && rows[end]!.newness === rows[end - 1]!.newness) end += 1;
    if (end >= rows.length) break;
    const cut = -rows[end - 1]!.newness;
    parts.push({ from: cut, to: upper, rows: rows.slice(start, end) });
    start = end;
    upper = cut;
  }
  parts.push({ from, to: upper, rows: rows.slice(start) });
  return parts;
}

export interface CompactResult {
  /** Parts written. */
  parts: number;
  /** Index rows they cover. */
  rows: number;
  /** Posting rows written (row lists included). */
  postings: number;
  /** Hours deleted (older than the oldest chat). */
  prunedBuckets: number;
}

/** Deletes the posting rows of these parts (no longer in the directory). */
async function deleteParts(db: CompanionDatabase, parts: readonly PostingPart[]): Promise<void> {
  for (const { bucket, part } of parts)
    await db.transaction('rw', db.chatPostings, () =>
      db.chatPostings
        .where(':id')
        .between([bucket, part, Dexie.minKey], [bucket, part, Dexie.maxKey])
        .delete(),
    );
}

/**
 * Deletes the hours older than the oldest chat (every posting when no chat is left): the chat
 * they point at is gone.
 */
export async function prunePostings(db: CompanionDatabase): Promise<number> {
  // Looked at first without a write lock (the compactor runs after every indexer run).
  const due = await db.transaction('r', db.searchMarks, db.chatWords, async () => {
    const { parts } = await postingsMark(db);
    const [oldest] = await db.chatWords.orderBy(':id').reverse().limit(1).primaryKeys();
    const first = oldest ? bucketOf(-oldest[0]) : Infinity;
    return parts.some((part) => part.bucket < first);
  });
  if (!due) return 0;
  return db.transaction('rw', db.searchMarks, db.chatWords, db.chatPostings, async () => {
    const mark = await postingsMark(db);
    const [oldest] = await db.chatWords.orderBy(':id').reverse().limit(1).primaryKeys();
    const first = oldest ? bucketOf(-oldest[0]) : Infinity;
    const doomed = mark.parts.filter((part) => part.bucket < first);
    if (doomed.length === 0) return 0;
    if (oldest) await db.chatPostings.where(':id').below([first]).delete();
    else await db.chatPostings.clear();
    await putMark(db, {
      ...mark,
      parts: mark.parts.filter((part) => part.bucket >= first),
      version: mark.version + 1,
    });
    return new Set(doomed.map((part) => part.bucket)).size;
  });
}

/** What the compactor does next: a range of one bucket, replacing some parts. */
interface Step {
  bucket: number;
  from: number;
  to: number;
  /** The parts the new ones replace (a fold). */
  replaces: PostingPart[];
  /** The directory's time after it. */
  mark: number;
  version: number;
}

async function nextStep(db: CompanionDatabase): Promise<Step | undefined> {
  return db.transaction('r', db.searchMarks, db.chatWords, async () => {
    const mark = await postingsMark(db);
    const indexed = (await db.searchMarks.get('chat'))?.receivedAt ?? -Infinity;
    const start = (bucket: number) => bucket * BUCKET_MS;
    // An hour with a late part, or with several parts once it is over: rebuilt as one.
    const complete = bucketOf(mark.receivedAt);
    const counts = new Map<number, PostingPart[]>();
    for (const part of mark.parts)
      counts.set(part.bucket, [...(counts.get(part.bucket) ?? []), part]);
    for (const [bucket, parts] of [...counts].sort((a, b) => b[0] - a[0]))
      if (bucket < complete && (parts.length > 1 || parts.some((part) => part.late)))
        return {
          bucket,
          from: start(bucket),
          to: start(bucket + 1),
          replaces: parts,
          mark: mark.receivedAt,
          version: mark.version,
        };
    let from = mark.receivedAt;
    if (from === -Infinity) {
      const [oldest] = await db.chatWords.orderBy(':id').reverse().limit(1).primaryKeys();
      if (!oldest) return undefined;
      from = start(bucketOf(-oldest[0]));
    }
    // Chat after the indexer's mark is not indexed yet: never compacted.
    if (from >= indexed) return undefined;
    const bucket = bucketOf(from);
    const to = Math.min(indexed, start(bucket + 1));
    if (to < start(bucket + 1)) {
      // The hour going on: a part once enough rows are not in one.
      const rows = await rowRange(db, from, to).count();
      if (rows < LIVE_ROWS) return undefined;
      return { bucket, from, to, replaces: [], mark: to, version: mark.version };
    }
    // The hour is over: its parts and the rest of it become one.
    const parts = counts.get(bucket) ?? [];
    return parts.length > 0
      ? {
          bucket,
          from: start(bucket),
          to,
          replaces: parts,
          mark: to,
          version: mark.version,
        }
      : { bucket, from, to, replaces: [], mark: to, version: mark.version };
  });
}

/**
 * Compacts what is due: hours to fold again first (newest first), then the chat after the
 * directory's time, an hour at a time, up to the indexer's mark. Each step writes its parts'
 * rows in bounded transactions with pauses, then the directory in one transaction that checks
 * nothing changed meanwhile (another compactor, chat indexed late in the range: the step is
 * thrown away and done again). Resumes from the directory; the rows of a part a stopped run
 * wrote and did not enter are never read, and go with their hour. `beforeCommit` is for tests.
 */
export async function compactPostings(
  db: CompanionDatabase,
  options: { beforeCommit?: () => Promise<void>; signal?: AbortSignal } = {},
): Promise<CompactResult> {
  const result: CompactResult = { parts: 0, rows: 0, postings: 0, prunedBuckets: 0 };
  result.prunedBuckets = await prunePostings(db);
  for (let attempts = 0; attempts < 1_000; attempts += 1) {
    if (options.signal?.aborted) break;
    const step = await nextStep(db);
    if (!step) break;
    const rows = await readRows(db, step.from, step.to);
    const built: BuiltPart[] = [];
    for (const range of split(step.from, step.to, rows))
      built.push(await buildPartInSteps(step.bucket, range, range.rows));
    const written: PostingPart[] = [];
    for (const part of built) {
      for (let i = 0; i < part.rows.length; i += POSTINGS_PER_WRITE) {
        await pause();
        await db.transaction('rw', db.chatPostings, () =>
          db.chatPostings.bulkPut(part.rows.slice(i, i + POSTINGS_PER_WRITE)),
        );
      }
      written.push(part.part);
    }
    await options.beforeCommit?.();
    const entered = await db.transaction(
      'rw',
      db.searchMarks,
      db.chatWords,
      db.chatPostings,
      async () => {
        const mark = await postingsMark(db);
        if (mark.version !== step.version) return false;
        // Chat indexed late into the range after it was read: this step is done again.
        const keys = await rowRange(db, step.from, step.to).primaryKeys();
        const known = new Set(built.flatMap((part) => [...part.keys]));
        if (keys.some((key) => !known.has(keyId(key)))) return false;
        const replaced = new Set(step.replaces.map((part) => `${part.bucket}|${part.part}`));
        await putMark(db, {
          id: 'postings',
          receivedAt: Math.max(mark.receivedAt, step.mark),
          parts: [
            ...mark.parts.filter((part) => !replaced.has(`${part.bucket}|${part.part}`)),
            ...written,
          ],
          version: mark.version + 1,
        });
        return true;
      },
    );
    if (!entered) {
      await deleteParts(db, written);
      continue;
    }
    await deleteParts(db, step.replaces);
    result.parts += written.length;
    result.rows += rows.length;
    result.postings += built.reduce((sum, part) => sum + part.rows.length, 0);
    await pause();
  }
  return result;
}

/**
 * Index rows written into hours already compacted (chat indexed late: the back-fill) get a part
 * of their own per hour, in the caller's transaction (which holds `searchMarks` and
 * `chatPostings`): found at once, folded into their hour by the compactor later.
 */
export async function postLateRows(
  db: CompanionDatabase,
  rows: readonly StoredChatWords[],
): Promise<void> {
  const mark = await postingsMark(db);
  const late = rows.filter((row) => -row.newness < mark.receivedAt);
  if (late.length === 0) return;
  const byBucket = new Map<number, StoredChatWords[]>();
  for (const row of late) {
    const bucket = bucketOf(-row.newness);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), row]);
  }
  const parts: PostingPart[] = [];
  for (const [bucket, bucketRows] of byBucket) {
    bucketRows.sort((a, b) => compareRowKeys(rowKey(a), rowKey(b)));
    const from = -bucketRows.at(-1)!.newness;
    const built = buildPart(
      bucket,
      { from, to: nextAbove(-bucketRows[0]!.newness) },
      bucketRows,
      true,
    );
    await db.chatPostings.bulkPut(built.rows);
    parts.push(built.part);
  }
  await putMark(db, { ...mark, parts: [...mark.parts, ...parts], version: mark.version + 1 });
}

/** Index keys in index order. */
export function compareRowKeys(a: ChatWordsKey, b: ChatWordsKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  if (a[2] !== b[2]) return a[2] < b[2] ? -1 : 1;
  return a[3] === b[3] ? 0 : a[3] < b[3] ? -1 : 1;
}
