import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  catalogEntryFor,
  entriesForRole,
  eventCatalog,
  noticeKinds,
  scopesFor,
} from '../../lib/twitch/catalog';
import { eventWording, noticeWording } from '../../lib/wording';
import {
  TABLE_PATH,
  renderEventSubTable,
  twurpleAgrees,
  twurpleRequests,
} from '../../scripts/eventsub-table';

describe('eventCatalog', () => {
  it('has one entry per id', () => {
    const ids = eventCatalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every type a viewer, a moderator and the broadcaster can get', () => {
    const types = new Set(eventCatalog.map((e) => `${e.type}@${e.version}`));
    for (const expected of [
      'stream.online@1',
      'stream.offline@1',
      'channel.update@2',
      'channel.raid@1',
      'channel.shared_chat.begin@1',
      'channel.shared_chat.update@1',
      'channel.shared_chat.end@1',
      'channel.chat.message@1',
      'channel.chat.notification@1',
      'channel.chat.message_delete@1',
      'channel.chat.clear@1',
      'channel.chat.clear_user_messages@1',
      'channel.chat_settings.update@1',
      'channel.chat.user_message_hold@1',
      'channel.chat.user_message_update@1',
      'channel.follow@2',
      'channel.shoutout.create@1',
      'channel.shoutout.receive@1',
      'channel.moderate@2',
      'automod.message.hold@2',
      'automod.message.update@2',
      'automod.settings.update@1',
      'automod.terms.update@1',
      'channel.subscribe@1',
      'channel.subscription.gift@1',
      'channel.subscription.message@1',
      'channel.subscription.end@1',
      'channel.cheer@1',
      'channel.bits.use@1',
      'channel.vip.add@1',
      'channel.vip.remove@1',
      'channel.moderator.add@1',
      'channel.moderator.remove@1',
      'channel.channel_points_custom_reward.add@1',
      'channel.channel_points_custom_reward.update@1',
      'channel.channel_points_custom_reward.remove@1',
      'channel.channel_points_custom_reward_redemption.add@1',
      'channel.poll.begin@1',
      'channel.prediction.begin@1',
      'channel.hype_train.begin@2',
      'channel.goal.begin@1',
      'channel.ad_break.begin@1',
      'channel.charity_campaign.donate@1',
    ]) {
      expect(types, expected).toContain(expected);
    }
  });

  it('builds the conditions Twitch documents', () => {
    const ids = { broadcasterId: 'B', userId: 'U' };
    expect(catalogEntryFor('stream.online')!.condition(ids)).toEqual({ broadcaster_user_id: 'B' });
    expect(catalogEntryFor('channel.chat.message')!.condition(ids)).toEqual({
      broadcaster_user_id: 'B',
      user_id: 'U',
    });
    expect(catalogEntryFor('channel.follow')!.condition(ids)).toEqual({
      broadcaster_user_id: 'B',
      moderator_user_id: 'U',
    });
    // Twitch's docs once said broadcaster_id here; Twitch, its CLI and twurple use broadcaster_user_id.
    expect(catalogEntryFor('channel.ad_break.begin')!.condition(ids)).toEqual({
      broadcaster_user_id: 'B',
    });
    // The user's own held messages: user_id is the signed-in user.
    for (const type of ['channel.chat.user_message_hold', 'channel.chat.user_message_update'])
      expect(catalogEntryFor(type)!.condition(ids), type).toEqual({
        broadcaster_user_id: 'B',
        user_id: 'U',
      });
    for (const type of ['automod.settings.update', 'automod.terms.update'])
      expect(catalogEntryFor(type)!.condition(ids), type).toEqual({
        broadcaster_user_id: 'B',
        moderator_user_id: 'U',
      });
    for (const type of [
      'channel.bits.use',
      'channel.vip.add',
      'channel.moderator.remove',
      'channel.channel_points_custom_reward.update',
    ])
      expect(catalogEntryFor(type)!.condition(ids), type).toEqual({ broadcaster_user_id: 'B' });
    const raids = eventCatalog
      .filter((e) => e.type === 'channel.raid')
      .map((e) => e.condition(ids));
    expect(raids).toEqual([{ to_broadcaster_user_id: 'B' }, { from_broadcaster_user_id: 'B' }]);
  });

  it('gives each role what Twitch allows it', () => {
    const viewer = entriesForRole('viewer');
    expect(viewer.every((e) => e.role === 'viewer')).toBe(true);
    expect(viewer.map((e) => e.type)).toContain('channel.chat.notification');
    const moderator = entriesForRole('moderator');
    expect(moderator.some((e) => e.type === 'channel.follow')).toBe(true);
    expect(moderator.some((e) => e.type === 'channel.cheer')).toBe(false);
    expect(viewer.map((e) => e.type)).toContain('channel.chat.user_message_hold');
    expect(moderator.map((e) => e.type)).toContain('automod.settings.update');
    for (const type of ['channel.vip.add', 'channel.moderator.add', 'channel.bits.use'])
      expect(moderator.map((e) => e.type)).not.toContain(type);
    expect(entriesForRole('broadcaster')).toHaveLength(eventCatalog.length);
  });

  it('keeps a viewer within the cost limit of 10', () => {
    // Types whose condition names another user cost 1 each; chat types name the viewer (cost 0).
    const cost = entriesForRole('viewer').filter(
      (e) => !e.condition({ broadcasterId: 'B', userId: 'U' }).user_id,
    ).length;
    expect(cost).toBeLessThanOrEqual(10);
  });

  it('asks for the whisper scopes only when wanted; sending comes with reading', () => {
    expect(scopesFor({ moderator: false, broadcaster: false, whispers: true })).toEqual([
      'user:read:chat',
      'user:read:whispers',
    ]);
    expect(scopesFor({ moderator: false, broadcaster: false, sendWhispers: true })).toEqual([
      'user:read:chat',
      'user:read:whispers',
      'user:manage:whispers',
    ]);
    expect(scopesFor({ moderator: true, broadcaster: true })).not.toContain('user:read:whispers');
    const whisper = catalogEntryFor('user.whisper.message')!;
    expect(whisper).toMatchObject({ version: '1', scope: 'user:read:whispers', perUser: true });
    expect(whisper.condition({ broadcasterId: 'B', userId: 'U' })).toEqual({ user_id: 'U' });
  });

  it('asks for moderator and broadcaster scopes only when wanted', () => {
    expect(scopesFor({ moderator: false, broadcaster: false })).toEqual(['user:read:chat']);
    expect(scopesFor({ moderator: false, broadcaster: false, sendChat: true })).toContain(
      'user:write:chat',
    );
    const mod = scopesFor({ moderator: true, broadcaster: false });
    expect(mod).toContain('moderator:read:followers');
    expect(mod).not.toContain('bits:read');
    expect(mod).toContain('moderator:read:automod_settings');
    expect(mod).not.toContain('channel:read:vips');
    const owner = scopesFor({ moderator: false, broadcaster: true });
    expect(owner).toEqual(
      expect.arrayContaining([
        'bits:read',
        'channel:read:subscriptions',
        'moderator:read:followers',
        'channel:read:vips',
        'moderation:read',
      ]),
    );
  });
});

