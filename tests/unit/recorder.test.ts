import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chatBatchKeys, countChatLines, linesOf } from '../../lib/db/chat';
import { CompanionDatabase, type StoredChatLine, type StoredEvent } from '../../lib/db/database';
import { EventRecorder } from '../../lib/db/recorder';
import { ACCOUNT, notification } from './notification';
import { pruneChannel } from '../../lib/db/retention';

let db: CompanionDatabase;

beforeEach(async () => {
  db = new CompanionDatabase(`test-${Math.random()}`);
  await db.open();
});

describe('EventRecorder', () => {
  it('stores a redelivered message once and reports it once', async () => {
    const onRecorded = vi.fn();
    const recorder = new EventRecorder(db, { accountId: ACCOUNT, onRecorded });
    const first = notification('stream.online', { type: 'live' });
    recorder.add(first);
    recorder.add({ ...first }); // same batch
    await recorder.flush();
    recorder.add({ ...first }); // a later batch
    await recorder.flush();
    expect(await db.events.count()).toBe(1);
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect((onRecorded.mock.calls[0]![0] as StoredEvent[]).map((e) => e.id)).toEqual([
      first.messageId,
    ]);
  });

  it('stores on every event the account it was recorded for', async () => {
    const recorder = new EventRecorder(db, { accountId: '100002' });
    recorder.add(notification('channel.follow', { user_name: 'Fan' }, { version: '2' }));
    recorder.add(notification('stream.online', { type: 'live' }));
    recorder.add(notification('channel.chat.message', { message_id: 'line' }));
    await recorder.flush();
    const rows = await db.events.toArray();
    expect(rows.map((e) => [e.type, e.accountId]).sort()).toEqual([
      ['channel.follow', '100002'],
      ['stream.online', '100002'],
    ]);
  });

  it('files a whisper under the user it was sent to, as an event of its own', async () => {
    const recorder = new EventRecorder(db, { accountId: '100003' });
    recorder.add(
      notification(
        'user.whisper.message',
        { from_user_id: '200001', to_user_id: '100003', whisper: { text: 'psst' } },
        {
          condition: { user_id: '100003' },
          event: { from_user_id: '200001', to_user_id: '100003', whisper: { text: 'psst' } },
        },
      ),
    );
    await recorder.flush();
    expect(await db.events.toArray()).toMatchObject([
      { type: 'user.whisper.message', channelId: '100003', accountId: '100003', recent: 0 },
    ]);
  });

  it('stores the chat lines of one write as one batch row, in arrival order', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT });
    for (const id of ['chat-1', 'chat-2', 'chat-3'])
      recorder.add(
        notification('channel.chat.message', {
          message_id: id,
          chatter_user_id: '7',
          message: { text: 'hi' },
        }),
      );
    recorder.add(notification('channel.follow', { user_name: 'Fan' }, { version: '2' }));
    await recorder.flush();
    expect(await db.events.count()).toBe(1);
    const batches = await db.chatBatches.toArray();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ channelId: '100001', count: 3 });
    expect(batches[0]!.lines.map((line) => line.messageId)).toEqual(['chat-1', 'chat-2', 'chat-3']);
    expect(batches[0]!.lines[0]).toMatchObject({ chatterId: '7', channelId: '100001' });
    expect(batches[0]!.receivedAt).toBe(batches[0]!.lines[0]!.receivedAt);
    const arrivals = batches[0]!.lines.map((line) => line.receivedAt);
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
    expect(new Set(arrivals).size).toBe(3);
  });

  it('stores a redelivered chat line once, also after a restart', async () => {
    const onRecorded = vi.fn();
    const line = notification('channel.chat.message', { message_id: 'once' });
    const recorder = new EventRecorder(db, { accountId: ACCOUNT, onRecorded });
    recorder.add(line);
    recorder.add({ ...line }); // same batch
    await recorder.flush();
    recorder.add({ ...line }); // a later batch
    await recorder.flush();
    // A new recorder (the listener was restarted) reads back the ids recorded lately.
    const restarted = new EventRecorder(db, { accountId: ACCOUNT, onRecorded });
    restarted.add({ ...line });
    restarted.add(notification('channel.chat.message', { message_id: 'new' }));
    await restarted.flush();
    const ids = linesOf(await db.chatBatches.toArray()).map((l) => l.id);
    expect(ids.filter((id) => id === line.messageId)).toHaveLength(1);
    expect(ids).toHaveLength(2);
    expect(onRecorded.mock.calls.map((call) => call[1])).toEqual([1, 1]);
  });

  it('stores unknown types and unknown notices whole', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT });
    recorder.add(
      notification('channel.brand_new_thing', { surprise: { deep: [1, 2, 3] } }, { version: '7' }),
    );
    recorder.add(
      notification('channel.chat.notification', {
        notice_type: 'mystery_notice',
        mystery_notice: { x: 1 },
      }),
    );
    await recorder.flush();
    const stored = await db.events.orderBy('type').toArray();
    expect(stored.map((e) => [e.type, e.noticeType, e.recent])).toEqual([
      ['channel.brand_new_thing', '', 1],
      ['channel.chat.notification', 'mystery_notice', 1],
    ]);
    expect(stored[0]!.event).toMatchObject({ surprise: { deep: [1, 2, 3] } });
  });

  it('batches many notifications into few transactions', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT, flushDelayMs: 1000 });
    const spy = vi.spyOn(db, 'transaction');
    for (let i = 0; i < 500; i += 1)
      recorder.add(notification('channel.chat.message', { message_id: `m${i}` }));
    await recorder.flush();
    expect(await countChatLines(db, '100001')).toBe(500);
    expect(await db.chatBatches.count()).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('does not mark chat as recent events', async () => {
    const recorder = new EventRecorder(db, { accountId: ACCOUNT });
    recorder.add(notification('channel.chat.message_delete', { message_id: 'x' }));
    recorder.add(notification('channel.cheer', { bits: 100 }));
    await recorder.flush();
    const byType = Object.fromEntries((await db.events.toArray()).map((e) => [e.type, e.recent]));
    expect(byType).toEqual({ 'channel.chat.message_delete': 0, 'channel.cheer': 1 });
  });
});

