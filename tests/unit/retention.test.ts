import { beforeEach, describe, expect, it, vi } from 'vitest';
import { countChatLines } from '../../lib/db/chat';
import {
  CompanionDatabase,
  database,
  type StoredChatBatch,
  type StoredEvent,
} from '../../lib/db/database';
import { MAX_FOR_YOU_ITEMS, type ForYouItem } from '../../lib/db/for-you';
import {
  PRUNE_CHAT_LINES_AT_ONCE,
  PRUNE_EVENTS_AT_ONCE,
  freeOldestHalf,
  pruneAllChannels,
  pruneChannel,
  storedChannelIds,
} from '../../lib/db/retention';
import { createListenerHost } from '../../lib/host/listener-host';
import type { ListenerConfig, ListenerSink } from '../../lib/listener/listener';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../lib/settings';
import { waitFor } from '../../browser/wait';

// The host's listener would open a socket to Twitch; here only retention is under test.
vi.mock('../../lib/listener/listener', () => ({
  Listener: class {
    sessionId = undefined;
    constructor(readonly config: ListenerConfig) {}
    start() {}
    updateForYou() {}
    async stop() {}
  },
}));

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

function event(channelId: string, n: number, receivedAt: number, type = 'channel.follow') {
  return {
    id: `${channelId}-${type}-${n}`,
    channelId,
    type,
    version: '1',
    noticeType: '',
    occurredAt: receivedAt,
    receivedAt,
    recent: 1,
    event: { n },
    accountId: '100001',
  } satisfies StoredEvent;
}

function chatBatch(channelId: string, receivedAt: number, count: number): StoredChatBatch {
  return {
    channelId,
    receivedAt,
    count,
    lines: Array.from({ length: count }, (_, i) => ({
      id: `${channelId}-${receivedAt}-${i}`,
      messageId: `m-${channelId}-${receivedAt}-${i}`,
      channelId,
      chatterId: '7',
      occurredAt: receivedAt,
      receivedAt,
      event: { text: 'hi' },
    })),
  };
}

/** Channel A as a former favorite left it: old events (AutoMod holds among them), recent ones, chat. */
async function recordFormerFavorite(db: CompanionDatabase): Promise<void> {
  await db.events.bulkAdd([
    ...Array.from({ length: 5 }, (_, i) =>
      event('A', i, NOW - 400 * DAY + i, 'automod.message.hold'),
    ),
    ...Array.from({ length: 300 }, (_, i) => event('A', i, NOW - DAY + i)),
  ]);
  await db.chatBatches.bulkAdd([
    chatBatch('A', NOW - 100 * DAY, 50),
    ...Array.from({ length: 30 }, (_, i) => chatBatch('A', NOW - DAY + i, 10)),
  ]);
}

const LOW: RetentionSettings = {
  eventsPerChannel: 100,
  eventDays: 30,
  chatPerChannel: 100,
  chatDays: 7,
};