describe('the catalog against Twitch', () => {
  it('asks for what twurple 8.1.4 asks Twitch for: version, condition keys and a scope it accepts', () => {
    const requests = twurpleRequests();
    expect(requests.size).toBeGreaterThan(50);
    const disagree = eventCatalog.filter((e) => !twurpleAgrees(e, requests)).map((e) => e.id);
    expect(disagree).toEqual([]);
  });

  it('is what docs/eventsub-types.md says (npx tsx scripts/eventsub-table.ts writes it)', async () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(await renderEventSubTable());
  });
});

describe('describing events', () => {
  const describe_ = (type: string, event: Record<string, unknown>, version?: string) =>
    eventWording[catalogEntryFor(type, version)!.id]!.describe(event);

  it('says who did what, with the amount', () => {
    expect(describe_('channel.cheer', { user_name: 'Fan', bits: 500 })).toEqual({
      text: 'Fan cheered 500 bits',
      amount: '500 bits',
    });
    expect(
      describe_('channel.raid', {
        from_broadcaster_user_name: 'Raider',
        to_broadcaster_user_name: 'Demo',
        viewers: 42,
      }),
    ).toEqual({
      text: 'Raider raided Demo with 42 viewers',
      amount: '42 viewers',
    });
    expect(describe_('channel.follow', { user_name: 'NewFan' }).text).toBe('NewFan followed');
  });

  it('describes every documented chat notice in its own words, even without details', () => {
    // What each notice says when its details object is empty: never the generic text kept for
    // notices Twitch adds later ("Viewer: sub gift").
    const expected: Record<string, string> = {
      sub: 'Viewer subscribed at Tier 1',
      resub: 'Viewer resubscribed',
      sub_gift: 'Viewer gifted a Tier 1 sub to a viewer',
      community_sub_gift: 'Viewer gifted 1 Tier 1 sub to the community',
      gift_paid_upgrade: 'Viewer is continuing the gift sub from a gifter',
      prime_paid_upgrade: 'Viewer upgraded their Prime sub to Tier 1',
      raid: 'A channel is raiding with 0 viewers',
      unraid: 'The channel cancelled a raid',
      pay_it_forward: 'Viewer is paying forward the gift from a gifter',
      announcement: 'Viewer made an announcement',
      bits_badge_tier: 'Viewer unlocked the new bits badge',
      charity_donation: 'Viewer donated to charity',
      watch_streak: 'Viewer is on a watch streak',
    };
    for (const [base, text] of Object.entries(expected)) {
      if (!['unraid', 'bits_badge_tier', 'charity_donation', 'watch_streak'].includes(base))
        expected[`shared_chat_${base}`] = text;
    }
    expect(Object.keys(noticeKinds).sort()).toEqual(Object.keys(expected).sort());
    for (const noticeType of Object.keys(noticeKinds)) {
      const text = describe_('channel.chat.notification', {
        notice_type: noticeType,
        chatter_user_name: 'Viewer',
        [noticeType]: {},
      }).text;
      expect(text, noticeType).toBe(expected[noticeType]);
    }
    // Each kind has a label of its own (the options list them side by side), in words.
    const labels = Object.values(noticeWording).map((kind) => kind.label());
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[A-Z][A-Za-z ():-]+$/);
    expect(noticeWording.shared_chat_sub!.label()).toBe('Shared chat: Subs');
    expect(
      describe_('channel.chat.notification', {
        notice_type: 'community_sub_gift',
        chatter_user_name: 'Gifter',
        community_sub_gift: { total: 30, sub_tier: '1000' },
      }),
    ).toEqual({ text: 'Gifter gifted 30 Tier 1 subs to the community', amount: '30 gifted subs' });
  });

  it('keeps an unknown notice type, described by its system message', () => {
    expect(
      describe_('channel.chat.notification', {
        notice_type: 'mystery_notice',
        chatter_user_name: 'V',
        system_message: 'V did a new thing',
      }).text,
    ).toBe('V did a new thing');
    expect(
      describe_('channel.chat.notification', {
        notice_type: 'mystery_notice',
        chatter_user_name: 'V',
      }).text,
    ).toBe('V: mystery notice');
  });

  it('survives missing and oddly typed fields', () => {
    for (const entry of eventCatalog) {
      const { describe } = eventWording[entry.id]!;
      expect(() => describe({}), entry.id).not.toThrow();
      expect(
        () => describe({ user_name: 5, bits: 'x', choices: 'no', outcomes: null, reward: [] }),
        entry.id,
      ).not.toThrow();
    }
  });
});
