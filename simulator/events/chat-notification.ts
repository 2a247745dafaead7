/** channel.chat.notification: every notice type and its details. */
import type { Account } from '../world.js';
import {
  actor,
  ANNOUNCEMENTS,
  broadcaster,
  CHARITIES,
  moderatorOf,
  nobody,
  otherChannel,
  pick,
  profileImageUrl,
  randInt,
  SUB_MESSAGES,
  TIER_NAMES,
  tierOf,
  uuid,
  who,
} from './common.js';
import type { EventData, GenContext, Generator } from './common.js';

import { badgesFor, fragmentsFor, sharedChatNulls } from './chat.js';

export const NOTICE_TYPES = [
  'sub',
  'resub',
  'sub_gift',
  'community_sub_gift',
  'gift_paid_upgrade',
  'prime_paid_upgrade',
  'raid',
  'unraid',
  'pay_it_forward',
  'announcement',
  'bits_badge_tier',
  'charity_donation',
  'watch_streak',
  'shared_chat_sub',
  'shared_chat_resub',
  'shared_chat_sub_gift',
  'shared_chat_community_sub_gift',
  'shared_chat_gift_paid_upgrade',
  'shared_chat_prime_paid_upgrade',
  'shared_chat_raid',
  'shared_chat_pay_it_forward',
  'shared_chat_announcement',
] as const;

/** Keys every notification carries (null unless it is that notice type). */
const DETAIL_KEYS: readonly string[] = NOTICE_TYPES;

function gifterOf(g: Account | null): EventData {
  return g
    ? {
        gifter_is_anonymous: false,
        gifter_user_id: g.id,
        gifter_user_name: g.displayName,
        gifter_user_login: g.login,
      }
    : {
        gifter_is_anonymous: true,
        gifter_user_id: null,
        gifter_user_name: null,
        gifter_user_login: null,
      };
}

interface NoticeDetail {
  detail: EventData;
  system: string;
  text?: string;
  chatter?: Account | null;
}

