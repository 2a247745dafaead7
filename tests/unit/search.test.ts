import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { EventRecorder } from '../../lib/db/recorder';
import { freeOldestHalf, pruneChannel } from '../../lib/db/retention';
import { searchRecord, type SearchOptions } from '../../lib/search/engine';
import { chatMark, ChatIndexer, indexChatAfterMark } from '../../lib/search/indexer';
import { search } from '../../lib/search/search';
import { eventTextOf } from '../../lib/search/words';
import { authProfile, DEFAULT_RETENTION } from '../../lib/settings';
import { ACCOUNT, notification } from './notification';

let db: CompanionDatabase;
let clock: number;
let recorder: EventRecorder;

const T0 = Date.UTC(2026, 11, 1, 12);

beforeEach(async () => {
  db = new CompanionDatabase(`search-${Math.random()}`);
  await db.open();
  clock = T0;
  recorder = new EventRecorder(db, { accountId: ACCOUNT, now: () => clock });
});

let seq = 0;
/** A chat line of `channel`, said at the recorder's clock. */
function line(text: string, channel = '100001', chatter = '7') {
  seq += 1;
  return notification(
    'channel.chat.message',
    {
      broadcaster_user_id: channel,
      message_id: `line-${seq}`,
      chatter_user_id: chatter,
      chatter_user_name: `User${chatter}`,
      message: { text, fragments: [{ type: 'text', text }] },
    },
    { condition: { broadcaster_user_id: channel, user_id: ACCOUNT }, timestamp: clock },
  );
}

/** Records lines, each write `perWrite` of them, one second apart. */
async function record(texts: string[], { channel = '100001', perWrite = 1 } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < texts.length; i += perWrite) {
    for (const text of texts.slice(i, i + perWrite)) {
      const n = line(text, channel);
      ids.push(n.event['message_id'] as string);
      recorder.add(n);
    }
    await recorder.flush();
    clock += 1000;
  }
  // The index follows the writes (within half a second); here at once.
  await recorder.indexer.run();
  return ids;
}

const find = (query: string, options: SearchOptions = {}) =>
  searchRecord(db, query, options, ACCOUNT);
const texts = async (query: string, options: SearchOptions = {}) =>
  (await find(query, options)).map((hit) => hit.text);

