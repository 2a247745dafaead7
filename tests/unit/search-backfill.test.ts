import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { indexUnindexed } from '../../lib/search/backfill';
import { chatMark, indexChatAfterMark } from '../../lib/search/indexer';
import { searchRecord } from '../../lib/search/engine';

/** A database as version 3 left it: chat batches and events, no search index. */
async function versionThree(name: string) {
  const v3 = new Dexie(name);
  v3.version(3).stores({
    events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type',
    chatBatches: '[channelId+receivedAt+count]',
  });
  const line = (i: number, text: string) => ({
    id: `line-${i}`,
    messageId: `m-${i}`,
    channelId: '100001',
    chatterId: '7',
    occurredAt: 1_000 + i,
    receivedAt: 1_000 + i,
    event: { message_id: `m-${i}`, message: { text } },
  });
  const texts = Array.from({ length: 150 }, (_, i) => `old line ${i} ${i % 2 ? 'odd' : 'even'}`);
  await v3.table('chatBatches').bulkAdd([
    {
      channelId: '100001',
      receivedAt: 1_000,
      count: 100,
      lines: texts.slice(0, 100).map((t, i) => line(i, t)),
    },
    {
      channelId: '100001',
      receivedAt: 1_100,
      count: 50,
      lines: texts.slice(100).map((t, i) => line(100 + i, t)),
    },
  ]);
  await v3.table('events').add({
    id: 'raid-1',
    channelId: '100001',
    type: 'channel.raid',
    version: '1',
    noticeType: '',
    occurredAt: 500,
    receivedAt: 500,
    recent: 1,
    event: { from_broadcaster_user_name: 'OldRaider', from_broadcaster_user_login: 'oldraider' },
    accountId: '100001',
  });
  v3.close();
}

describe('search index of what was recorded before it', () => {
  it('is not built in the upgrade, and is built newest first afterwards', async () => {
    const name = `backfill-${Math.random()}`;
    await versionThree(name);
    const db = new CompanionDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    // The upgrade wrote nothing: nothing old is found yet.
    expect(await db.chatWords.count()).toBe(0);
    expect(await searchRecord(db, 'odd', {}, '100001')).toEqual([]);

    expect(await indexUnindexed(db)).toEqual({ batches: 2, lines: 150, events: 1 });
    // Two blocks for the batch of 100 lines, one for the batch of 50.
    expect(await db.chatWords.count()).toBe(3);
    const odd = await searchRecord(db, 'odd', { limit: 1000 }, '100001');
    expect(odd).toHaveLength(75);
    expect(odd[0]).toMatchObject({ id: 'm-149', text: 'old line 149 odd', occurredAt: 1_149 });
    expect(await searchRecord(db, 'oldraider', {}, '100001')).toMatchObject([
      { kind: 'event', id: 'raid-1', text: 'OldRaider' },
    ]);

    // Run again (a background restarted): nothing more to do.
    expect(await indexUnindexed(db)).toEqual({ batches: 0, lines: 0, events: 0 });
    expect(await db.chatWords.count()).toBe(3);
  });
});

describe('search index: the back-fill and the indexer', () => {
  it('split the chat at the mark the upgrade writes: each batch indexed by one of them', async () => {
    const name = `backfill-${Math.random()}`;
    await versionThree(name);
    const before = Date.now();
    const db = new CompanionDatabase(name);
    await db.open();
    const mark = await chatMark(db);
    expect(mark).toBeGreaterThanOrEqual(before - 1);
    expect(mark).toBeLessThan(Date.now());
    // Recorded after the upgrade, not indexed yet: the indexer's, not the back-fill's.
    const at = mark + 1_000;
    await db.chatBatches.add({
      channelId: '100001',
      receivedAt: at,
      count: 1,
      lines: [
        {
          id: 'new-1',
          messageId: 'n-1',
          channelId: '100001',
          chatterId: '7',
          occurredAt: at,
          receivedAt: at,
          event: { message_id: 'n-1', message: { text: 'new line odd' } },
        },
      ],
    });
    expect(await indexUnindexed(db)).toEqual({ batches: 2, lines: 150, events: 1 });
    expect(await indexChatAfterMark(db)).toEqual({ batches: 1, lines: 1 });
    expect(await db.chatWords.count()).toBe(4);
    expect(await searchRecord(db, 'odd', { limit: 1000 }, '100001')).toHaveLength(76);
  });
});
