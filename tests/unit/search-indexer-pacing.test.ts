import { beforeEach, describe, expect, it } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { EventRecorder } from '../../lib/db/recorder';
import { chatMark } from '../../lib/search/indexer';
import { ACCOUNT, notification } from './notification';

let db: CompanionDatabase;
let recorder: EventRecorder;
/** The indexer's clock (ms): moved by hand. */
let now: number;
let seq = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  db = new CompanionDatabase(`pacing-${Math.random()}`);
  await db.open();
  now = 0;
  recorder = new EventRecorder(db, {
    accountId: ACCOUNT,
    indexDelayMs: 10,
    indexPacing: { busyLinesPerSecond: 10, maxBehindMs: 5_000, now: () => now },
  });
});

/** Records `count` chat lines in one write. */
async function write(count: number) {
  for (let i = 0; i < count; i += 1) {
    seq += 1;
    const text = `line ${seq}`;
    recorder.add(
      notification(
        'channel.chat.message',
        {
          broadcaster_user_id: '100001',
          message_id: `pacing-${seq}`,
          chatter_user_id: '7',
          chatter_user_name: 'User7',
          message: { text, fragments: [{ type: 'text', text }] },
        },
        { condition: { broadcaster_user_id: '100001', user_id: ACCOUNT } },
      ),
    );
  }
  await recorder.flush();
}

const indexedLines = async () =>
  (await db.chatWords.toArray()).reduce((sum, row) => sum + row.texts.length, 0);

describe('the indexer gives way to the recorder', () => {
  it('waits while the chat is busy and indexes it all once it calms down', async () => {
    await write(20);
    // Twenty lines in the last second: busy. The indexer has begun and waits.
    await sleep(400);
    expect(recorder.indexer.busy()).toBe(true);
    expect(await indexedLines()).toBe(0);
    expect(await chatMark(db)).toBe(-Infinity);
    now += 600;
    await write(20);
    await sleep(300);
    expect(await indexedLines()).toBe(0);
    // A second without a write: calm.
    now += 1_001;
    expect(recorder.indexer.busy()).toBe(false);
    await expect.poll(indexedLines, { timeout: 2_000 }).toBe(40);
    expect(recorder.indexer.behindMs()).toBe(0);
  });

  it('indexes a busy chat anyway once the oldest line not indexed is too old', async () => {
    await write(20);
    for (const step of [1, 2, 3, 4]) {
      now = step * 900;
      await write(20);
      await sleep(300);
      // Busy, and at most 3.6 s behind (the bound: 5 s): waiting.
      expect(recorder.indexer.behindMs()).toBeLessThanOrEqual(5_000);
      expect(await indexedLines()).toBe(0);
    }
    now = 5_400;
    await write(20);
    expect(recorder.indexer.busy()).toBe(true);
    expect(recorder.indexer.behindMs()).toBeGreaterThan(5_000);
    // Indexed while still busy (all of it: one round holds 1,000 lines).
    await expect.poll(indexedLines, { timeout: 2_000 }).toBe(120);
    expect(recorder.indexer.busy()).toBe(true);
  });

  it('stops waiting when stopped, leaving the chat to the next indexer', async () => {
    await write(20);
    await sleep(100);
    const run = recorder.indexer.run();
    recorder.indexer.stop();
    expect(await Promise.race([run, sleep(1_000).then(() => 'still waiting')])).toEqual({
      batches: 0,
      lines: 0,
    });
    expect(await indexedLines()).toBe(0);
    // The next run (a restarted listener's, the background's) indexes it.
    now += 1_001;
    expect(await recorder.indexer.run()).toEqual({ batches: 1, lines: 20 });
  });
});
