import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanionDatabase, type StoredEvent } from '../../lib/db/database';
import { EventRecorder, type Notification } from '../../lib/db/recorder';
import { pruneChannel } from '../../lib/db/retention';

let db: CompanionDatabase;
let seq = 0;

function notification(
  type: string,
  event: Record<string, unknown>,
  extra: Partial<Notification> = {},
): Notification {
  seq += 1;
  return {
    kind: 'notification',
    messageId: `msg-${seq}`,
    timestamp: Date.now(),
    subscriptionId: 'sub',
    type,
    version: '1',
    condition: { broadcaster_user_id: '100001', user_id: '100003' },
    event: { broadcaster_user_id: '100001', ...event },
    ...extra,
  };
}

beforeEach(async () => {
  db = new CompanionDatabase(`test-${Math.random()}`);
  await db.open();
});

describe('EventRecorder', () => {
  it('stores a redelivered message once and reports it once', async () => {
    const onRecorded = vi.fn();
    const recorder = new EventRecorder(db, { onRecorded });
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

  it('keeps chat lines in their own table', async () => {
    const recorder = new EventRecorder(db);
    recorder.add(
      notification('channel.chat.message', {
        message_id: 'chat-1',
        chatter_user_id: '7',
        message: { text: 'hi' },
      }),
    );
    recorder.add(notification('channel.follow', { user_name: 'Fan' }, { version: '2' }));
    await recorder.flush();
    expect(await db.chat.count()).toBe(1);
    expect(await db.events.count()).toBe(1);
    expect((await db.chat.toArray())[0]).toMatchObject({
      messageId: 'chat-1',
      chatterId: '7',
      channelId: '100001',
      deleted: 0,
    });
  });

  it('stores unknown types and unknown notices whole', async () => {
    const recorder = new EventRecorder(db);
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

  it('honours deletions and clears in chat', async () => {
    const recorder = new EventRecorder(db);
    recorder.add(notification('channel.chat.message', { message_id: 'a', chatter_user_id: '7' }));
    recorder.add(notification('channel.chat.message', { message_id: 'b', chatter_user_id: '8' }));
    recorder.add(notification('channel.chat.message', { message_id: 'c', chatter_user_id: '8' }));
    await recorder.flush();
    recorder.add(
      notification('channel.chat.message_delete', { message_id: 'a', target_user_id: '7' }),
    );
    recorder.add(notification('channel.chat.clear_user_messages', { target_user_id: '8' }));
    await recorder.flush();
    const chat = await db.chat.toArray();
    expect(chat.every((line) => line.deleted === 1)).toBe(true);
  });

  it('batches many notifications into few transactions', async () => {
    const recorder = new EventRecorder(db, { flushDelayMs: 1000 });
    const spy = vi.spyOn(db, 'transaction');
    for (let i = 0; i < 500; i += 1)
      recorder.add(notification('channel.chat.message', { message_id: `m${i}` }));
    await recorder.flush();
    expect(await db.chat.count()).toBe(500);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('does not mark chat as recent events', async () => {
    const recorder = new EventRecorder(db);
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

  it('drops what is older than the age limit', async () => {
    const day = 24 * 60 * 60 * 1000;
    const now = 100 * day;
    await db.chat.bulkAdd([
      {
        id: 'old',
        messageId: 'old',
        channelId: 'A',
        chatterId: '1',
        occurredAt: 0,
        receivedAt: now - 10 * day,
        deleted: 0,
        event: {},
      },
      {
        id: 'new',
        messageId: 'new',
        channelId: 'A',
        chatterId: '1',
        occurredAt: 0,
        receivedAt: now - day,
        deleted: 0,
        event: {},
      },
    ]);
    await pruneChannel(
      db,
      'A',
      { eventsPerChannel: 100, eventDays: 7, chatPerChannel: 100, chatDays: 7 },
      now,
    );
    expect(await db.chat.toCollection().primaryKeys()).toEqual(['new']);
  });
});
