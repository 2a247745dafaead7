/**
 * The event catalog: every EventSub type the extension subscribes to, with what it needs
 * (version, condition, scope, role), how to say it in words and whether it notifies by default.
 * The listener, the notification settings and the views all read this one table.
 */
import { arr, bool, money, num, obj, plural, str, tierName, userName, type Json } from './fields';

/** Who the signed-in user must be in the favorite channel to receive a type. */
export type Role = 'viewer' | 'moderator' | 'broadcaster';

export type Condition = Record<string, string>;

export interface Description {
  /** Who did what, in words. */
  text: string;
  /** The amount, where there is one ("500 bits", "5 gifted subs", "12 viewers"). */
  amount?: string;
}

export interface CatalogEntry {
  /** Stable key (a type can appear twice, e.g. raids to and from the channel). */
  id: string;
  type: string;
  version: string;
  /** Short plural name for settings and status ("Follows"). */
  label: string;
  role: Role;
  /** OAuth scope the subscription needs, if any. */
  scope?: string;
  condition: (ids: { broadcasterId: string; userId: string }) => Condition;
  notifyByDefault: boolean;
  /** Shown in lists and notifications. Plain text (an emoji). */
  icon: string;
  /** Whether it belongs in "Recent events" (chat lines and housekeeping do not). */
  recent: boolean;
  describe: (event: Json) => Description;
}

const broadcaster = ({ broadcasterId }: { broadcasterId: string }): Condition => ({
  broadcaster_user_id: broadcasterId,
});
const withUser = ({ broadcasterId, userId }: { broadcasterId: string; userId: string }) => ({
  broadcaster_user_id: broadcasterId,
  user_id: userId,
});
const withModerator = ({ broadcasterId, userId }: { broadcasterId: string; userId: string }) => ({
  broadcaster_user_id: broadcasterId,
  moderator_user_id: userId,
});

const channel = (e: Json) => userName(e, 'broadcaster_user', 'The channel');

function entry(
  partial: Omit<CatalogEntry, 'id' | 'recent' | 'notifyByDefault'> &
    Partial<Pick<CatalogEntry, 'id' | 'recent' | 'notifyByDefault'>>,
): CatalogEntry {
  return { id: partial.type, recent: true, notifyByDefault: false, ...partial };
}

const viewer = (
  type: string,
  version: string,
  rest: Pick<CatalogEntry, 'label' | 'icon' | 'describe'> & Partial<CatalogEntry>,
) => entry({ type, version, role: 'viewer', condition: broadcaster, ...rest });

const chat = (
  type: string,
  rest: Pick<CatalogEntry, 'label' | 'icon' | 'describe'> & Partial<CatalogEntry>,
) =>
  entry({
    type,
    version: '1',
    role: 'viewer',
    scope: 'user:read:chat',
    condition: withUser,
    recent: false,
    ...rest,
  });

const moderator = (
  type: string,
  version: string,
  scope: string,
  rest: Pick<CatalogEntry, 'label' | 'icon' | 'describe'> & Partial<CatalogEntry>,
) => entry({ type, version, role: 'moderator', scope, condition: withModerator, ...rest });

const owner = (
  type: string,
  version: string,
  scope: string,
  rest: Pick<CatalogEntry, 'label' | 'icon' | 'describe'> & Partial<CatalogEntry>,
) => entry({ type, version, role: 'broadcaster', scope, condition: broadcaster, ...rest });

// ---------------------------------------------------------------------------------------------
// channel.chat.notification: one subscription, many kinds of notice.

export interface NoticeKind {
  label: string;
  icon: string;
  notifyByDefault: boolean;
  describe: (e: Json, who: string) => Description;
}

const giftTier = (n: Json | undefined) => tierName(str(n, 'sub_tier')) ?? 'Tier 1';

const subNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const prime = bool(n, 'is_prime');
  return { text: `${who} subscribed${prime ? ' with Prime' : ` at ${giftTier(n)}`}` };
};
const resubNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const months = num(n, 'cumulative_months');
  return {
    text: `${who} resubscribed${months ? ` for ${plural(months, 'month')}` : ''}`,
    amount: months ? plural(months, 'month') : undefined,
  };
};
const subGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const recipient = userName(n, 'recipient_user', 'a viewer');
  return { text: `${who} gifted a ${giftTier(n)} sub to ${recipient}`, amount: '1 gifted sub' };
};
const communityGiftNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const total = num(n, 'total') ?? 1;
  return {
    text: `${who} gifted ${plural(total, `${giftTier(n)} sub`)} to the community`,
    amount: plural(total, 'gifted sub'),
  };
};
const giftUpgradeNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const gifter = bool(n, 'gifter_is_anonymous')
    ? 'an anonymous gifter'
    : userName(n, 'gifter_user', 'a gifter');
  return { text: `${who} is continuing the gift sub from ${gifter}` };
};
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
const payItForwardNotice = (e: Json, who: string, key: string): Description => {
  const n = obj(e, key);
  const gifter = bool(n, 'gifter_is_anonymous')
    ? 'an anonymous gifter'
    : userName(n, 'gifter_user', 'a gifter');
  return { text: `${who} is paying forward the gift from ${gifter}` };
};
const announcementNotice = (e: Json, who: string): Description => {
  const text = str(obj(e, 'message'), 'text');
  return { text: text ? `${who} announced: ${text}` : `${who} made an announcement` };
};

/** Every notice_type Twitch documents. Unknown ones are kept and described generically. */
export const noticeKinds: Record<string, NoticeKind> = {
  sub: {
    label: 'Subs',
    icon: '⭐',
    notifyByDefault: true,
    describe: (e, w) => subNotice(e, w, 'sub'),
  },
  resub: {
    label: 'Resubs',
    icon: '⭐',
    notifyByDefault: true,
    describe: (e, w) => resubNotice(e, w, 'resub'),
  },
  sub_gift: {
    label: 'Gifted subs',
    icon: '🎁',
    notifyByDefault: true,
    describe: (e, w) => subGiftNotice(e, w, 'sub_gift'),
  },
  community_sub_gift: {
    label: 'Community gifts',
    icon: '🎁',
    notifyByDefault: true,
    describe: (e, w) => communityGiftNotice(e, w, 'community_sub_gift'),
  },
  gift_paid_upgrade: {
    label: 'Gift sub upgrades',
    icon: '⬆️',
    notifyByDefault: false,
    describe: (e, w) => giftUpgradeNotice(e, w, 'gift_paid_upgrade'),
  },
  prime_paid_upgrade: {
    label: 'Prime upgrades',
    icon: '⬆️',
    notifyByDefault: false,
    describe: (e, w) => primeUpgradeNotice(e, w, 'prime_paid_upgrade'),
  },
  raid: {
    label: 'Incoming raids (chat)',
    icon: '🚀',
    notifyByDefault: false,
    describe: (e, w) => raidNotice(e, w, 'raid'),
  },
  unraid: {
    label: 'Cancelled raids',
    icon: '🛑',
    notifyByDefault: false,
    describe: (e) => ({ text: `${channel(e)} cancelled a raid` }),
  },
  pay_it_forward: {
    label: 'Pay it forward',
    icon: '💝',
    notifyByDefault: false,
    describe: (e, w) => payItForwardNotice(e, w, 'pay_it_forward'),
  },
  announcement: {
    label: 'Announcements',
    icon: '📣',
    notifyByDefault: true,
    describe: announcementNotice,
  },
  bits_badge_tier: {
    label: 'Bits badge tiers',
    icon: '💎',
    notifyByDefault: false,
    describe: (e, w) => {
      const tier = num(obj(e, 'bits_badge_tier'), 'tier');
      return {
        text: `${w} unlocked the ${tier ? tier.toLocaleString('en-US') : 'new'} bits badge`,
      };
    },
  },
  charity_donation: {
    label: 'Charity donations',
    icon: '💚',
    notifyByDefault: true,
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
    icon: '🔥',
    notifyByDefault: false,
    describe: (e, w) => {
      const n = obj(e, 'watch_streak');
      const streak = num(n, 'streak_count') ?? num(n, 'streak');
      return {
        text: `${w} is on a ${streak ? `${streak}-stream ` : ''}watch streak`,
        amount: streak ? plural(streak, 'stream') : undefined,
      };
    },
  },
  shared_chat_sub: {
    label: 'Shared chat: subs',
    icon: '⭐',
    notifyByDefault: false,
    describe: (e, w) => subNotice(e, w, 'shared_chat_sub'),
  },
  shared_chat_resub: {
    label: 'Shared chat: resubs',
    icon: '⭐',
    notifyByDefault: false,
    describe: (e, w) => resubNotice(e, w, 'shared_chat_resub'),
  },
  shared_chat_sub_gift: {
    label: 'Shared chat: gifted subs',
    icon: '🎁',
    notifyByDefault: false,
    describe: (e, w) => subGiftNotice(e, w, 'shared_chat_sub_gift'),
  },
  shared_chat_community_sub_gift: {
    label: 'Shared chat: community gifts',
    icon: '🎁',
    notifyByDefault: false,
    describe: (e, w) => communityGiftNotice(e, w, 'shared_chat_community_sub_gift'),
  },
  shared_chat_gift_paid_upgrade: {
    label: 'Shared chat: gift upgrades',
    icon: '⬆️',
    notifyByDefault: false,
    describe: (e, w) => giftUpgradeNotice(e, w, 'shared_chat_gift_paid_upgrade'),
  },
  shared_chat_prime_paid_upgrade: {
    label: 'Shared chat: Prime upgrades',
    icon: '⬆️',
    notifyByDefault: false,
    describe: (e, w) => primeUpgradeNotice(e, w, 'shared_chat_prime_paid_upgrade'),
  },
  shared_chat_raid: {
    label: 'Shared chat: raids',
    icon: '🚀',
    notifyByDefault: false,
    describe: (e, w) => raidNotice(e, w, 'shared_chat_raid'),
  },
  shared_chat_pay_it_forward: {
    label: 'Shared chat: pay it forward',
    icon: '💝',
    notifyByDefault: false,
    describe: (e, w) => payItForwardNotice(e, w, 'shared_chat_pay_it_forward'),
  },
  shared_chat_announcement: {
    label: 'Shared chat: announcements',
    icon: '📣',
    notifyByDefault: false,
    describe: announcementNotice,
  },
};

