import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../lib/db/database';
import {
  eventIdOfNotification,
  notifiedChannels,
  BURST_WINDOW_MS,
  NotificationPlanner,
  STALE_AFTER_MS,
  isKindEnabled,
  planNotifications,
} from '../../lib/notifications';
import type { NotificationSettings } from '../../lib/settings';
import { kindOf } from '../../lib/twitch/catalog';
import { pairs } from './happening-fixtures';

const NOW = 1_800_000_000_000;
const favorite = { id: '100001', displayName: 'Demo' };
const defaults: NotificationSettings = { enabled: true, types: {}, sound: false };

let seq = 0;
function event(
  type: string,
  event: Record<string, unknown>,
  extra: Partial<StoredEvent> = {},
): StoredEvent {
  seq += 1;
  return {
    id: `m-${seq}`,
    channelId: '100001',
    type,
    version: type === 'channel.follow' ? '2' : '1',
    noticeType: typeof event.notice_type === 'string' ? event.notice_type : '',
    occurredAt: NOW - 1000,
    receivedAt: NOW,
    recent: 1,
    event,
    accountId: '100001',
    ...extra,
  };
}

describe('planNotifications', () => {
  it('notifies enabled kinds, one notification per event, keyed by the event id', () => {
    const online = event('stream.online', { broadcaster_user_name: 'Demo' });
    const planned = planNotifications([online], defaults, favorite, NOW);
    expect(planned).toEqual([
      {
        id: `event:${online.id}`,
        channelId: '100001',
        title: 'Demo',
        message: 'Demo went live',
        eventIds: [online.id],
      },
    ]);
  });

  it('skips kinds that are off by default or switched off', () => {
    const offline = event('stream.offline', {});
    expect(planNotifications([offline], defaults, favorite, NOW)).toEqual([]);
    const online = event('stream.online', {});
    expect(
      planNotifications(
        [online],
        { ...defaults, types: { 'stream.online': false } },
        favorite,
        NOW,
      ),
    ).toEqual([]);
    expect(planNotifications([online], { ...defaults, enabled: false }, favorite, NOW)).toEqual([]);
  });

  it('says nothing about events that are stale (after sleep or a reconnect)', () => {
    const old = event('stream.online', {}, { occurredAt: NOW - STALE_AFTER_MS - 1 });
    expect(planNotifications([old], defaults, favorite, NOW)).toEqual([]);
  });

  it('coalesces a burst of one kind into a single notification', () => {
    const gifts = Array.from({ length: 30 }, () =>
      event('channel.chat.notification', {
        notice_type: 'sub_gift',
        chatter_user_name: 'Gifter',
        sub_gift: {},
      }),
    );
    const planned = planNotifications(gifts, defaults, favorite, NOW);
    expect(planned).toHaveLength(1);
    expect(planned[0]!.message).toBe(
      'Gifter gifted a Tier 1 sub to a viewer · Gifted subs: 29 more in the last minute',
    );
    expect(planned[0]!.eventIds).toHaveLength(30);
  });

  it('notifies an incoming raid', () => {
    const raid = event('channel.raid', {
      from_broadcaster_user_name: 'Raider',
      to_broadcaster_user_id: '100001',
      viewers: 9,
    });
    expect(planNotifications([raid], defaults, favorite, NOW).map((n) => n.message)).toEqual([
      'Raider raided the channel with 9 viewers',
    ]);
  });

  it('ignores events of other channels', () => {
    expect(
      planNotifications(
        [event('stream.online', {}, { channelId: 'other' })],
        defaults,
        favorite,
        NOW,
      ),
    ).toEqual([]);
  });
});

