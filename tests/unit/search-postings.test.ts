import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import {
  CompanionDatabase,
  type StoredChatBatch,
  type StoredChatLine,
  type StoredEvent,
} from '../../lib/db/database';
import { deleteRecordedData } from '../../lib/db/erase';
import { freeOldestHalf, pruneChannel } from '../../lib/db/retention';
import { indexUnindexed } from '../../lib/search/backfill';
import { searchRecord, type SearchHit, type SearchOptions } from '../../lib/search/engine';
import {
  BUCKET_MS,
  bucketOf,
  compactPostings,
  EMPTY_MARK,
  postingsMark,
  type PostingsMark,
} from '../../lib/search/postings';
import { chatWordsOf } from '../../lib/search/words';
import { DEFAULT_RETENTION } from '../../lib/settings';
import { seededRandom } from '../../simulator/random';

/** 300 words drawn by Zipf's law: the first few are in nearly every index row. */
const WORDS = Array.from({ length: 300 }, (_, i) => `w${i}${'abcdefghij'[i % 10]}`);
const CHANNELS = ['100001', '100002', '100003'];
const HOUR = BUCKET_MS;
/** The hour the generated chat starts in. */
const START = Date.UTC(2026, 11, 1, 6);

interface Generated {
  batches: StoredChatBatch[];
  newest: number;
}

/** `hours` of chat in batches of 1 to 120 lines, a few deletions among them. */
function generate(seed: number, batches: number, hours: number, start = START): Generated {
  const rand = seededRandom(seed);
  const weights = WORDS.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b);
  const draw = () => {
    let x = rand() * total;
    for (let i = 0; i < WORDS.length; i += 1) if ((x -= weights[i]!) <= 0) return WORDS[i]!;
    return WORDS.at(-1)!;
  };
  const made: StoredChatBatch[] = [];
  const step = (hours * HOUR) / batches;
  let at = start;
  let n = 0;
  for (let b = 0; b < batches; b += 1) {
    const x = rand();
    const size =
      x < 0.5 ? 1 : x < 0.85 ? 2 + Math.floor(rand() * 20) : 30 + Math.floor(rand() * 90);
    const channelId = CHANNELS[Math.floor(rand() * CHANNELS.length)]!;
    at += step * (0.5 + rand());
    const lines: StoredChatLine[] = [];
    for (let i = 0; i < size; i += 1) {
      n += 1;
      const text = Array.from({ length: 1 + Math.floor(rand() * 6) }, draw).join(' ');
      lines.push({
        id: `${seed}-${n}`,
        messageId: `m-${seed}-${n}`,
        channelId,
        chatterId: String(1 + Math.floor(rand() * 40)),
        occurredAt: Math.floor(at + i / 1000),
        receivedAt: at + i / 1000,
        event: { message_id: `m-${seed}-${n}`, message: { text } },
      });
    }
    made.push({ channelId, receivedAt: at, count: size, lines });
  }
  return { batches: made, newest: at };
}

/** Stores the chat and its index rows as the indexer leaves them, with its mark. */
async function store(db: CompanionDatabase, { batches, newest }: Generated) {
  await db.transaction('rw', db.chatBatches, db.chatWords, db.searchMarks, async () => {
    await db.chatBatches.bulkAdd(batches);
    await db.chatWords.bulkAdd(batches.flatMap(chatWordsOf));
    await db.searchMarks.put({ id: 'chat', receivedAt: newest });
  });
}

/** Some lines deleted by Twitch: left out of every search, with or without posting lists. */
async function deleteSome(db: CompanionDatabase, { batches }: Generated, every: number) {
  const deletions: StoredEvent[] = batches
    .flatMap((batch) => batch.lines)
    .filter((_, i) => i % every === 0)
    .map((line) => ({
      id: `delete-${line.messageId}`,
      channelId: line.channelId,
      type: 'channel.chat.message_delete',
      version: '1',
      noticeType: '',
      occurredAt: line.occurredAt + 1,
      receivedAt: line.receivedAt + 0.0001,
      recent: 0,
      event: { message_id: line.messageId },
      accountId: '',
    }));
  await db.events.bulkAdd(deletions);
}