function describeChatNotification(e: Json): Description {
  const who = bool(e, 'chatter_is_anonymous') ? 'An anonymous user' : userName(e, 'chatter_user');
  const noticeType = str(e, 'notice_type') ?? 'unknown';
  const kind = noticeKinds[noticeType];
  if (kind) return kind.describe(e, who);
  // A notice Twitch added after this version: Twitch's own system message says it best.
  const system = str(e, 'system_message');
  return { text: system && system.trim() ? system : `${who}: ${noticeType.replaceAll('_', ' ')}` };
}

// ---------------------------------------------------------------------------------------------

const rewardTitle = (e: Json) => str(obj(e, 'reward'), 'title') ?? 'a reward';
const choiceList = (items: unknown[]) =>
  items
    .map((item) => str(item, 'title'))
    .filter((title): title is string => Boolean(title))
    .join(' / ');

export const eventCatalog: readonly CatalogEntry[] = [
  viewer('stream.online', '1', {
    label: 'Going live',
    icon: '🔴',
    notifyByDefault: true,
    describe: (e) => ({ text: `${channel(e)} went live` }),
  }),
  viewer('stream.offline', '1', {
    label: 'Going offline',
    icon: '⚫',
    describe: (e) => ({ text: `${channel(e)} went offline` }),
  }),
  viewer('channel.update', '2', {
    label: 'Title and category changes',
    icon: '✏️',
    describe: (e) => {
      const title = str(e, 'title');
      const category = str(e, 'category_name');
      return {
        text: `${channel(e)} changed the stream to “${title ?? ''}”${category ? ` in ${category}` : ''}`,
      };
    },
  }),
  viewer('channel.raid', '1', {
    id: 'channel.raid.to',
    label: 'Incoming raids',
    icon: '🚀',
    notifyByDefault: true,
    condition: ({ broadcasterId }) => ({ to_broadcaster_user_id: broadcasterId }),
    describe: (e) => {
      const viewers = num(e, 'viewers') ?? 0;
      return {
        text: `${userName(e, 'from_broadcaster_user', 'A channel')} raided ${userName(e, 'to_broadcaster_user', 'the channel')} with ${plural(viewers, 'viewer')}`,
        amount: plural(viewers, 'viewer'),
      };
    },
  }),
  viewer('channel.raid', '1', {
    id: 'channel.raid.from',
    label: 'Outgoing raids',
    icon: '🛫',
    notifyByDefault: true,
    condition: ({ broadcasterId }) => ({ from_broadcaster_user_id: broadcasterId }),
    describe: (e) => {
      const viewers = num(e, 'viewers') ?? 0;
      return {
        text: `${userName(e, 'from_broadcaster_user', 'The channel')} is raiding ${userName(e, 'to_broadcaster_user', 'another channel')} with ${plural(viewers, 'viewer')}`,
        amount: plural(viewers, 'viewer'),
      };
    },
  }),
  viewer('channel.shared_chat.begin', '1', {
    label: 'Shared chat started',
    icon: '🤝',
    describe: (e) => {
      const others = arr(e, 'participants')
        .map((p) => userName(p, 'broadcaster_user', ''))
        .filter(Boolean);
      return { text: `Shared chat started${others.length ? ` with ${others.join(', ')}` : ''}` };
    },
  }),
  viewer('channel.shared_chat.update', '1', {
    label: 'Shared chat changes',
    icon: '🤝',
    recent: false,
    describe: () => ({ text: 'The shared chat session changed' }),
  }),
  viewer('channel.shared_chat.end', '1', {
    label: 'Shared chat ended',
    icon: '🤝',
    describe: () => ({ text: 'Shared chat ended' }),
  }),

  chat('channel.chat.message', {
    label: 'Chat messages',
    icon: '💬',
    describe: (e) => {
      const who = userName(e, 'chatter_user');
      const bits = num(obj(e, 'cheer'), 'bits');
      const text = str(obj(e, 'message'), 'text') ?? '';
      if (bits)
        return {
          text: `${who} cheered ${plural(bits, 'bit')}: ${text}`,
          amount: plural(bits, 'bit'),
        };
      return { text: `${who}: ${text}` };
    },
  }),
  chat('channel.chat.notification', {
    label: 'Chat notices (subs, gifts, raids, announcements…)',
    icon: '✨',
    recent: true,
    notifyByDefault: true,
    describe: describeChatNotification,
  }),
  chat('channel.chat.message_delete', {
    label: 'Deleted messages',
    icon: '🗑️',
    describe: (e) => ({ text: `A message from ${userName(e, 'target_user')} was deleted` }),
  }),
  chat('channel.chat.clear', {
    label: 'Chat cleared',
    icon: '🧹',
    describe: () => ({ text: 'The chat was cleared' }),
  }),
  chat('channel.chat.clear_user_messages', {
    label: 'Users’ messages cleared',
    icon: '🧹',
    describe: (e) => ({ text: `${userName(e, 'target_user')}’s messages were cleared` }),
  }),
  chat('channel.chat_settings.update', {
    label: 'Chat settings',
    icon: '⚙️',
    describe: (e) => {
      const modes = [
        bool(e, 'emote_mode') && 'emote-only',
        bool(e, 'follower_mode') && 'followers-only',
        bool(e, 'slow_mode') && 'slow',
        bool(e, 'subscriber_mode') && 'subscribers-only',
        bool(e, 'unique_chat_mode') && 'unique',
      ].filter(Boolean);
      return { text: `Chat settings changed${modes.length ? `: ${modes.join(', ')} mode` : ''}` };
    },
  }),

  moderator('channel.follow', '2', 'moderator:read:followers', {
    label: 'Follows',
    icon: '💜',
    notifyByDefault: true,
    describe: (e) => ({ text: `${userName(e, 'user')} followed` }),
  }),
  moderator('channel.shoutout.create', '1', 'moderator:read:shoutouts', {
    label: 'Shoutouts given',
    icon: '📢',
    describe: (e) => ({
      text: `${channel(e)} gave a shoutout to ${userName(e, 'to_broadcaster_user', 'a channel')}`,
    }),
  }),
  moderator('channel.shoutout.receive', '1', 'moderator:read:shoutouts', {
    label: 'Shoutouts received',
    icon: '📢',
    notifyByDefault: true,
    describe: (e) => ({
      text: `${userName(e, 'from_broadcaster_user', 'A channel')} gave ${channel(e)} a shoutout`,
    }),
  }),
  moderator('channel.shield_mode.begin', '1', 'moderator:read:shield_mode', {
    label: 'Shield mode on',
    icon: '🛡️',
    describe: (e) => ({
      text: `${userName(e, 'moderator_user', 'A moderator')} turned on shield mode`,
    }),
  }),
  moderator('channel.shield_mode.end', '1', 'moderator:read:shield_mode', {
    label: 'Shield mode off',
    icon: '🛡️',
    describe: (e) => ({
      text: `${userName(e, 'moderator_user', 'A moderator')} turned off shield mode`,
    }),
  }),
  moderator('channel.unban_request.create', '1', 'moderator:read:unban_requests', {
    label: 'Unban requests',
    icon: '🙏',
    describe: (e) => ({ text: `${userName(e, 'user')} asked to be unbanned` }),
  }),
  moderator('channel.unban_request.resolve', '1', 'moderator:read:unban_requests', {
    label: 'Resolved unban requests',
    icon: '🙏',
    describe: (e) => ({
      text: `${userName(e, 'moderator', 'A moderator')} ${str(e, 'status') ?? 'resolved'} ${userName(e, 'user')}’s unban request`,
    }),
  }),
  moderator('channel.warning.send', '1', 'moderator:read:warnings', {
    label: 'Warnings sent',
    icon: '⚠️',
    describe: (e) => ({
      text: `${userName(e, 'moderator_user', 'A moderator')} warned ${userName(e, 'user')}`,
    }),
  }),
  moderator('channel.warning.acknowledge', '1', 'moderator:read:warnings', {
    label: 'Warnings acknowledged',
    icon: '⚠️',
    describe: (e) => ({ text: `${userName(e, 'user')} acknowledged a warning` }),
  }),
  moderator('channel.suspicious_user.message', '1', 'moderator:read:suspicious_users', {
    label: 'Suspicious users’ messages',
    icon: '🕵️',
    describe: (e) => ({ text: `Suspicious user ${userName(e, 'user')} sent a message` }),
  }),
  moderator('channel.suspicious_user.update', '1', 'moderator:read:suspicious_users', {
    label: 'Suspicious user changes',
    icon: '🕵️',
    describe: (e) => ({
      text: `${userName(e, 'moderator_user', 'A moderator')} marked ${userName(e, 'user')} as ${str(e, 'low_trust_status') ?? 'changed'}`,
    }),
  }),
  moderator('automod.message.hold', '2', 'moderator:manage:automod', {
    label: 'AutoMod holds',
    icon: '🤖',
    describe: (e) => ({ text: `AutoMod held a message from ${userName(e, 'user')}` }),
  }),
  moderator('automod.message.update', '2', 'moderator:manage:automod', {
    label: 'AutoMod decisions',
    icon: '🤖',
    describe: (e) => ({
      text: `${userName(e, 'moderator_user', 'A moderator')} ${str(e, 'status')?.toLowerCase() ?? 'handled'} a held message from ${userName(e, 'user')}`,
    }),
  }),
  moderator('channel.moderate', '2', 'moderator:read:moderators', {
    label: 'Moderator actions',
    icon: '🔨',
    describe: (e) => {
      const action = str(e, 'action') ?? 'moderated';
      const target = obj(e, action) ?? obj(e, action.replace(/^shared_chat_/, ''));
      const targetName = target ? userName(target, 'user', '') : '';
      return {
        text: `${userName(e, 'moderator_user', 'A moderator')}: ${action.replaceAll('_', ' ')}${targetName ? ` ${targetName}` : ''}`,
      };
    },
  }),

  owner('channel.subscribe', '1', 'channel:read:subscriptions', {
    label: 'New subscribers',
    icon: '⭐',
    notifyByDefault: true,
    describe: (e) => ({
      text: `${userName(e, 'user')} ${bool(e, 'is_gift') ? 'received a gifted' : 'subscribed with a'} ${tierName(str(e, 'tier')) ?? 'Tier 1'} sub`,
    }),
  }),
  owner('channel.subscription.gift', '1', 'channel:read:subscriptions', {
    label: 'Gifted subs',
    icon: '🎁',
    notifyByDefault: true,
    describe: (e) => {
      const total = num(e, 'total') ?? 1;
      const who = bool(e, 'is_anonymous') ? 'An anonymous gifter' : userName(e, 'user');
      return {
        text: `${who} gifted ${plural(total, `${tierName(str(e, 'tier')) ?? 'Tier 1'} sub`)}`,
        amount: plural(total, 'gifted sub'),
      };
    },
  }),
  owner('channel.subscription.message', '1', 'channel:read:subscriptions', {
    label: 'Resub messages',
    icon: '⭐',
    notifyByDefault: true,
    describe: (e) => {
      const months = num(e, 'cumulative_months');
      const text = str(obj(e, 'message'), 'text');
      return {
        text: `${userName(e, 'user')} resubscribed${months ? ` for ${plural(months, 'month')}` : ''}${text ? `: ${text}` : ''}`,
        amount: months ? plural(months, 'month') : undefined,
      };
    },
  }),
  owner('channel.subscription.end', '1', 'channel:read:subscriptions', {
    label: 'Ended subs',
    icon: '⌛',
    describe: (e) => ({
      text: `${userName(e, 'user')}’s ${tierName(str(e, 'tier')) ?? ''} sub ended`.replace(
        '  ',
        ' ',
      ),
    }),
  }),
  owner('channel.cheer', '1', 'bits:read', {
    label: 'Cheers',
    icon: '💎',
    notifyByDefault: true,
    describe: (e) => {
      const bits = num(e, 'bits') ?? 0;
      const who = bool(e, 'is_anonymous') ? 'An anonymous cheerer' : userName(e, 'user');
      return { text: `${who} cheered ${plural(bits, 'bit')}`, amount: plural(bits, 'bit') };
    },
  }),
  owner('channel.channel_points_custom_reward_redemption.add', '1', 'channel:read:redemptions', {
    label: 'Reward redemptions',
    icon: '🎟️',
    notifyByDefault: true,
    describe: (e) => {
      const cost = num(obj(e, 'reward'), 'cost');
      return {
        text: `${userName(e, 'user')} redeemed ${rewardTitle(e)}`,
        amount: cost ? plural(cost, 'point') : undefined,
      };
    },
  }),
  owner('channel.channel_points_custom_reward_redemption.update', '1', 'channel:read:redemptions', {
    label: 'Redemption updates',
    icon: '🎟️',
    recent: false,
    describe: (e) => ({
      text: `${userName(e, 'user')}’s ${rewardTitle(e)} was ${str(e, 'status') ?? 'updated'}`,
    }),
  }),
  owner('channel.channel_points_automatic_reward_redemption.add', '2', 'channel:read:redemptions', {
    label: 'Automatic reward redemptions',
    icon: '🎟️',
    describe: (e) => {
      const reward = obj(e, 'reward');
      const points = num(reward, 'channel_points') ?? num(reward, 'cost');
      return {
        text: `${userName(e, 'user')} redeemed ${(str(reward, 'type') ?? 'a reward').replaceAll('_', ' ')}`,
        amount: points ? plural(points, 'point') : undefined,
      };
    },
  }),
  owner('channel.poll.begin', '1', 'channel:read:polls', {
    label: 'Polls started',
    icon: '📊',
    notifyByDefault: true,
    describe: (e) => ({
      text: `Poll started: ${str(e, 'title') ?? ''} (${choiceList(arr(e, 'choices'))})`,
    }),
  }),
  owner('channel.poll.progress', '1', 'channel:read:polls', {
    label: 'Poll votes',
    icon: '📊',
    recent: false,
    describe: (e) => ({ text: `Poll update: ${str(e, 'title') ?? ''}` }),
  }),
  owner('channel.poll.end', '1', 'channel:read:polls', {
    label: 'Polls ended',
    icon: '📊',
    describe: (e) => {
      const choices = arr(e, 'choices');
      const winner = [...choices].sort(
        (a, b) => (num(b, 'votes') ?? 0) - (num(a, 'votes') ?? 0),
      )[0];
      return {
        text: `Poll ended: ${str(e, 'title') ?? ''}${winner ? ` — “${str(winner, 'title') ?? ''}” won` : ''}`,
      };
    },
  }),
  owner('channel.prediction.begin', '1', 'channel:read:predictions', {
    label: 'Predictions started',
    icon: '🔮',
    notifyByDefault: true,
    describe: (e) => ({
      text: `Prediction started: ${str(e, 'title') ?? ''} (${choiceList(arr(e, 'outcomes'))})`,
    }),
  }),
  owner('channel.prediction.progress', '1', 'channel:read:predictions', {
    label: 'Prediction updates',
    icon: '🔮',
    recent: false,
    describe: (e) => ({ text: `Prediction update: ${str(e, 'title') ?? ''}` }),
  }),
  owner('channel.prediction.lock', '1', 'channel:read:predictions', {
    label: 'Predictions locked',
    icon: '🔮',
    describe: (e) => ({ text: `Prediction locked: ${str(e, 'title') ?? ''}` }),
  }),
  owner('channel.prediction.end', '1', 'channel:read:predictions', {
    label: 'Predictions ended',
    icon: '🔮',
    describe: (e) => {
      const winnerId = str(e, 'winning_outcome_id');
      const winner = arr(e, 'outcomes').find((o) => str(o, 'id') === winnerId);
      return {
        text: `Prediction ${str(e, 'status') === 'canceled' ? 'cancelled' : 'ended'}: ${str(e, 'title') ?? ''}${winner ? ` — “${str(winner, 'title') ?? ''}” won` : ''}`,
      };
    },
  }),
  owner('channel.hype_train.begin', '2', 'channel:read:hype_train', {
    label: 'Hype trains started',
    icon: '🚂',
    notifyByDefault: true,
    describe: (e) => ({ text: `A hype train started at level ${num(e, 'level') ?? 1}` }),
  }),
  owner('channel.hype_train.progress', '2', 'channel:read:hype_train', {
    label: 'Hype train progress',
    icon: '🚂',
    recent: false,
    describe: (e) => ({ text: `Hype train at level ${num(e, 'level') ?? 1}` }),
  }),
  owner('channel.hype_train.end', '2', 'channel:read:hype_train', {
    label: 'Hype trains ended',
    icon: '🚂',
    notifyByDefault: true,
    describe: (e) => ({
      text: `The hype train ended at level ${num(e, 'level') ?? 1}`,
      amount: `level ${num(e, 'level') ?? 1}`,
    }),
  }),
  owner('channel.goal.begin', '1', 'channel:read:goals', {
    label: 'Goals started',
    icon: '🎯',
    describe: (e) => ({
      text: `New goal: ${str(e, 'description') || (str(e, 'type') ?? 'goal')} (target ${num(e, 'target_amount') ?? '?'})`,
    }),
  }),
  owner('channel.goal.progress', '1', 'channel:read:goals', {
    label: 'Goal progress',
    icon: '🎯',
    recent: false,
    describe: (e) => ({
      text: `Goal progress: ${num(e, 'current_amount') ?? 0} of ${num(e, 'target_amount') ?? '?'}`,
    }),
  }),
  owner('channel.goal.end', '1', 'channel:read:goals', {
    label: 'Goals ended',
    icon: '🎯',
    describe: (e) => ({
      text: `Goal ${bool(e, 'is_achieved') ? 'reached' : 'ended'}: ${str(e, 'description') || (str(e, 'type') ?? 'goal')}`,
    }),
  }),
  owner('channel.ad_break.begin', '1', 'channel:read:ads', {
    label: 'Ad breaks',
    icon: '📺',
    condition: ({ broadcasterId }) => ({ broadcaster_id: broadcasterId }),
    describe: (e) => {
      const seconds = num(e, 'duration_seconds');
      return {
        text: `An ad break started${seconds ? ` (${seconds} s)` : ''}`,
        amount: seconds ? `${seconds} s` : undefined,
      };
    },
  }),
  owner('channel.charity_campaign.donate', '1', 'channel:read:charity', {
    label: 'Charity donations',
    icon: '💚',
    notifyByDefault: true,
    describe: (e) => {
      const amount = money(obj(e, 'amount'));
      return {
        text: `${userName(e, 'user')} donated${amount ? ` ${amount}` : ''} to ${str(e, 'charity_name') ?? 'charity'}`,
        amount,
      };
    },
  }),
  owner('channel.charity_campaign.start', '1', 'channel:read:charity', {
    label: 'Charity campaigns started',
    icon: '💚',
    describe: (e) => ({
      text: `A charity campaign for ${str(e, 'charity_name') ?? 'charity'} started`,
    }),
  }),
  owner('channel.charity_campaign.progress', '1', 'channel:read:charity', {
    label: 'Charity progress',
    icon: '💚',
    recent: false,
    describe: (e) => ({ text: `Charity campaign at ${money(obj(e, 'current_amount')) ?? '…'}` }),
  }),
  owner('channel.charity_campaign.stop', '1', 'channel:read:charity', {
    label: 'Charity campaigns ended',
    icon: '💚',
    describe: (e) => ({
      text: `The charity campaign for ${str(e, 'charity_name') ?? 'charity'} ended at ${money(obj(e, 'current_amount')) ?? '…'}`,
    }),
  }),
];