describe('search: words', () => {
  it('finds whole words in any case and marks where they are', async () => {
    await record(['Hello chat HeyGuys', 'hello there', 'othello is a game', 'shell']);
    const hits = await find('HELLO');
    expect(hits.map((h) => h.text)).toEqual(['hello there', 'Hello chat HeyGuys']);
    expect(hits[1]).toMatchObject({ kind: 'chat', channelId: '100001', matches: [[0, 5]] });
    expect(await texts('hell')).toEqual([]);
    expect(await texts('heyguys')).toEqual(['Hello chat HeyGuys']);
  });

  it('needs every word of the query, in any order', async () => {
    await record(['the tests are green', 'green tea', 'tests pass', 'Green TESTS!']);
    expect(await texts('green tests')).toEqual(['Green TESTS!', 'the tests are green']);
    const [hit] = await find('tests green', { limit: 1 });
    expect(hit!.matches).toEqual([
      [0, 5],
      [6, 11],
    ]);
    expect(await texts('green blue')).toEqual([]);
  });

  it('matches a last word ending in * as a beginning', async () => {
    await record(['compiled first try', 'compiler error', 'the compile step', 'a complete mess']);
    expect(await texts('compil*')).toEqual([
      'the compile step',
      'compiler error',
      'compiled first try',
    ]);
    expect(await texts('the compil*')).toEqual(['the compile step']);
    expect(await texts('compil')).toEqual([]);
    const [hit] = await find('error compiler*');
    expect(hit!.matches).toEqual([
      [0, 8],
      [9, 14],
    ]);
  });

  it('returns newest first, at most the limit, across many writes and big batches', async () => {
    const said = Array.from(
      { length: 600 },
      (_, i) => `${i % 3 === 0 ? 'alpha' : 'gamma'} line ${i} ${i % 5 === 0 ? 'beta' : 'delta'}`,
    );
    // Small writes for the first half, big ones for the second.
    await record(said.slice(0, 300), { perWrite: 1 });
    await record(said.slice(300), { perWrite: 70 });
    const expected = said.filter((_, i) => i % 15 === 0).reverse();
    expect(await texts('beta alpha')).toEqual(expected);
    expect(await texts('alpha beta', { limit: 7 })).toEqual(expected.slice(0, 7));
    expect(await texts('line')).toHaveLength(100);
    expect(await texts('line', { limit: 1000 })).toEqual([...said].reverse());
  });

  it('reads more of the index when the first keys are not enough, prefixes too', async () => {
    // Each word in more rows than a search reads keys of at first (64, and 32 for a prefix's).
    const said = Array.from({ length: 300 }, (_, i) => `common kab${i % 3} n${i}`);
    await record(said);
    const newestFirst = [...said].reverse();
    expect(await texts('kab*', { limit: 1000 })).toEqual(newestFirst);
    expect(await texts('common kab1*', { limit: 1000 })).toEqual(
      newestFirst.filter((text) => text.includes('kab1')),
    );
    expect(await texts('kab2 common', { limit: 1000 })).toEqual(
      newestFirst.filter((text) => text.includes('kab2')),
    );
    // n7 and n70 to n79: more words than a lone prefix stands for is fine beside a whole word.
    expect(await texts('common n7*', { limit: 1000 })).toEqual(
      newestFirst.filter((text) => /\bn7\d?$/.test(text)),
    );
    expect(await texts('common n7*', { limit: 1000 })).toHaveLength(11);
    // n2, n20 to n29, n200 to n299: more than a prefix stands for; the whole word drives.
    expect(await texts('common n2*', { limit: 1000 })).toEqual(
      newestFirst.filter((text) => /\bn2\d*$/.test(text)),
    );
  });

  it('filters by channel and by time', async () => {
    await record(['raid incoming'], { channel: '100001' });
    await record(['raid incoming too'], { channel: '100002' });
    const third = clock;
    await record(['raid over'], { channel: '100003' });
    await record(['raid again'], { channel: '100001' });
    expect(await texts('raid', { channelIds: ['100001'] })).toEqual([
      'raid again',
      'raid incoming',
    ]);
    expect(await texts('raid', { channelIds: ['100002', '100003'] })).toEqual([
      'raid over',
      'raid incoming too',
    ]);
    expect(await texts('raid', { from: third })).toEqual(['raid again', 'raid over']);
    expect(await texts('raid', { to: third })).toEqual([
      'raid over',
      'raid incoming too',
      'raid incoming',
    ]);
    expect(await texts('raid', { from: third, to: third })).toEqual(['raid over']);
  });

  it('leaves out lines Twitch deleted or a clear removed', async () => {
    const [deleted] = await record(['spam link here', 'kind words here']);
    recorder.add(notification('channel.chat.message_delete', { message_id: deleted }));
    await recorder.flush();
    expect(await texts('here')).toEqual(['kind words here']);

    const n = line('spam again from 66', '100001', '66');
    recorder.add(n);
    recorder.add(line('spam reply from 7'));
    await recorder.flush();
    clock += 1000;
    recorder.add(
      notification(
        'channel.chat.clear_user_messages',
        { target_user_id: '66' },
        { timestamp: clock },
      ),
    );
    await recorder.flush();
    clock += 1000;
    await recorder.indexer.run();
    expect(await texts('spam')).toEqual(['spam reply from 7']);

    recorder.add(notification('channel.chat.clear', {}));
    await recorder.flush();
    clock += 1000;
    await record(['after the clear here']);
    expect(await texts('here')).toEqual(['after the clear here']);
  });

  it('stops when aborted', async () => {
    await record(['one word']);
    const controller = new AbortController();
    controller.abort();
    await expect(find('word', { signal: controller.signal })).rejects.toThrow();
  });
});