describe('NotificationPlanner', () => {
  const gift = (extra: Record<string, unknown> = {}) =>
    event('channel.chat.notification', {
      notice_type: 'sub_gift',
      chatter_user_name: 'Gifter',
      sub_gift: { ...extra },
    });

  it('folds a burst that arrives over several batches into one notification, taking down the singles', () => {
    const planner = new NotificationPlanner();
    const first = planner.plan([gift(), gift()], defaults, favorite, NOW);
    expect(first.show.map((n) => n.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^event:/)]),
    );
    expect(first.show).toHaveLength(2);
    const second = planner.plan(
      Array.from({ length: 28 }, () => gift()),
      defaults,
      favorite,
      NOW + 1_000,
    );
    expect(second.show).toHaveLength(1);
    expect(second.show[0]!.message).toMatch(/ · Gifted subs: 29 more in the last minute$/);
    expect(second.clear).toEqual(first.show.map((n) => n.id));
    const third = planner.plan([gift()], defaults, favorite, NOW + 2_000);
    expect(third.show).toEqual([
      expect.objectContaining({
        id: second.show[0]!.id,
        message: expect.stringMatching(/ · Gifted subs: 30 more in the last minute$/),
      }),
    ]);
    expect(third.clear).toEqual([]);
  });

  it('starts afresh after a quiet spell', () => {
    const planner = new NotificationPlanner();
    planner.plan(
      Array.from({ length: 5 }, () => gift()),
      defaults,
      favorite,
      NOW,
    );
    const afterQuiet = { receivedAt: NOW + BURST_WINDOW_MS + 1 };
    const later = planner.plan(
      [event('channel.chat.notification', { notice_type: 'sub_gift', sub_gift: {} }, afterQuiet)],
      defaults,
      favorite,
      NOW + BURST_WINDOW_MS + 1,
    );
    expect(later.show).toHaveLength(1);
    expect(later.show[0]!.id).toMatch(/^event:/);
  });

  it('judges bursts by when events arrived, so a backlog planned at once stays singles', () => {
    const planner = new NotificationPlanner();
    const raids = Array.from({ length: 5 }, (_, i) =>
      event(
        'channel.raid',
        { from_broadcaster_user_name: `R${i}`, to_broadcaster_user_id: '100001', viewers: i + 2 },
        { receivedAt: NOW + i * (BURST_WINDOW_MS + 1_000) },
      ),
    );
    // All planned long after they arrived, in one go (the background was behind).
    const plan = planner.plan(raids, defaults, favorite, NOW + 60_000);
    expect(plan.show.map((n) => n.message)).toEqual(
      raids.map((_, i) => `R${i} raided the channel with ${i + 2} viewers`),
    );
    expect(plan.show.every((n) => n.id.startsWith('event:'))).toBe(true);
  });

  it('names the newest event of a burst and the count, and lists the latest few', () => {
    const planner = new NotificationPlanner();
    const raids = Array.from({ length: 17 }, (_, i) =>
      event(
        'channel.raid',
        { from_broadcaster_user_name: `R${i}`, to_broadcaster_user_id: '100001', viewers: i },
        { receivedAt: NOW + i * 3_000 },
      ),
    );
    const [burst] = planner.plan(raids, defaults, favorite, NOW + 50_000).show;
    expect(burst!.message).toBe(
      'R16 raided the channel with 16 viewers · Incoming raids: 16 more in the last minute',
    );
    expect(burst!.items?.map((i) => i.message)).toEqual(
      [16, 15, 14, 13, 12].map((i) => `R${i} raided the channel with ${i} viewers`),
    );
    const zed = (receivedAt: number) =>
      event(
        'channel.raid',
        { from_broadcaster_user_name: 'Zed', to_broadcaster_user_id: '100001', viewers: 777 },
        { receivedAt },
      );
    const [next] = planner.plan([zed(NOW + 57_000)], defaults, favorite, NOW + 58_000).show;
    expect(next).toMatchObject({
      id: burst!.id,
      message:
        'Zed raided the channel with 777 viewers · Incoming raids: 17 more in the last minute',
    });
    const [longer] = planner.plan([zed(NOW + 66_000)], defaults, favorite, NOW + 67_000).show;
    expect(longer!.message).toBe(
      'Zed raided the channel with 777 viewers · Incoming raids: 18 more in the last 2 minutes',
    );
  });

  it('leaves the subs of a community gift to the community gift’s own notification', () => {
    const planner = new NotificationPlanner();
    const community = event('channel.chat.notification', {
      notice_type: 'community_sub_gift',
      chatter_user_name: 'Gifter',
      community_sub_gift: { id: 'cg1', total: 20, sub_tier: '1000' },
    });
    const parts = Array.from({ length: 20 }, () => gift({ community_gift_id: 'cg1' }));
    const plan = planner.plan([community, ...parts], defaults, favorite, NOW);
    expect(plan.show.map((n) => n.message)).toEqual([
      'Gifter gifted 20 Tier 1 subs to the community',
    ]);
  });
});

describe('notification kinds', () => {
  it('splits chat notices and raids by kind', () => {
    expect(kindOf(event('channel.chat.notification', { notice_type: 'raid' }))).toBe(
      'channel.chat.notification/raid',
    );
    expect(
      kindOf(
        event('channel.raid', { to_broadcaster_user_id: '100001', from_broadcaster_user_id: '9' }),
      ),
    ).toBe('channel.raid.to');
    expect(
      kindOf(
        event('channel.raid', { to_broadcaster_user_id: '9', from_broadcaster_user_id: '100001' }),
      ),
    ).toBe('channel.raid.from');
  });

  it('falls back to the catalog defaults', () => {
    expect(isKindEnabled('channel.follow', defaults)).toBe(true);
    expect(isKindEnabled('channel.raid.to', defaults)).toBe(true);
    expect(isKindEnabled('channel.raid.from', defaults)).toBe(true);
    expect(isKindEnabled('stream.offline', defaults)).toBe(false);
    expect(isKindEnabled('channel.chat.notification/sub_gift', defaults)).toBe(true);
    expect(isKindEnabled('channel.chat.notification/mystery_notice', defaults)).toBe(false);
    expect(
      isKindEnabled('channel.follow', { ...defaults, types: { 'channel.follow': false } }),
    ).toBe(false);
  });
});

