/**
 * The words for chat notices (`channel.chat.notification`), keyed by notice_type: a label for
 * the settings and a description of each notice (`notice.*` in locales/*.yml).
 */
import { t } from '../i18n';
import { bool, num, obj, str, userName, type Json } from '../twitch/fields';
import { count, money, tierName } from './format';

export interface Description {
  /** Who did what, in words. */
  text: string;
  /** The amount, where there is one ("500 bits", "5 gifted subs", "12 viewers"). */
  amount?: string;
}

export interface NoticeWording {
  /** Short plural name for settings ("Gifted subs"). */
  label: () => string;
  describe: (e: Json, who: string) => Description;
}

export const channel = (e: Json) => userName(e, 'broadcaster_user', t('event.theChannelStart'));

const giftTier = (n: Json | undefined) => tierName(str(n, 'sub_tier')) ?? tierName('1000')!;
const gifterOf = (n: Json | undefined) =>
  bool(n, 'gifter_is_anonymous')
    ? t('notice.anAnonymousGifter')
    : userName(n, 'gifter_user', t('notice.aGifter'));
const months = (n: number) => t('amount.months', n, [count(n)]);
const giftedSubs = (n: number) => t('amount.giftedSubs', n, [count(n)]);
const viewersOf = (n: number) => t('amount.viewers', n, [count(n)]);

const subNotice = (e: Json, who: string, key: string): Description => {
  const prime = bool(obj(e, key), 'is_prime');
  return {
    text: prime ? t('notice.subPrime', [who]) : t('notice.sub', [who, giftTier(obj(e, key))]),
  };
};
const resubNotice = (e: Json, who: string, key: string): Description => {
  const total = num(obj(e, key), 'cumulative_months');
  return {
    text: total ? t('event.resubFor', [who, months(total)]) : t('event.resub', [who]),
    amount: total ? months(total) : undefined,
  };
};
const subGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const recipient = userName(n, 'recipient_user', t('notice.aViewer'));
  return {
    text: t('notice.subGift', [who, giftTier(n), recipient]),
    amount: giftedSubs(1),
  };
};
const communityGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const total = num(n, 'total') ?? 1;
  return {
    text: t('notice.communityGift', total, [who, count(total), giftTier(n)]),
    amount: giftedSubs(total),
  };
};
const giftUpgradeNotice = (e: Json, who: string, key: string): Description => ({
  text: t('notice.giftUpgrade', [who, gifterOf(obj(e, key))]),
});
const primeUpgradeNotice = (e: Json, who: string, key: string): Description => ({
  text: t('notice.primeUpgrade', [who, giftTier(obj(e, key))]),
});
const raidNotice = (e: Json, _who: string, key: string): Description => {
  const n = obj(e, key);
  const viewers = viewersOf(num(n, 'viewer_count') ?? 0);
  return {
    text: t('notice.raid', [userName(n, 'user', t('event.aChannelStart')), viewers]),
    amount: viewers,
  };
};
const payItForwardNotice = (e: Json, who: string, key: string): Description => ({
  text: t('notice.payItForward', [who, gifterOf(obj(e, key))]),
});
const announcementNotice = (e: Json, who: string): Description => {
  const text = str(obj(e, 'message'), 'text');
  return {
    text: text ? t('notice.announced', [who, text]) : t('notice.announcement', [who]),
  };
};

type Describe = (e: Json, who: string, key: string) => Description;
/** A notice described from its own details object (`e[notice_type]`). */
const words = (label: () => string, describe: Describe, key: string): NoticeWording => ({
  label,
  describe: (e, who) => describe(e, who, key),
});
/** "Shared chat: Subs": a notice from another channel of a shared chat session. */
const shared = (label: () => string) => () => t('noticeKind.shared', [label()]);

const subs = () => t('noticeKind.sub');
const resubs = () => t('noticeKind.resub');
const giftedSubsLabel = () => t('kind.subscriptionGift');
const communityGifts = () => t('noticeKind.communityGift');
const giftUpgrades = () => t('noticeKind.giftUpgrade');
const primeUpgrades = () => t('noticeKind.primeUpgrade');
const raids = () => t('noticeKind.raid');
const payItForward = () => t('noticeKind.payItForward');
const announcements = () => t('noticeKind.announcement');