describe('search: events', () => {
  it('finds the factual words of events, not the channel’s own name', async () => {
    recorder.add(
      notification('channel.raid', {
        from_broadcaster_user_id: '5',
        from_broadcaster_user_login: 'coolraider',
        from_broadcaster_user_name: 'CoolRaider',
        to_broadcaster_user_id: '100001',
        to_broadcaster_user_login: 'demo',
        to_broadcaster_user_name: 'Demo',
        viewers: 42,
      }),
    );
    recorder.add(
      notification('channel.update', {
        broadcaster_user_login: 'demo',
        broadcaster_user_name: 'Demo',
        title: 'Building a search engine',
        category_name: 'Software and Game Development',
      }),
    );
    await recorder.flush();
    const [raid] = await find('coolraider');
    expect(raid).toMatchObject({ kind: 'event', channelId: '100001' });
    expect(raid!.text).toBe('CoolRaider · Demo');
    expect(raid!.matches).toEqual([[0, 10]]);
    expect((await find('search engine')).map((h) => h.text)).toEqual([
      'Building a search engine · Software and Game Development',
    ]);
    // The channel's own name is on every event of it: the channel filter is for that.
    expect(await find('demo', { channelIds: ['100001'] })).toHaveLength(1);
  });

  it('keeps role-only events to the account that received them', async () => {
    recorder.add(
      notification(
        'channel.follow',
        { user_name: 'NewFan', user_login: 'newfan' },
        { version: '2' },
      ),
    );
    await recorder.flush();
    expect(await searchRecord(db, 'newfan', {}, ACCOUNT)).toHaveLength(1);
    expect(await searchRecord(db, 'newfan', {}, '999')).toHaveLength(0);
    await authProfile.setValue(null);
    expect(await search(db, 'newfan', {})).toHaveLength(0);
  });

  it('interleaves chat and events by time', async () => {
    await record(['welcome raiders']);
    recorder.add(
      notification(
        'channel.raid',
        { from_broadcaster_user_name: 'Raiders', from_broadcaster_user_login: 'raiders' },
        { timestamp: clock },
      ),
    );
    await recorder.flush();
    clock += 1000;
    await record(['raiders are here']);
    expect((await find('raiders')).map((h) => h.kind)).toEqual(['chat', 'event', 'chat']);
  });

  it('words an event from its fields only', () => {
    expect(
      eventTextOf({
        event: {
          user_name: 'Gifter',
          system_message: 'Gifter gifted a Tier 1 sub!',
          message: { text: 'enjoy', fragments: [{ text: 'enjoy' }] },
          reward: { title: 'Hydrate' },
          user_input: 'drink water',
        },
      }),
    ).toBe('Gifter · enjoy · Hydrate · drink water');
  });
});

