import { describe, expect, it } from 'vitest';
import { eventCatalog, kindOf, noticeKinds } from '../../lib/twitch/catalog';
import { describeEvent, eventWording, labelOf, noticeWording } from '../../lib/wording';
import { bitsText, giftedSubsText } from '../../lib/wording/events';
import { money, relativeTime } from '../../lib/wording/format';

describe('wording', () => {
  it('has words for every catalog entry and chat notice, and nothing else', () => {
    expect(Object.keys(eventWording).sort()).toEqual(eventCatalog.map((e) => e.id).sort());
    expect(Object.keys(noticeWording).sort()).toEqual(Object.keys(noticeKinds).sort());
  });

  it('labels kinds, known or not', () => {
    expect(labelOf('channel.raid.from')).toBe('Outgoing raids');
    expect(labelOf('channel.chat.notification/sub_gift')).toBe('Gifted subs');
    expect(labelOf('channel.chat.notification/mystery')).toBe('Chat notices');
    expect(labelOf('channel.brand_new')).toBe('channel.brand_new');
  });

  it('describes a raid the same way in both directions, and an unknown type generically', () => {
    const raid = {
      from_broadcaster_user_name: 'Demo',
      to_broadcaster_user_name: 'Other',
      viewers: 3,
    };
    const outgoing = { type: 'channel.raid', version: '1', event: raid, channelId: '1' };
    expect(kindOf(outgoing)).toBe('channel.raid.from');
    expect(describeEvent(outgoing)).toEqual({
      text: 'Demo raided Other with 3 viewers',
      amount: '3 viewers',
    });
    expect(describeEvent({ type: 'channel.brand_new', event: {}, channelId: '1' })).toEqual({
      text: 'New channel.brand_new event',
    });
  });

  it('describes the newer types in their own words, from payloads shaped as Twitch sends them', () => {
    const say = (type: string, event: Record<string, unknown>) =>
      describeEvent({ type, version: '1', event, channelId: '1' });
    const fan = { user_id: '7', user_login: 'fan', user_name: 'Fan' };
    const mod = { moderator_user_id: '2', moderator_user_login: 'mod', moderator_user_name: 'Mod' };
    const message = { text: 'you are all potatoes', fragments: [] };
    expect(say('channel.chat.user_message_hold', { ...fan, message_id: 'm', message })).toEqual({
      text: 'AutoMod is holding your message for review: you are all potatoes',
    });
    const update = (status: string) =>
      say('channel.chat.user_message_update', { ...fan, message, status }).text;
    expect(update('approved')).toBe('Your held message was approved: you are all potatoes');
    expect(update('denied')).toBe('Your held message was denied: you are all potatoes');
    expect(update('invalid')).toBe(
      'Your held message was not reviewed in time: you are all potatoes',
    );
    expect(say('automod.settings.update', { ...mod, overall_level: 3 }).text).toBe(
      'Mod set AutoMod to level 3',
    );
    expect(say('automod.settings.update', { ...mod, overall_level: null }).text).toBe(
      'Mod changed the AutoMod settings',
    );
    expect(
      say('automod.terms.update', { ...mod, action: 'add_blocked', terms: ['a', 'b'] }).text,
    ).toBe('Mod added blocked terms: a, b');
    expect(
      say('automod.terms.update', { ...mod, action: 'remove_permitted', terms: ['c'] }).text,
    ).toBe('Mod removed permitted terms: c');
    const bits = (event: Record<string, unknown>) =>
      say('channel.bits.use', { ...fan, bits: 100, ...event });
    expect(bits({ type: 'cheer', message: { text: 'Cheer100 gg' } })).toEqual({
      text: 'Fan cheered 100 bits',
      amount: '100 bits',
    });
    expect(
      bits({
        type: 'power_up',
        power_up: { type: 'gigantify_an_emote', emote: { id: '25', name: 'Kappa' } },
      }).text,
    ).toBe('Fan used 100 bits on a Power-up: Gigantify an Emote (Kappa)');
    expect(bits({ type: 'power_up', power_up: { type: 'celebration' } }).text).toBe(
      'Fan used 100 bits on a Power-up: On-Screen Celebration',
    );
    expect(bits({ type: 'combo' }).text).toBe('Fan sent a Combo for 100 bits');
    expect(bits({ type: 'something_new' }).text).toBe('Fan used 100 bits');
    expect(say('channel.vip.add', fan).text).toBe('Fan is now a VIP');
    expect(say('channel.vip.remove', fan).text).toBe('Fan is no longer a VIP');
    expect(say('channel.moderator.add', fan).text).toBe('Fan is now a moderator');
    expect(say('channel.moderator.remove', fan).text).toBe('Fan is no longer a moderator');
    const reward = { id: 'r', title: 'Hydrate!', cost: 500 };
    expect(say('channel.channel_points_custom_reward.add', reward)).toEqual({
      text: 'New reward: Hydrate!',
      amount: '500 points',
    });
    expect(say('channel.channel_points_custom_reward.update', reward).text).toBe(
      'Reward changed: Hydrate!',
    );
    expect(say('channel.channel_points_custom_reward.remove', reward).text).toBe(
      'Reward deleted: Hydrate!',
    );
    for (const kind of [
      'channel.chat.user_message_hold',
      'channel.bits.use',
      'channel.vip.add',
      'automod.terms.update',
    ])
      expect(labelOf(kind), kind).not.toBe(kind);
  });

  it('formats money with the currency and decimal places Twitch sends', () => {
    expect(money({ value: 1250, decimal_places: 2, currency: 'USD' })).toBe('12.50 USD');
    expect(money({ value: 123456, decimal_places: 2, currency: 'EUR' })).toBe('1,234.56 EUR');
    expect(money({ value: 500, decimal_places: 0, currency: 'JPY' })).toBe('500 JPY');
    expect(money({ value: 5, decimal_places: 2, currency: 'not a code' })).toBe('0.05 not a code');
    expect(money({ value: 5, decimal_places: 2 })).toBe('0.05');
    expect(money({ decimal_places: 2, currency: 'USD' })).toBeUndefined();
  });

  it('counts in words', () => {
    expect(bitsText(1)).toBe('1 bit');
    expect(bitsText(0)).toBe('0 bits');
    expect(giftedSubsText(1500)).toBe('1,500 gifted subs');
  });

  it('says how long ago', () => {
    const now = 1_800_000_000_000;
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 45_000, now)).toBe('45 seconds ago');
    expect(relativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(relativeTime(now - 24 * 3_600_000, now)).toBe('1 day ago');
    expect(relativeTime(now - 48 * 3_600_000, now)).toBe('2 days ago');
  });
});
