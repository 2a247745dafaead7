/**
 * The words for chat notices (`channel.chat.notification`), keyed by notice_type: a label for
 * the settings and a description of each notice.
 */
import { bool, num, obj, str, userName, type Json } from '../twitch/fields';
import { count, money, plural, tierName } from './format';

export interface Description {
  /** Who did what, in words. */
  text: string;
  /** The amount, where there is one ("500 bits", "5 gifted subs", "12 viewers"). */
  amount?: string;
}

export interface NoticeWording {
  /** Short plural name for settings ("Gifted subs"). */
  label: string;
  describe: (e: Json, who: string) => Description;
}

export const channel = (e: Json) => userName(e, 'broadcaster_user', 'The channel');

const giftTier = (n: Json | undefined) => tierName(str(n, 'sub_tier')) ?? 'Tier 1';
const gifterOf = (n: Json | undefined) =>
  bool(n, 'gifter_is_anonymous') ? 'an anonymous gifter' : userName(n, 'gifter_user', 'a gifter');

const subNotice = (e: Json, who: string, key: string): Description => {
  const prime = bool(obj(e, key), 'is_prime');
  return { text: `${who} subscribed${prime ? ' with Prime' : ` at ${giftTier(obj(e, key))}`}` };
};
const resubNotice = (e: Json, who: string, key: string): Description => {
  const months = num(obj(e, key), 'cumulative_months');
  return {
    text: `${who} resubscribed${months ? ` for ${plural(months, 'month')}` : ''}`,
    amount: months ? plural(months, 'month') : undefined,
  };
};
const subGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const recipient = userName(n, 'recipient_user', 'a viewer');
  return {
    text: `${who} gifted a ${giftTier(n)} sub to ${recipient}`,
    amount: plural(1, 'gifted sub'),
  };
};
const communityGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const total = num(n, 'total') ?? 1;
  return {
    text: `${who} gifted ${plural(total, `${giftTier(n)} sub`)} to the community`,
    amount: plural(total, 'gifted sub'),
  };
};
const giftUpgradeNotice = (e: Json, who: string, key: string): Description => ({
  text: `${who} is continuing the gift sub from ${gifterOf(obj(e, key))}`,
});
const primeUpgradeNotice = (e: Json, who: string, key: string): Description => ({
  text: `${who} upgraded their Prime sub to ${giftTier(obj(e, key))}`,
});
const raidNotice = (e: Json, _who: string, key: string): Description => {
  const n = obj(e, key);
  const viewers = num(n, 'viewer_count') ?? 0;
  return {
    text: `${userName(n, 'user', 'A channel')} is raiding with ${plural(viewers, 'viewer')}`,
    amount: plural(viewers, 'viewer'),
  };
};
const payItForwardNotice = (e: Json, who: string, key: string): Description => ({
  text: `${who} is paying forward the gift from ${gifterOf(obj(e, key))}`,
});
const announcementNotice = (e: Json, who: string): Description => {
  const text = str(obj(e, 'message'), 'text');
  return { text: text ? `${who} announced: ${text}` : `${who} made an announcement` };
};

type Describe = (e: Json, who: string, key: string) => Description;
/** A notice described from its own details object (`e[notice_type]`). */
const words = (label: string, describe: Describe, key: string): NoticeWording => ({
  label,
  describe: (e, who) => describe(e, who, key),
});

export const noticeWording: Record<string, NoticeWording> = {
  sub: words('Subs', subNotice, 'sub'),
  resub: words('Resubs', resubNotice, 'resub'),
  sub_gift: words('Gifted subs', subGiftNotice, 'sub_gift'),
  community_sub_gift: words('Community gifts', communityGiftNotice, 'community_sub_gift'),
  gift_paid_upgrade: words('Gift sub upgrades', giftUpgradeNotice, 'gift_paid_upgrade'),
  prime_paid_upgrade: words('Prime upgrades', primeUpgradeNotice, 'prime_paid_upgrade'),
  raid: words('Incoming raids (chat)', raidNotice, 'raid'),
  unraid: {
    label: 'Cancelled raids',
    describe: (e) => ({ text: `${channel(e)} cancelled a raid` }),
  },
  pay_it_forward: words('Pay it forward', payItForwardNotice, 'pay_it_forward'),
  announcement: { label: 'Announcements', describe: announcementNotice },
  bits_badge_tier: {
    label: 'Bits badge tiers',
    describe: (e, w) => {
      const tier = num(obj(e, 'bits_badge_tier'), 'tier');
      return { text: `${w} unlocked the ${tier ? count(tier) : 'new'} bits badge` };
    },
  },
  charity_donation: {
    label: 'Charity donations',
    describe: (e, w) => {
      const n = obj(e, 'charity_donation');
      const amount = money(obj(n, 'amount'));
      return {
        text: `${w} donated${amount ? ` ${amount}` : ''} to ${str(n, 'charity_name') ?? 'charity'}`,
        amount,
      };
    },
  },
  watch_streak: {
    label: 'Watch streaks',
    describe: (e, w) => {
      const n = obj(e, 'watch_streak');
      const streak = num(n, 'streak_count') ?? num(n, 'streak');
      return {
        text: `${w} is on a ${streak ? `${count(streak)}-stream ` : ''}watch streak`,
        amount: streak ? plural(streak, 'stream') : undefined,
      };
    },
  },
  shared_chat_sub: words('Shared chat: subs', subNotice, 'shared_chat_sub'),
  shared_chat_resub: words('Shared chat: resubs', resubNotice, 'shared_chat_resub'),
  shared_chat_sub_gift: words('Shared chat: gifted subs', subGiftNotice, 'shared_chat_sub_gift'),
  shared_chat_community_sub_gift: words(
    'Shared chat: community gifts',
    communityGiftNotice,
    'shared_chat_community_sub_gift',
  ),
  shared_chat_gift_paid_upgrade: words(
    'Shared chat: gift upgrades',
    giftUpgradeNotice,
    'shared_chat_gift_paid_upgrade',
  ),
  shared_chat_prime_paid_upgrade: words(
    'Shared chat: Prime upgrades',
    primeUpgradeNotice,
    'shared_chat_prime_paid_upgrade',
  ),
  shared_chat_raid: words('Shared chat: raids', raidNotice, 'shared_chat_raid'),
  shared_chat_pay_it_forward: words(
    'Shared chat: pay it forward',
    payItForwardNotice,
    'shared_chat_pay_it_forward',
  ),
  shared_chat_announcement: {
    label: 'Shared chat: announcements',
    describe: announcementNotice,
  },
};

/** A chat notice in words; a notice Twitch added after this version by its own system message. */
export function describeChatNotification(e: Json): Description {
  const who = bool(e, 'chatter_is_anonymous') ? 'An anonymous user' : userName(e, 'chatter_user');
  const noticeType = str(e, 'notice_type') ?? 'unknown';
  const wording = noticeWording[noticeType];
  if (wording) return wording.describe(e, who);
  const system = str(e, 'system_message');
  return { text: system && system.trim() ? system : `${who}: ${noticeType.replaceAll('_', ' ')}` };
}