describe('retention over every channel', () => {
  let db: CompanionDatabase;

  beforeEach(async () => {
    db = new CompanionDatabase(`test-${Math.random()}`);
    await db.open();
  });

  it('finds every channel with events or chat', async () => {
    await db.events.bulkAdd([event('A', 1, NOW), event('A', 2, NOW + 1), event('C', 1, NOW)]);
    await db.chatBatches.bulkAdd([chatBatch('B', NOW, 2), chatBatch('C', NOW, 1)]);
    expect((await storedChannelIds(db)).sort()).toEqual(['A', 'B', 'C']);
  });

  it('prunes a channel that is not listened to by count and by age', async () => {
    await recordFormerFavorite(db);
    await db.events.bulkAdd(Array.from({ length: 10 }, (_, i) => event('B', i, NOW + i)));
    await pruneAllChannels(db, LOW, NOW);
    const left = await db.events
      .where('[channelId+receivedAt]')
      .between(['A', -Infinity], ['A', Infinity])
      .toArray();
    expect(left).toHaveLength(100);
    expect(left.some((e) => e.type === 'automod.message.hold')).toBe(false);
    expect(Math.min(...left.map((e) => e.receivedAt))).toBe(NOW - DAY + 200);
    expect(await countChatLines(db, 'A')).toBe(100);
    expect(await db.events.count()).toBe(110);
  });

  it('prunes a large excess a bounded step at a time, keeping the newest', async () => {
    // Limits lowered after a long time away: 5,500 events (1,500 past the age limit) and
    // 30,000 chat lines in batches of 100, down to 1,000 events and 2,000 lines.
    await db.events.bulkAdd([
      ...Array.from({ length: 1_500 }, (_, i) => event('A', i, NOW - 60 * DAY + i)),
      ...Array.from({ length: 4_000 }, (_, i) => event('A', 10_000 + i, NOW - DAY + i)),
    ]);
    await db.chatBatches.bulkAdd(
      Array.from({ length: 300 }, (_, i) => chatBatch('A', NOW - DAY + i, 100)),
    );
    // What each write transaction deleted.
    const deleted = new Map<unknown, { events: number; chat: number }>();
    const note = (kind: 'events' | 'chat') =>
      function (this: unknown, _key: unknown, _row: unknown, tx: unknown) {
        const counts = deleted.get(tx) ?? { events: 0, chat: 0 };
        counts[kind] += kind === 'events' ? 1 : (_row as StoredChatBatch).count;
        deleted.set(tx, counts);
      };
    db.events.hook('deleting', note('events'));
    db.chatBatches.hook('deleting', note('chat'));

    const removed = await pruneChannel(
      db,
      'A',
      { eventsPerChannel: 1_000, eventDays: 30, chatPerChannel: 2_000, chatDays: 7 },
      NOW,
    );

    expect(removed).toEqual({ events: 4_500, chat: 28_000 });
    const left = await db.events.toArray();
    expect(left).toHaveLength(1_000);
    expect(Math.min(...left.map((e) => e.receivedAt))).toBe(NOW - DAY + 3_000);
    expect(await countChatLines(db, 'A')).toBe(2_000);
    const keptChat = await db.chatBatches.toArray();
    expect(Math.min(...keptChat.map((b) => b.receivedAt))).toBe(NOW - DAY + 280);
    const steps = [...deleted.values()];
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) {
      expect(step.events).toBeLessThanOrEqual(PRUNE_EVENTS_AT_ONCE);
      expect(step.chat).toBeLessThanOrEqual(PRUNE_CHAT_LINES_AT_ONCE);
    }
  });

  it('prunes "for you" items by the events\' age, then to the newest ones', async () => {
    const item = (n: number, occurredAt: number): ForYouItem => ({
      id: `item-${n}`,
      kind: 'mention',
      channelId: 'A',
      channelLogin: 'a',
      channelName: 'A',
      accountId: 'me',
      messageId: `m-${n}`,
      occurredAt,
      receivedAt: occurredAt,
      senderId: '7',
      senderLogin: 'viewer',
      senderName: 'Viewer',
      text: '@me hi',
      read: 0,
    });
    await db.forYou.bulkAdd([
      item(0, NOW - 31 * DAY),
      ...Array.from({ length: MAX_FOR_YOU_ITEMS + 5 }, (_, i) => item(i + 1, NOW - DAY + i)),
    ]);
    await pruneAllChannels(db, LOW, NOW);
    expect(await db.forYou.count()).toBe(MAX_FOR_YOU_ITEMS);
    expect(await db.forYou.get('item-0')).toBeUndefined();
    expect(await db.forYou.get('item-5')).toBeUndefined();
    expect(await db.forYou.get('item-6')).toBeDefined();
  });

  it('under storage pressure frees the oldest chat first, whichever channel it belongs to', async () => {
    await db.chatBatches.bulkAdd([
      chatBatch('A', NOW - 3 * DAY, 40),
      chatBatch('A', NOW - 2 * DAY, 10),
      chatBatch('B', NOW - DAY, 30),
      chatBatch('B', NOW, 20),
    ]);
    const freed = await freeOldestHalf(db);
    expect(freed.chat).toBe(50);
    expect(await countChatLines(db, 'A')).toBe(0);
    expect(await countChatLines(db, 'B')).toBe(50);
  });

  it('with no chat stored, frees the oldest events across channels', async () => {
    await db.events.bulkAdd([
      event('B', 1, NOW - 3 * DAY),
      event('A', 1, NOW - 2 * DAY),
      event('A', 2, NOW),
      event('B', 2, NOW + 1),
    ]);
    expect(await freeOldestHalf(db)).toEqual({ events: 2, chat: 0 });
    expect((await db.events.toArray()).map((e) => e.id).sort()).toEqual([
      'A-channel.follow-2',
      'B-channel.follow-2',
    ]);
  });
});

describe('the listener host', () => {
  const sink: ListenerSink = () => {};
  const configFor = (channelId: string): ListenerConfig => ({
    clientId: 'client',
    accessToken: 'token',
    scopes: [],
    userId: 'me',
    channels: [{ id: channelId, login: channelId.toLowerCase(), role: 'viewer' }],
  });

  beforeEach(async () => {
    await database().delete();
    await database().open();
  });

  it('after a switch from A to B and lower limits, prunes A by count and by age', async () => {
    const host = createListenerHost(sink);
    await host.start(configFor('A'), DEFAULT_RETENTION);
    await recordFormerFavorite(database());
    await host.start(configFor('B'), DEFAULT_RETENTION);
    // The default limits keep all but the 400-day-old events.
    await waitFor(
      async () => (await database().events.count()) === 300,
      'events older than 90 days pruned',
    );
    await host.start(configFor('B'), LOW);
    await waitFor(async () => (await database().events.count()) === 100, 'A pruned by count');
    await waitFor(
      async () => (await countChatLines(database(), 'A')) === 100,
      'A’s chat pruned by age and count',
    );
    const oldest = await database().events.orderBy('[channelId+receivedAt]').first();
    expect(oldest?.receivedAt).toBe(NOW - DAY + 200);
    await host.stop({ deleteSubscriptions: false });
  });
});