describe('retention', () => {
  it('keeps the newest events up to the count, per channel', async () => {
    const rows: StoredEvent[] = Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`,
      channelId: i % 2 ? 'A' : 'B',
      type: 'channel.follow',
      version: '2',
      noticeType: '',
      occurredAt: 1000 + i,
      receivedAt: 1000 + i,
      recent: 1,
      event: {},
      accountId: ACCOUNT,
    }));
    await db.events.bulkAdd(rows);
    const removed = await pruneChannel(
      db,
      'A',
      { eventsPerChannel: 5, eventDays: 3650, chatPerChannel: 5, chatDays: 3650 },
      2000,
    );
    expect(removed.events).toBe(10);
    const kept = await db.events
      .where('[channelId+receivedAt]')
      .between(['A', 0], ['A', Infinity])
      .primaryKeys();
    expect(kept).toEqual(['e21', 'e23', 'e25', 'e27', 'e29']);
    expect(
      await db.events.where('[channelId+receivedAt]').between(['B', 0], ['B', Infinity]).count(),
    ).toBe(15);
  });

  it('keeps the newest chat lines up to the count, in whole batches', async () => {
    const batch = (channelId: string, at: number, count: number) => ({
      channelId,
      receivedAt: at,
      count,
      lines: Array.from({ length: count }, (_, i) =>
        line(`${channelId}${at}-${i}`, channelId, at + i / 100),
      ),
    });
    await db.chatBatches.bulkAdd([
      batch('A', 1000, 4),
      batch('A', 2000, 3),
      batch('A', 3000, 2),
      batch('A', 4000, 1),
      batch('B', 1500, 6),
    ]);
    const settings = { eventsPerChannel: 100, eventDays: 3650, chatPerChannel: 5, chatDays: 3650 };
    // The newest 5 lines are in the newest three batches (1 + 2 + 3): those are kept whole.
    expect((await pruneChannel(db, 'A', settings, 5000)).chat).toBe(4);
    expect((await chatBatchKeys(db, 'A')).map((key) => key[1])).toEqual([2000, 3000, 4000]);
    expect(await countChatLines(db, 'A')).toBe(6);
    expect(await countChatLines(db, 'B')).toBe(6);
    // Nothing more to remove.
    expect((await pruneChannel(db, 'A', settings, 5000)).chat).toBe(0);
  });

  it('drops what is older than the age limit', async () => {
    const day = 24 * 60 * 60 * 1000;
    const now = 100 * day;
    await db.chatBatches.bulkAdd([
      {
        channelId: 'A',
        receivedAt: now - 10 * day,
        count: 1,
        lines: [line('old', 'A', now - 10 * day)],
      },
      { channelId: 'A', receivedAt: now - day, count: 1, lines: [line('new', 'A', now - day)] },
    ]);
    const removed = await pruneChannel(
      db,
      'A',
      { eventsPerChannel: 100, eventDays: 7, chatPerChannel: 100, chatDays: 7 },
      now,
    );
    expect(removed.chat).toBe(1);
    expect(linesOf(await db.chatBatches.toArray()).map((l) => l.id)).toEqual(['new']);
    // A week later everything is past the limit; another channel's chat is not touched.
    await db.chatBatches.add({
      channelId: 'B',
      receivedAt: 0,
      count: 1,
      lines: [line('b', 'B', 0)],
    });
    const later = await pruneChannel(
      db,
      'A',
      { eventsPerChannel: 100, eventDays: 7, chatPerChannel: 100, chatDays: 7 },
      now + 7 * day,
    );
    expect(later.chat).toBe(1);
    expect(linesOf(await db.chatBatches.toArray()).map((l) => l.id)).toEqual(['b']);
  });
});

function line(id: string, channelId: string, receivedAt: number): StoredChatLine {
  return {
    id,
    messageId: id,
    channelId,
    chatterId: '1',
    occurredAt: receivedAt,
    receivedAt,
    event: {},
  };
}