export const noticeWording: Record<string, NoticeWording> = {
  sub: words(subs, subNotice, 'sub'),
  resub: words(resubs, resubNotice, 'resub'),
  sub_gift: words(giftedSubsLabel, subGiftNotice, 'sub_gift'),
  community_sub_gift: words(communityGifts, communityGiftNotice, 'community_sub_gift'),
  gift_paid_upgrade: words(giftUpgrades, giftUpgradeNotice, 'gift_paid_upgrade'),
  prime_paid_upgrade: words(primeUpgrades, primeUpgradeNotice, 'prime_paid_upgrade'),
  raid: words(() => t('noticeKind.raidChat'), raidNotice, 'raid'),
  unraid: {
    label: () => t('noticeKind.unraid'),
    describe: (e) => ({ text: t('notice.unraid', [channel(e)]) }),
  },
  pay_it_forward: words(payItForward, payItForwardNotice, 'pay_it_forward'),
  announcement: { label: announcements, describe: announcementNotice },
  bits_badge_tier: {
    label: () => t('noticeKind.bitsBadgeTier'),
    describe: (e, w) => {
      const tier = num(obj(e, 'bits_badge_tier'), 'tier');
      return {
        text: tier ? t('notice.bitsBadgeTier', [w, count(tier)]) : t('notice.bitsBadgeNew', [w]),
      };
    },
  },
  charity_donation: {
    label: () => t('kind.charityDonate'),
    describe: (e, w) => {
      const n = obj(e, 'charity_donation');
      const amount = money(obj(n, 'amount'));
      const charity = str(n, 'charity_name') ?? t('event.charity');
      return {
        text: amount
          ? t('event.donatedAmount', [w, amount, charity])
          : t('event.donated', [w, charity]),
        amount,
      };
    },
  },
  watch_streak: {
    label: () => t('noticeKind.watchStreak'),
    describe: (e, w) => {
      const n = obj(e, 'watch_streak');
      const streak = num(n, 'streak_count') ?? num(n, 'streak');
      return {
        text: streak
          ? t('notice.watchStreakOf', streak, [w, count(streak)])
          : t('notice.watchStreak', [w]),
        amount: streak ? t('amount.streams', streak, [count(streak)]) : undefined,
      };
    },
  },
  shared_chat_sub: words(shared(subs), subNotice, 'shared_chat_sub'),
  shared_chat_resub: words(shared(resubs), resubNotice, 'shared_chat_resub'),
  shared_chat_sub_gift: words(shared(giftedSubsLabel), subGiftNotice, 'shared_chat_sub_gift'),
  shared_chat_community_sub_gift: words(
    shared(communityGifts),
    communityGiftNotice,
    'shared_chat_community_sub_gift',
  ),
  shared_chat_gift_paid_upgrade: words(
    shared(giftUpgrades),
    giftUpgradeNotice,
    'shared_chat_gift_paid_upgrade',
  ),
  shared_chat_prime_paid_upgrade: words(
    shared(primeUpgrades),
    primeUpgradeNotice,
    'shared_chat_prime_paid_upgrade',
  ),
  shared_chat_raid: words(shared(raids), raidNotice, 'shared_chat_raid'),
  shared_chat_pay_it_forward: words(
    shared(payItForward),
    payItForwardNotice,
    'shared_chat_pay_it_forward',
  ),
  shared_chat_announcement: {
    label: shared(announcements),
    describe: announcementNotice,
  },
};

/** A chat notice in words; a notice Twitch added after this version by its own system message. */
export function describeChatNotification(e: Json): Description {
  const who = bool(e, 'chatter_is_anonymous')
    ? t('notice.anAnonymousUser')
    : userName(e, 'chatter_user');
  const noticeType = str(e, 'notice_type') ?? 'unknown';
  const wording = noticeWording[noticeType];
  if (wording) return wording.describe(e, who);
  const system = str(e, 'system_message');
  return {
    text:
      system && system.trim()
        ? system
        : t('event.chatMessage', [who, noticeType.replaceAll('_', ' ')]),
  };
}
