import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyModeration, linesOf, moderationSince, newestChatLines } from '../../lib/db/chat';
import { CHAT_MIGRATION_BATCH, CompanionDatabase } from '../../lib/db/database';
import { EventRecorder } from '../../lib/db/recorder';
import { ACCOUNT, notification } from './notification';

let db: CompanionDatabase;

const chat = (messageId: string, chatterId: string) =>
  notification('channel.chat.message', { message_id: messageId, chatter_user_id: chatterId });

/** The chat as the streamer page shows it: newest lines, deletions and clears applied. */
async function shown(limit = 200): Promise<[string, boolean][]> {
  const { lines } = await newestChatLines(db, '100001', limit);
  const moderation = await moderationSince(db, '100001', lines[0]?.receivedAt ?? 0);
  return applyModeration(lines, moderation).map((line) => [line.messageId, Boolean(line.deleted)]);
}

/** Records `writes` one after another: each a batch of notifications, written before the next. */
async function record(...writes: ReturnType<typeof notification>[][]): Promise<void> {
  const recorder = new EventRecorder(db, { accountId: ACCOUNT });
  for (const write of writes) {
    for (const frame of write) recorder.add(frame);
    await recorder.flush();
  }
}

beforeEach(async () => {
  db = new CompanionDatabase(`test-${Math.random()}`);
  await db.open();
});

describe('reading the chat', () => {
  it('gives the newest lines across batches, oldest first', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT });
    for (let batch = 0; batch < 4; batch += 1) {
      for (let i = 0; i < 3; i += 1) recorder.add(chat(`m${batch}${i}`, '1'));
      await recorder.flush();
    }
    expect(await db.chatBatches.count()).toBe(4);
    expect((await shown(5)).map(([id]) => id)).toEqual(['m21', 'm22', 'm30', 'm31', 'm32']);
    expect(await shown(0)).toEqual([]);
    expect(await newestChatLines(db, 'another channel', 10)).toEqual({ lines: [] });
  });

  it('hides a deleted message, and a user’s lines received before their clear', async () => {
    await record(
      [chat('a', '7'), chat('b', '8'), chat('c', '8')],
      [
        notification('channel.chat.message_delete', { message_id: 'a', target_user_id: '7' }),
        notification('channel.chat.clear_user_messages', { target_user_id: '8' }),
      ],
      // User 8 speaks again after the timeout ends: that line is shown.
      [chat('d', '8'), chat('e', '9')],
    );
    expect(await shown()).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', false],
      ['e', false],
    ]);
  });

  it('hides everything received before a chat clear, and nothing after it', async () => {
    await record(
      [chat('a', '7'), chat('b', '8')],
      [notification('channel.chat.clear', {})],
      [chat('c', '7')],
    );
    expect(await shown()).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
  });

  it('returns the lines it did not change as the same objects', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT });
    recorder.add(chat('a', '7'));
    recorder.add(chat('b', '8'));
    recorder.add(notification('channel.chat.message_delete', { message_id: 'a' }));
    await recorder.flush();
    const { lines } = await newestChatLines(db, '100001', 10);
    const result = applyModeration(lines, await moderationSince(db, '100001', 0));
    expect(result[0]).not.toBe(lines[0]);
    expect(result[0]).toMatchObject({ messageId: 'a', deleted: true });
    expect(result[1]).toBe(lines[1]);
    expect(applyModeration(lines, [])).toBe(lines);
  });
});

describe('schema upgrade', () => {
  it('moves version 1 chat rows into batches, in order, and keeps the events', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type',
      chat: 'id, messageId, [channelId+receivedAt], [channelId+chatterId]',
    });
    const count = CHAT_MIGRATION_BATCH + 2;
    await v1.table('chat').bulkAdd(
      Array.from({ length: count }, (_, i) => ({
        id: `line-${i}`,
        messageId: `m-${i}`,
        channelId: i % 50 === 0 ? 'B' : 'A',
        chatterId: '1',
        occurredAt: 1000 + i,
        receivedAt: 1000 + i,
        deleted: i === 1 ? 1 : 0,
        event: { n: i },
      })),
    );
    await v1.table('events').add({
      id: 'e1',
      channelId: 'A',
      type: 'channel.follow',
      version: '2',
      noticeType: '',
      occurredAt: 1,
      receivedAt: 1,
      recent: 1,
      event: {},
    });
    v1.close();

    const v2 = new CompanionDatabase(name);
    await v2.open();
    // The latest version, whatever later ones added: v1's chat table is gone.
    expect(v2.verno).toBeGreaterThanOrEqual(3);
    expect(v2.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['chatBatches', 'events']));
    expect(v2.tables.map((t) => t.name)).not.toContain('chat');
    expect(await v2.events.count()).toBe(1);
    const batches = await v2.chatBatches.toArray();
    const lines = linesOf(batches);
    expect(lines).toHaveLength(count);
    for (const batch of batches) {
      expect(batch.count).toBe(batch.lines.length);
      expect(batch.count).toBeLessThanOrEqual(CHAT_MIGRATION_BATCH);
      expect(batch.receivedAt).toBe(batch.lines[0]!.receivedAt);
      expect(batch.lines.every((line) => line.channelId === batch.channelId)).toBe(true);
    }
    const channelA = lines.filter((line) => line.channelId === 'A').map((line) => line.receivedAt);
    expect(channelA).toEqual([...channelA].sort((a, b) => a - b));
    expect(lines.find((line) => line.id === 'line-1')).not.toHaveProperty('deleted');
    v2.close();
  });
});
