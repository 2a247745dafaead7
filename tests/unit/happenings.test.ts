import { describe, expect, it } from 'vitest';
import {
  SAME_HAPPENING_WITHIN_MS,
  TwiceTold,
  happeningOf,
  oneRowPerHappening,
  sameHappening,
} from '../../lib/twitch/happenings';
import { NOW, ana, broadcaster, notice, pairs, row, user } from './happening-fixtures';

describe('one happening, one row', () => {
  for (const [name, make] of Object.entries(pairs)) {
    describe(name, () => {
      it('keeps the richer record when the chat one arrives first', () => {
        const [chat, own] = make(NOW, NOW + 3_000);
        expect(sameHappening(chat!, own!)).toBe(true);
        expect(oneRowPerHappening([own!, chat!])).toEqual([own]);
      });

      it('keeps the richer record when it arrives first', () => {
        const [chat, own] = make(NOW + 4_000, NOW);
        expect(sameHappening(own!, chat!)).toBe(true);
        expect(oneRowPerHappening([chat!, own!])).toEqual([own]);
      });

      it('keeps both when they arrived further apart than the window', () => {
        const [chat, own] = make(NOW, NOW + SAME_HAPPENING_WITHIN_MS + 1);
        expect(sameHappening(chat!, own!)).toBe(false);
        expect(oneRowPerHappening([own!, chat!])).toEqual([own, chat]);
      });

      it('the chat record is the poorer one', () => {
        const [chat, own] = make();
        expect(happeningOf(chat!)?.richer).toBe(false);
        expect(happeningOf(own!)?.richer).toBe(true);
      });
    });
  }

  it('a Power-up is told by its use of bits only, so it pairs with no cheer', () => {
    const [use, cheer] = pairs.bitsCheer();
    const powerUp = { ...use!, event: { ...use!.event, type: 'power_up' } };
    expect(happeningOf(powerUp)).toBeUndefined();
    expect(oneRowPerHappening([cheer!, powerUp])).toEqual([cheer, powerUp]);
  });

  it('two resubs of one user minutes apart stay two happenings, each shown once', () => {
    const first = pairs.resub(NOW, NOW + 500);
    const second = pairs.resub(NOW + 5 * 60_000 + 300, NOW + 5 * 60_000, 3);
    const rows = [second[0]!, second[1]!, first[1]!, first[0]!];
    expect(oneRowPerHappening(rows)).toEqual([second[1], first[1]]);
  });

  it('a different amount, user, channel or happening is not the same happening', () => {
    const [chat, own] = pairs.resub();
    const otherMonths = pairs.resub(NOW, NOW, 4)[1]!;
    expect(sameHappening(chat!, otherMonths)).toBe(false);
    const otherUser = { ...own!, event: { ...own!.event, user_id: '200002' } };
    expect(sameHappening(chat!, otherUser)).toBe(false);
    const otherChannel = { ...own!, channelId: '100002' };
    expect(sameHappening(chat!, otherChannel)).toBe(false);
    expect(sameHappening(chat!, pairs.cheer()[1]!)).toBe(false);
    // Two records from the same side are two happenings.
    expect(sameHappening(chat!, pairs.resub()[0]!)).toBe(false);
  });

  it('an anonymous gift does not match a named gifter’s gift of the same size', () => {
    const [anonymous] = pairs.anonymousGift();
    const named = pairs.gift()[1]!;
    const sameSize = { ...named, event: { ...named.event, total: 10 } };
    expect(sameHappening(anonymous!, sameSize)).toBe(false);
  });

  it('a raid out of the channel does not pair with a raid notice', () => {
    const [chat, own] = pairs.raid();
    const out = {
      ...own!,
      event: { ...own!.event, to_broadcaster_user_id: '300002' },
    };
    expect(sameHappening(chat!, out)).toBe(false);
  });

  it('pairs each record with one other only, the nearest: two chat records, one event', () => {
    const [chat, own] = pairs.resub(NOW, NOW + 1_000);
    const again = pairs.resub(NOW + 4_000)[0]!;
    expect(oneRowPerHappening([again, own!, chat!])).toEqual([again, own]);
  });

  it('leaves every other row as it is', () => {
    const follow = row('channel.follow', { ...user(ana), ...broadcaster });
    const announcement = notice('announcement', { color: 'PRIMARY' });
    expect(oneRowPerHappening([follow, announcement])).toEqual([follow, announcement]);
    expect(happeningOf(follow)).toBeUndefined();
  });
});

describe('TwiceTold', () => {
  it('lets the first record of a happening through and not its other one in a later batch', () => {
    for (const [first, second] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const records = pairs.gift(NOW + first * 3_000, NOW + second * 3_000);
      const told = new TwiceTold();
      expect(told.firstRecords([records[first]!])).toEqual([records[first]]);
      expect(told.firstRecords([records[second]!])).toEqual([]);
    }
  });

  it('lets both through when the other record comes after the window, and other rows always', () => {
    const [chat, own] = pairs.resub(NOW, NOW + SAME_HAPPENING_WITHIN_MS + 1);
    const follow = row('channel.follow', { ...user(ana), ...broadcaster });
    const told = new TwiceTold();
    expect(told.firstRecords([chat!, follow])).toEqual([chat, follow]);
    expect(told.firstRecords([own!, follow])).toEqual([own, follow]);
  });
});
