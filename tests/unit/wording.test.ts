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