/** Queries of every kind, with and without filters. */
function queries(end: number): Array<[string, SearchOptions]> {
  const kinds = [
    'w0a',
    'w0a w1b',
    'w2c w3d',
    'w1b w0a w4e',
    'w0a w150a',
    'w40a',
    'w0a w1*',
    'w2c w3*',
    'w1*',
    'w2*',
    'w3d w4e w5*',
    'w0a nothing',
  ];
  const filters: SearchOptions[] = [
    { limit: 300 },
    { channelIds: ['100002'], limit: 100 },
    { from: end - 3 * HOUR, to: end - 90 * 60 * 1000, limit: 1000 },
  ];
  return kinds.flatMap((query) =>
    filters.map((options): [string, SearchOptions] => [query, options]),
  );
}

const summary = (hits: SearchHit[]) => hits.map((hit) => `${hit.id} ${hit.occurredAt}`);

async function runAll(db: CompanionDatabase, end: number) {
  const out: string[][] = [];
  for (const [query, options] of queries(end))
    out.push(summary(await searchRecord(db, query, options, undefined)));
  return out;
}

/** The same searches with the posting lists set aside (the directory emptied for the while). */
async function withoutPostings(db: CompanionDatabase, end: number) {
  const mark = await postingsMark(db);
  await db.searchMarks.put({ ...EMPTY_MARK });
  try {
    return await runAll(db, end);
  } finally {
    await db.searchMarks.put(mark as PostingsMark);
  }
}

async function fresh() {
  const db = new CompanionDatabase(`postings-${Math.random()}`);
  await db.open();
  return db;
}

/** Counts the index rows a search reads (gets on `chatWords`). */
function countRowReads() {
  const get = vi.spyOn(IDBObjectStore.prototype, 'get');
  return {
    reads: () =>
      get.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'chatWords').length,
    restore: () => get.mockRestore(),
  };
}