const byTypeVersion = new Map<string, CatalogEntry>();
for (const item of eventCatalog) {
  const key = `${item.type}@${item.version}`;
  if (!byTypeVersion.has(key)) byTypeVersion.set(key, item);
}

/** The catalog entry for a received subscription type (raids: the `to` one describes both). */
export function catalogEntryFor(type: string, version?: string): CatalogEntry | undefined {
  if (version !== undefined) {
    const exact = byTypeVersion.get(`${type}@${version}`);
    if (exact) return exact;
  }
  return eventCatalog.find((item) => item.type === type);
}

/**
 * An event in words: its catalog entry's description, or "New <type> event" for a type the
 * catalog does not know or an event its description cannot read.
 */
export function describeEvent(notification: {
  type: string;
  version?: string;
  event: Json;
}): Description {
  const generic = { text: `New ${notification.type} event` };
  const entry = catalogEntryFor(notification.type, notification.version);
  if (!entry) return generic;
  try {
    return entry.describe(notification.event);
  } catch {
    return generic;
  }
}

/** The catalog entry with this id (`channel.raid.to`, `channel.follow`, …). */
export function catalogEntryById(id: string): CatalogEntry | undefined {
  return eventCatalog.find((item) => item.id === id);
}

export const roleRank: Record<Role, number> = { viewer: 0, moderator: 1, broadcaster: 2 };

/** Which catalog entries a user in `role` may subscribe to. */
export function entriesForRole(role: Role): CatalogEntry[] {
  return eventCatalog.filter((item) => roleRank[item.role] <= roleRank[role]);
}

/** The scopes to request: chat always; moderator and broadcaster ones only when asked for. */
export function scopesFor(options: {
  moderator: boolean;
  broadcaster: boolean;
  sendChat?: boolean;
}): string[] {
  const scopes = new Set<string>(['user:read:chat']);
  if (options.sendChat) scopes.add('user:write:chat');
  for (const item of eventCatalog) {
    if (!item.scope) continue;
    if (item.role === 'moderator' && (options.moderator || options.broadcaster))
      scopes.add(item.scope);
    if (item.role === 'broadcaster' && options.broadcaster) scopes.add(item.scope);
  }
  return [...scopes];
}

/** In words, for a user deciding which access to grant. */
export const roleExplanations: Record<Exclude<Role, 'viewer'>, string> = {
  moderator:
    'Follows, shoutouts, shield mode, warnings, unban requests, AutoMod and moderator actions.',
  broadcaster:
    'Subscriptions, cheers, channel point redemptions, polls, predictions, hype trains, goals, ad breaks and charity — plus everything a moderator sees.',
};