describe('search index: written behind the chat, pruned with it', () => {
  /** Lines recorded without indexing them (the indexer's timer far away). */
  async function recordOnly(said: string[], perWrite = 1) {
    recorder.indexer.stop();
    recorder = new EventRecorder(db, { accountId: ACCOUNT, now: () => clock, indexDelayMs: 1e9 });
    for (let i = 0; i < said.length; i += perWrite) {
      for (const text of said.slice(i, i + perWrite)) recorder.add(line(text));
      await recorder.flush();
      clock += 1000;
    }
    recorder.indexer.stop();
  }

  it('is not written in the recorder’s transaction: the chat is stored, then indexed within the delay, once', async () => {
    recorder.indexer.stop();
    const writes: string[][] = [];
    const transaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
      writes.push(
        args
          .slice(1, -1)
          .map((table) => (table as { name: string }).name)
          .sort(),
      );
      return (transaction as (...a: unknown[]) => unknown)(...args);
    }) as typeof db.transaction);
    recorder = new EventRecorder(db, { accountId: ACCOUNT, now: () => clock, indexDelayMs: 50 });
    recorder.add(line('written first'));
    await recorder.flush();
    // The write held the chat, the events and what is "for you"; nothing is indexed yet.
    expect(writes.filter((tables) => tables.includes('chatBatches'))[0]).toEqual([
      'chatBatches',
      'events',
      'forYou',
    ]);
    expect([await db.chatBatches.count(), await db.chatWords.count()]).toEqual([1, 0]);
    expect(await texts('first')).toEqual([]);
    // Within the delay the indexer has followed.
    await vi.waitFor(async () => expect(await texts('first')).toEqual(['written first']), {
      timeout: 1000,
    });

    const put = vi.spyOn(db.chatWords, 'bulkPut');
    recorder.add(line('written second'));
    await recorder.flush();
    // Many notifications and runs at once: each batch is indexed once.
    recorder.indexer.notify();
    recorder.indexer.notify();
    const other = new ChatIndexer(db, 1e9);
    other.stop();
    await Promise.all([recorder.indexer.run(), other.run(), indexChatAfterMark(db)]);
    await vi.waitFor(() => expect(put).toHaveBeenCalled(), { timeout: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(put.mock.calls.flatMap(([rows]) => rows).map((row) => row.texts)).toEqual([
      ['written second'],
    ]);
    expect(await db.chatWords.count()).toBe(2);
    expect(await texts('written')).toEqual(['written second', 'written first']);
  });

  it('resumes after a restart from its mark, indexing nothing twice', async () => {
    await record(['before the stop one', 'before the stop two']);
    const mark = await chatMark(db);
    await recordOnly(['after the stop one', 'after the stop two', 'after the stop three']);
    expect(await texts('stop')).toEqual(['before the stop two', 'before the stop one']);
    expect(await chatMark(db)).toBe(mark);

    // A new recorder (the listener restarted) indexes what the stopped one left after its
    // first write, and nothing twice; the background's start does the same for a quiet chat.
    const put = vi.spyOn(db.chatWords, 'bulkPut');
    recorder = new EventRecorder(db, { accountId: ACCOUNT, now: () => clock, indexDelayMs: 10 });
    recorder.add(line('after the restart'));
    await recorder.flush();
    await vi.waitFor(async () => expect(await db.chatWords.count()).toBe(6), { timeout: 1000 });
    expect(put.mock.calls.flatMap(([rows]) => rows.flatMap((row) => row.texts))).toEqual([
      'after the stop one',
      'after the stop two',
      'after the stop three',
      'after the restart',
    ]);
    expect(await chatMark(db)).toBeGreaterThan(mark);
    expect(await indexChatAfterMark(db)).toEqual({ batches: 0, lines: 0 });
    expect(await texts('stop', { limit: 10 })).toHaveLength(5);
    expect(await texts('restart')).toEqual(['after the restart']);
  });

  it('takes the recorder’s own writes as they were written, without reading them back', async () => {
    const reads = vi.spyOn(db.chatBatches, 'bulkGet');
    await record(['kept at hand one', 'kept at hand two'], { perWrite: 1 });
    expect(await texts('hand')).toEqual(['kept at hand two', 'kept at hand one']);
    expect(reads.mock.calls.flatMap(([keys]) => keys)).toEqual([]);
  });

  it('indexes in bounded rounds, oldest first, across channels', async () => {
    recorder.indexer.stop();
    recorder = new EventRecorder(db, { accountId: ACCOUNT, now: () => clock, indexDelayMs: 1e9 });
    for (let i = 0; i < 6; i += 1) {
      recorder.add(line(`round ${i} a`, '100001'));
      recorder.add(line(`round ${i} b`, '100002'));
      await recorder.flush();
      clock += 1000;
    }
    const put = vi.spyOn(db.chatWords, 'bulkPut');
    expect(await indexChatAfterMark(db, { lines: 5 })).toEqual({ batches: 12, lines: 12 });
    expect(put.mock.calls.map(([rows]) => rows.length)).toEqual([5, 5, 2]);
    expect(put.mock.calls.flatMap(([rows]) => rows.flatMap((row) => row.texts))).toEqual(
      Array.from({ length: 6 }, (_, i) => [`round ${i} a`, `round ${i} b`]).flat(),
    );
  });

  it('skips batches retention deleted before their turn, even while they were being indexed', async () => {
    await recordOnly(['gone before', 'gone before too']);
    clock += 20 * 24 * 60 * 60 * 1000;
    await pruneChannel(db, '100001', DEFAULT_RETENTION, clock);
    await recordOnly(['gone while indexed']);
    clock += 20 * 24 * 60 * 60 * 1000;
    await recordOnly(['kept']);
    // Retention runs after the indexer read the batches and before it writes their rows.
    const done = await indexChatAfterMark(db, {
      beforeWrite: async () => {
        await pruneChannel(db, '100001', DEFAULT_RETENTION, clock);
      },
    });
    expect(done).toEqual({ batches: 1, lines: 1 });
    expect(await db.chatBatches.count()).toBe(1);
    expect((await db.chatWords.toArray()).map((row) => row.texts)).toEqual([['kept']]);
    expect(await texts('gone')).toEqual([]);
    // The mark is past them: they are not looked for again.
    expect(await chatMark(db)).toBe((await db.chatBatches.toArray())[0]!.receivedAt);
  });

  it('indexes a busy chat’s big writes in rows of 256 lines, found and pruned like the others', async () => {
    const said = Array.from({ length: 600 }, (_, i) => `busy line ${i}`);
    await record(said, { perWrite: 300 });
    // Two writes of 300 lines: two rows each (256 + 44), not five of 64.
    expect(await db.chatWords.count()).toBe(4);
    expect(await texts('busy', { limit: 1000 })).toEqual([...said].reverse());
    expect(await texts('299')).toEqual(['busy line 299']);
    clock += 20 * 24 * 60 * 60 * 1000;
    await record(['busy again']);
    await pruneChannel(db, '100001', DEFAULT_RETENTION, clock);
    expect(await db.chatWords.count()).toBe(1);
    expect(await texts('busy')).toEqual(['busy again']);
  });

  it('loses the index rows of the chat retention deletes', async () => {
    await record(['old news one', 'old news two', 'old news three']);
    clock += 20 * 24 * 60 * 60 * 1000;
    await record(['fresh news']);
    await pruneChannel(db, '100001', DEFAULT_RETENTION, clock);
    expect(await db.chatBatches.count()).toBe(1);
    expect(await db.chatWords.count()).toBe(1);
    expect(await texts('news')).toEqual(['fresh news']);

    await record(['more news', 'even more news', 'latest news']);
    await freeOldestHalf(db);
    expect(await db.chatWords.count()).toBe(await db.chatBatches.count());
    expect(await texts('news')).toEqual(['latest news', 'even more news']);
  });
});