describe('notifications for several favorites', () => {
  const lumen = { id: '100002', displayName: 'LumenFox' };

  it('plans for every favorite, each titled with its own name, and leaves other channels out', () => {
    const demo = event('stream.online', { broadcaster_user_name: 'Demo' });
    const fox = event(
      'stream.online',
      { broadcaster_user_name: 'LumenFox' },
      { channelId: '100002' },
    );
    const stranger = event('stream.online', { broadcaster_user_name: 'X' }, { channelId: '999' });
    const planned = planNotifications([demo, fox, stranger], defaults, [favorite, lumen], NOW);
    expect(planned.map((n) => [n.channelId, n.title, n.eventIds])).toEqual([
      ['100001', 'Demo', [demo.id]],
      ['100002', 'LumenFox', [fox.id]],
    ]);
    expect(eventIdOfNotification(planned[1]!.id)).toBe(fox.id);
  });

  it('leaves muted favorites out', () => {
    const fox = event(
      'stream.online',
      { broadcaster_user_name: 'LumenFox' },
      { channelId: '100002' },
    );
    const demo = event('stream.online', { broadcaster_user_name: 'Demo' });
    const channels = notifiedChannels([favorite, lumen], ['100002']);
    expect(channels).toEqual([favorite]);
    expect(planNotifications([demo, fox], defaults, channels, NOW).map((n) => n.title)).toEqual([
      'Demo',
    ]);
  });

  it('applies the per-kind switches to every channel', () => {
    const fox = event(
      'stream.online',
      { broadcaster_user_name: 'LumenFox' },
      { channelId: '100002' },
    );
    const off = { ...defaults, types: { 'stream.online': false } };
    expect(planNotifications([fox], off, [favorite, lumen], NOW)).toEqual([]);
  });
});

describe('a happening Twitch tells twice notifies once', () => {
  /** Every kind of both records switched on, so each pair competes. */
  const all: NotificationSettings = {
    ...defaults,
    types: Object.fromEntries(
      Object.values(pairs).flatMap((make) => make().map((e) => [kindOf(e), true])),
    ),
  };

  for (const [name, make] of Object.entries(pairs)) {
    it(`${name}: one notification, the richer record's, in either order within a batch`, () => {
      for (const [first, second] of [
        [0, 1],
        [1, 0],
      ] as const) {
        const records = make(NOW + first * 2_000, NOW + second * 2_000);
        const batch = [records[first]!, records[second]!];
        const planned = new NotificationPlanner().plan(batch, all, favorite, NOW + 5_000).show;
        expect(planned.map((n) => n.eventIds)).toEqual([[records[1]!.id]]);
      }
    });

    it(`${name}: the second record arriving in a later batch does not notify again`, () => {
      for (const order of [
        [0, 1],
        [1, 0],
      ] as const) {
        const records = order[0] === 0 ? make(NOW, NOW + 4_000) : make(NOW + 4_000, NOW);
        const [earlier, later] = [records[order[0]]!, records[order[1]]!];
        const planner = new NotificationPlanner();
        const first = planner.plan([earlier], all, favorite, NOW + 5_000).show;
        expect(first.map((n) => n.eventIds)).toEqual([[earlier.id]]);
        expect(planner.plan([later], all, favorite, NOW + 5_000)).toEqual({ show: [], clear: [] });
      }
    });
  }

  it('two resubs of one user minutes apart notify twice', () => {
    const planner = new NotificationPlanner();
    const later = NOW + 5 * 60_000;
    const [chat1, own1] = pairs.resub(NOW, NOW + 500);
    const [chat2, own2] = pairs.resub(later, later + 500);
    expect(planner.plan([chat1!, own1!], all, favorite, NOW + 1_000).show).toHaveLength(1);
    const second = planner.plan([chat2!, own2!], all, favorite, later + 1_000).show;
    expect(second.map((n) => n.eventIds)).toEqual([[own2!.id]]);
  });

  it('with the richer record’s kind switched off, the other one notifies, once', () => {
    const [chat, own] = pairs.raid();
    const settings = { ...all, types: { ...all.types, 'channel.raid.to': false } };
    const planned = planNotifications([own!, chat!], settings, favorite, NOW + 1_000);
    expect(planned.map((n) => n.eventIds)).toEqual([[chat!.id]]);
  });

  it('three resubs told twice each are three notifications, not six', () => {
    const batch = [0, 1, 2].flatMap((i) =>
      pairs.resub(NOW + i * 1_000, NOW + i * 1_000 + 200, i + 2),
    );
    const planned = planNotifications(batch, all, favorite, NOW + 5_000);
    expect(planned.map((n) => n.id)).toEqual(
      batch.filter((e) => e.type === 'channel.subscription.message').map((e) => `event:${e.id}`),
    );
  });
});