describe('posting lists', { timeout: 60_000 }, () => {
  it('find the same lines, in the same order, as the index rows alone', async () => {
    const db = await fresh();
    const chat = generate(1, 1_000, 6);
    await store(db, chat);
    await deleteSome(db, chat, 13);
    const before = await runAll(db, chat.newest);
    expect(before.some((hits) => hits.length > 50)).toBe(true);

    const done = await compactPostings(db);
    const mark = await postingsMark(db);
    // Every hour over is one part; the hour going on has its parts, the newest rows none.
    expect(done.parts).toBeGreaterThanOrEqual(6);
    const over = mark.parts.filter((part) => part.bucket < bucketOf(mark.receivedAt));
    expect(new Set(over.map((part) => part.bucket)).size).toBe(over.length);
    expect(mark.receivedAt).toBeLessThanOrEqual(chat.newest);
    expect(mark.receivedAt).toBeGreaterThan(chat.newest - HOUR);
    const after = await runAll(db, chat.newest);
    expect(after).toEqual(before);
    // Run again: nothing is due, nothing changes.
    expect(await compactPostings(db)).toMatchObject({ parts: 0, postings: 0 });
    expect(await runAll(db, chat.newest)).toEqual(before);
  });

  it('read far fewer index rows for two frequent words that rarely share a line', async () => {
    const db = await fresh();
    const chat = generate(2, 1_000, 6);
    await store(db, chat);
    const reads = countRowReads();
    const without = await searchRecord(db, 'w3d w6g', { limit: 1000 }, undefined);
    const readWithout = reads.reads();
    await compactPostings(db);
    reads.restore();
    const counted = countRowReads();
    const withPostings = await searchRecord(db, 'w3d w6g', { limit: 1000 }, undefined);
    const readWith = counted.reads();
    counted.restore();
    expect(summary(withPostings)).toEqual(summary(without));
    expect(readWith).toBeLessThan(readWithout / 2);
  });

  it('skip what retention deleted, and lose the hours older than the oldest chat', async () => {
    const db = await fresh();
    const chat = generate(3, 1_000, 6);
    await store(db, chat);
    await compactPostings(db);
    // Count limits per channel: postings of the other channels' hours point at deleted rows.
    await pruneChannel(db, '100001', { ...DEFAULT_RETENTION, chatPerChannel: 2_000 }, chat.newest);
    await freeOldestHalf(db);
    expect(await runAll(db, chat.newest)).toEqual(await withoutPostings(db, chat.newest));
    const hoursBefore = new Set((await postingsMark(db)).parts.map((part) => part.bucket));
    const done = await compactPostings(db);
    const oldest = Math.min(...(await db.chatBatches.toArray()).map((batch) => batch.receivedAt));
    const hours = new Set((await postingsMark(db)).parts.map((part) => part.bucket));
    expect(done.prunedBuckets).toBeGreaterThan(0);
    expect(hours.size).toBe(hoursBefore.size - done.prunedBuckets);
    expect(Math.min(...hours)).toBe(bucketOf(oldest));
    const keys = await db.chatPostings.toCollection().primaryKeys();
    expect(keys.every(([bucket]) => bucket >= bucketOf(oldest))).toBe(true);
    expect(await runAll(db, chat.newest)).toEqual(await withoutPostings(db, chat.newest));

    // All chat gone (cleared): every posting goes.
    await db.chatBatches.clear();
    await db.chatWords.clear();
    await compactPostings(db);
    expect(await db.chatPostings.count()).toBe(0);
    expect((await postingsMark(db)).parts).toEqual([]);
  });

  it('go with everything recorded when the user deletes it, at once', async () => {
    const db = await fresh();
    const chat = generate(8, 400, 3);
    await store(db, chat);
    await compactPostings(db);
    expect(await db.chatPostings.count()).toBeGreaterThan(0);
    await deleteRecordedData(db);
    // No compactor has to run first: the words of the deleted chat are gone with it.
    expect(await db.chatPostings.count()).toBe(0);
    expect((await postingsMark(db)).parts).toEqual([]);
    expect(await searchRecord(db, 'w0a', { limit: 10 }, undefined)).toEqual([]);
    // Chat recorded afterwards is packed and found again.
    const later = generate(9, 200, 2, chat.newest + 2 * HOUR);
    await store(db, later);
    await compactPostings(db);
    expect((await postingsMark(db)).parts.length).toBeGreaterThan(0);
    expect(await runAll(db, later.newest)).toEqual(await withoutPostings(db, later.newest));
  });

  it('find chat indexed after its hour was packed (the back-fill), and fold it in', async () => {
    const db = await fresh();
    const chat = generate(4, 800, 4);
    await store(db, chat);
    await compactPostings(db);
    // Older chat, stored before the index, indexed now by the back-fill into packed hours.
    const old = generate(5, 300, 2, START + HOUR / 2);
    await db.chatBatches.bulkAdd(old.batches);
    const texts = old.batches.flatMap((batch) => batch.lines);
    const lonely = texts[17]!;
    lonely.event = { message_id: lonely.messageId, message: { text: 'w0a w1b zebra' } };
    await db.chatBatches.put(old.batches.find((batch) => batch.lines.includes(lonely))!);
    await indexUnindexed(db);
    const late = (await postingsMark(db)).parts.filter((part) => part.late);
    expect(late.length).toBeGreaterThan(0);
    const found = await searchRecord(db, 'w0a w1b', { limit: 5000 }, undefined);
    expect(found.map((hit) => hit.id)).toContain(lonely.messageId);
    expect(await runAll(db, chat.newest)).toEqual(await withoutPostings(db, chat.newest));
    // The compactor folds each hour with a late part into one part again.
    await compactPostings(db);
    const mark = await postingsMark(db);
    expect(mark.parts.filter((part) => part.late)).toEqual([]);
    const byHour = new Map<number, number>();
    for (const part of mark.parts) byHour.set(part.bucket, (byHour.get(part.bucket) ?? 0) + 1);
    for (const [bucket, parts] of byHour)
      if (bucket < bucketOf(mark.receivedAt)) expect(parts).toBe(1);
    expect(await runAll(db, chat.newest)).toEqual(await withoutPostings(db, chat.newest));
  });

  it('do a step again when chat was indexed into its range while it was built', async () => {
    const db = await fresh();
    const chat = generate(6, 400, 3);
    await store(db, chat);
    const sneaked = generate(7, 5, 1, START + HOUR / 3);
    let once = false;
    await compactPostings(db, {
      beforeCommit: async () => {
        if (once) return;
        once = true;
        await db.chatBatches.bulkAdd(sneaked.batches);
        await db.chatWords.bulkAdd(sneaked.batches.flatMap(chatWordsOf));
      },
    });
    expect(await runAll(db, chat.newest)).toEqual(await withoutPostings(db, chat.newest));
    const rows = (await postingsMark(db)).parts.reduce((sum, part) => sum + part.rows, 0);
    const newer = await db.chatWords
      .where(':id')
      .below([-(await postingsMark(db)).receivedAt, Dexie.maxKey])
      .count();
    expect(rows + newer).toBe(await db.chatWords.count());
  });

  it('are written once by two compactors at once', async () => {
    const db = await fresh();
    const chat = generate(8, 600, 4);
    await store(db, chat);
    const before = await runAll(db, chat.newest);
    // The second runs whole while the first is about to enter its first part.
    let second: Promise<unknown> | undefined;
    const first = await compactPostings(db, {
      beforeCommit: async () => {
        second ??= compactPostings(db);
        await second;
      },
    });
    // The first sees the directory changed: its part is thrown away, nothing entered twice.
    expect(first.parts).toBe(0);
    expect((await postingsMark(db)).parts.length).toBeGreaterThan(3);
    const mark = await postingsMark(db);
    const covered = mark.parts.reduce((sum, part) => sum + part.rows, 0);
    const newer = await db.chatWords.where(':id').below([-mark.receivedAt, Dexie.maxKey]).count();
    expect(covered + newer).toBe(await db.chatWords.count());
    expect(await runAll(db, chat.newest)).toEqual(before);
  });

  it('stop a search that is aborted while it reads them', async () => {
    const db = await fresh();
    const chat = generate(9, 600, 4);
    await store(db, chat);
    await compactPostings(db);
    let checks = 0;
    const signal = {
      get aborted() {
        checks += 1;
        return checks > 4;
      },
      reason: new Error('stopped'),
    } as AbortSignal;
    await expect(searchRecord(db, 'w3d w6g', { limit: 5000, signal }, undefined)).rejects.toThrow(
      'stopped',
    );
  });

  it('come after the upgrade from version 6, from the compactor', async () => {
    const name = `postings-upgrade-${Math.random()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({
      events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type, *words',
      chatBatches: '[channelId+receivedAt+count]',
      forYou: 'id, [accountId+read+occurredAt], [accountId+occurredAt], messageId',
      chatWords: '[newness+channelId+count+fromEnd], *words',
      searchMarks: 'id',
      streamVideos: 'streamId, channelId',
    });
    const chat = generate(10, 600, 4);
    await v6.table('chatBatches').bulkAdd(chat.batches);
    await v6.table('chatWords').bulkAdd(chat.batches.flatMap(chatWordsOf));
    await v6.table('searchMarks').put({ id: 'chat', receivedAt: chat.newest });
    v6.close();
    const db = new CompanionDatabase(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.chatPostings.count()).toBe(0);
    const before = await runAll(db, chat.newest);
    await compactPostings(db);
    expect((await postingsMark(db)).parts.length).toBeGreaterThan(0);
    expect(await runAll(db, chat.newest)).toEqual(before);
  });
});