function noticeDetail(ctx: GenContext, base: string, chatter: Account): NoticeDetail {
  const tier = tierOf(ctx);
  const tierName = TIER_NAMES[tier] ?? 'Tier 1';
  const n = ctx.opts.amount;
  switch (base) {
    case 'sub': {
      const isPrime = ctx.opts.tier === undefined && Math.random() < 0.25;
      return {
        detail: { sub_tier: isPrime ? '1000' : tier, is_prime: isPrime, duration_months: 1 },
        system: `${chatter.displayName} subscribed ${isPrime ? 'with Prime' : `at ${tierName}`}.`,
        text: '',
      };
    }
    case 'resub': {
      const months = n ?? randInt(2, 40);
      const text = ctx.opts.text ?? pick(SUB_MESSAGES);
      return {
        detail: {
          cumulative_months: months,
          duration_months: 1,
          streak_months: Math.max(1, months - randInt(0, 3)),
          sub_tier: tier,
          is_prime: false,
          is_gift: false,
          gifter_is_anonymous: null,
          gifter_user_id: null,
          gifter_user_name: null,
          gifter_user_login: null,
        },
        system: `${chatter.displayName} subscribed at ${tierName}. They've subscribed for ${months} months!`,
        text,
      };
    }
    case 'sub_gift': {
      const recipient = pick(ctx.world.chatters([chatter.id, ctx.channel.id]));
      return {
        detail: {
          duration_months: 1,
          cumulative_total: randInt(1, 120),
          ...{
            recipient_user_id: recipient.id,
            recipient_user_name: recipient.displayName,
            recipient_user_login: recipient.login,
          },
          sub_tier: tier,
          community_gift_id: null,
        },
        system: `${chatter.displayName} gifted a ${tierName} sub to ${recipient.displayName}!`,
        text: '',
      };
    }
    case 'community_sub_gift': {
      const total = n ?? pick([1, 5, 5, 10, 20, 50]);
      return {
        detail: {
          id: String(randInt(1e15, 9e15)),
          total,
          sub_tier: tier,
          cumulative_total: total + randInt(0, 200),
        },
        system: `${chatter.displayName} is gifting ${total} ${tierName} Subs to ${ctx.channel.displayName}'s community!`,
        text: '',
      };
    }
    case 'gift_paid_upgrade': {
      const gifter = pick(ctx.world.chatters([chatter.id]));
      return {
        detail: gifterOf(gifter),
        system: `${chatter.displayName} is continuing the Gift Sub they got from ${gifter.displayName}!`,
        text: '',
      };
    }
    case 'prime_paid_upgrade':
      return {
        detail: { sub_tier: tier },
        system: `${chatter.displayName} converted from a Prime sub to a ${tierName} sub!`,
        text: '',
      };
    case 'raid': {
      const raider = otherChannel(ctx, ctx.opts.from);
      const viewers = n ?? randInt(5, 400);
      return {
        detail: {
          user_id: raider.id,
          user_name: raider.displayName,
          user_login: raider.login,
          viewer_count: viewers,
          profile_image_url: profileImageUrl(raider.login),
        },
        system: `${viewers} raiders from ${raider.displayName} have joined!`,
        text: '',
        chatter: raider,
      };
    }
    case 'unraid':
      return { detail: {}, system: 'The raid has been canceled.', text: '', chatter: ctx.channel };
    case 'pay_it_forward': {
      const gifter = pick(ctx.world.chatters([chatter.id]));
      return {
        detail: gifterOf(gifter),
        system: `${chatter.displayName} is paying forward the Gift they got from ${gifter.displayName} to the community!`,
        text: '',
      };
    }
    case 'announcement': {
      const text = ctx.opts.text ?? pick(ANNOUNCEMENTS);
      return {
        detail: { color: pick(['PRIMARY', 'BLUE', 'GREEN', 'ORANGE', 'PURPLE']) },
        system: '',
        text,
        chatter: moderatorOf(ctx),
      };
    }
    case 'bits_badge_tier': {
      const tierBits = n ?? pick([1000, 5000, 10000, 25000]);
      return {
        detail: { tier: tierBits },
        system: `bits badge tier notification`,
        text: '',
      };
    }
    case 'charity_donation': {
      const charity = pick(CHARITIES);
      const value = n ?? pick([500, 1000, 2500]);
      return {
        detail: {
          charity_name: charity.name,
          amount: { value, decimal_places: 2, currency: 'USD' },
        },
        system: `${chatter.displayName}: Donated USD ${(value / 100).toFixed(2)} to support ${charity.name}`,
        text: '',
      };
    }
    case 'watch_streak': {
      const streak = n ?? pick([3, 5, 10, 15, 25]);
      const text = ctx.opts.text ?? pick(['', 'never missing a stream!', 'love this community <3']);
      return {
        detail: { streak_count: streak, channel_points_awarded: streak >= 10 ? 450 : 350 },
        system: `${chatter.displayName} watched ${streak} consecutive streams and sparked a watch streak!`,
        text,
      };
    }
    default:
      return {
        detail: {},
        system: `${chatter.displayName} did something new in chat.`,
        text: ctx.opts.text ?? '',
      };
  }
}

export const chatNotification: Generator = (ctx) => {
  const noticeType =
    ctx.opts.noticeType ??
    pick(['sub', 'resub', 'sub_gift', 'community_sub_gift', 'raid', 'announcement']);
  const shared = noticeType.startsWith('shared_chat_');
  const base = shared ? noticeType.slice('shared_chat_'.length) : noticeType;
  let chatter = actor(ctx);
  const info = noticeDetail(ctx, base, chatter);
  const anonymous = info.chatter === null;
  if (info.chatter) chatter = info.chatter;
  const text = info.text ?? '';
  const event: EventData = {
    ...broadcaster(ctx.channel),
    ...who('chatter_user', chatter),
    chatter_is_anonymous: anonymous,
    color: chatter.color,
    badges: badgesFor(ctx, chatter),
    system_message: info.system,
    message_id: uuid(),
    message: { text, fragments: text ? fragmentsFor(ctx, text, false) : [] },
    notice_type: noticeType,
  };
  for (const key of DETAIL_KEYS) event[key] = null;
  event[noticeType] = info.detail;
  if (shared) {
    const source = otherChannel(ctx);
    Object.assign(event, {
      ...who('source_broadcaster_user', source),
      source_message_id: uuid(),
      source_badges: [{ set_id: 'subscriber', id: '6', info: '6' }],
    });
  } else {
    Object.assign(event, sharedChatNulls());
  }
  if (anonymous) Object.assign(event, nobody('chatter_user'));
  return { event, channelId: ctx.channel.id };
};
