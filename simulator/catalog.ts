/**
 * The EventSub subscription types the simulator accepts over WebSocket: version, condition,
 * the scopes that authorise them and who may subscribe. One row per type+version.
 */

/** Who may subscribe: see twitch.md "Which events a user can get for a channel". */
export type Audience =
  /** anyone, no scope (public channel events). */
  | 'anyone'
  /** the chatting user (or, for whispers, the recipient): condition.user_id must be the token's user. */
  | 'chatter'
  /** a moderator of the channel, or its broadcaster: condition.moderator_user_id must be the token's user. */
  | 'moderator'
  /** only the broadcaster: the channel key must be the token's user. */
  | 'broadcaster';

export interface CatalogEntry {
  type: string;
  version: string;
  /** Condition keys that must all be present (non-empty strings); no other keys are allowed. */
  condition: readonly string[];
  /** Keys that may be present as well (`reward_id`: one reward only). */
  optional?: readonly string[];
  /** Alternatives: exactly one of these keys must be present (channel.raid). */
  oneOf?: readonly string[];
  /** The condition key naming the channel (the broadcaster). */
  channelKey: string;
  audience: Audience;
  /** Any one of these scopes authorises the subscription; empty = no scope needed. */
  scopes: readonly string[];
  /** Any scope with this prefix also authorises it. */
  scopePrefix?: string;
}

const B = 'broadcaster_user_id';

const anyone = (type: string, version: string): CatalogEntry => ({
  type,
  version,
  condition: [B],
  channelKey: B,
  audience: 'anyone',
  scopes: [],
});
const chat = (type: string): CatalogEntry => ({
  type,
  version: '1',
  condition: [B, 'user_id'],
  channelKey: B,
  audience: 'chatter',
  scopes: ['user:read:chat'],
});
const mod = (
  type: string,
  version: string,
  scopes: string[],
  scopePrefix?: string,
): CatalogEntry => ({
  type,
  version,
  condition: [B, 'moderator_user_id'],
  channelKey: B,
  audience: 'moderator',
  scopes,
  ...(scopePrefix ? { scopePrefix } : {}),
});
const owner = (
  type: string,
  version: string,
  scopes: string[],
  optional?: string[],
): CatalogEntry => ({
  type,
  version,
  condition: [B],
  ...(optional ? { optional } : {}),
  channelKey: B,
  audience: 'broadcaster',
  scopes,
});

const REDEMPTIONS = ['channel:read:redemptions', 'channel:manage:redemptions'];
/** Reward and redemption types may name one reward. */
const ONE_REWARD = ['reward_id'];

export const CATALOG: readonly CatalogEntry[] = [
  // Public channel events.
  anyone('stream.online', '1'),
  anyone('stream.offline', '1'),
  anyone('channel.update', '2'),
  {
    type: 'channel.raid',
    version: '1',
    condition: [],
    oneOf: ['to_broadcaster_user_id', 'from_broadcaster_user_id'],
    channelKey: 'to_broadcaster_user_id',
    audience: 'anyone',
    scopes: [],
  },
  anyone('channel.shared_chat.begin', '1'),
  anyone('channel.shared_chat.update', '1'),
  anyone('channel.shared_chat.end', '1'),
  // Chat, as seen by the signed-in user.
  chat('channel.chat.message'),
  chat('channel.chat.notification'),
  chat('channel.chat.message_delete'),
  chat('channel.chat.clear'),
  chat('channel.chat.clear_user_messages'),
  chat('channel.chat_settings.update'),
  chat('channel.chat.user_message_hold'),
  chat('channel.chat.user_message_update'),
  // Moderators (and the broadcaster).
  mod('channel.follow', '2', ['moderator:read:followers']),
  mod('channel.shoutout.create', '1', ['moderator:read:shoutouts', 'moderator:manage:shoutouts']),
  mod('channel.shoutout.receive', '1', ['moderator:read:shoutouts', 'moderator:manage:shoutouts']),
  mod('channel.shield_mode.begin', '1', [
    'moderator:read:shield_mode',
    'moderator:manage:shield_mode',
  ]),
  mod('channel.shield_mode.end', '1', [
    'moderator:read:shield_mode',
    'moderator:manage:shield_mode',
  ]),
  mod('channel.unban_request.create', '1', [
    'moderator:read:unban_requests',
    'moderator:manage:unban_requests',
  ]),
  mod('channel.unban_request.resolve', '1', [
    'moderator:read:unban_requests',
    'moderator:manage:unban_requests',
  ]),
  mod('channel.warning.send', '1', ['moderator:read:warnings', 'moderator:manage:warnings']),
  mod('channel.warning.acknowledge', '1', ['moderator:read:warnings', 'moderator:manage:warnings']),
  mod('channel.suspicious_user.message', '1', ['moderator:read:suspicious_users']),
  mod('channel.suspicious_user.update', '1', ['moderator:read:suspicious_users']),
  mod('automod.message.hold', '2', ['moderator:manage:automod']),
  mod('automod.message.update', '2', ['moderator:manage:automod']),
  mod('automod.settings.update', '1', ['moderator:read:automod_settings']),
  mod('automod.terms.update', '1', ['moderator:manage:automod']),
  mod('channel.moderate', '2', ['moderator:read:moderators'], 'moderator:read:'),
  // The broadcaster only.
  owner('channel.subscribe', '1', ['channel:read:subscriptions']),
  owner('channel.subscription.gift', '1', ['channel:read:subscriptions']),
  owner('channel.subscription.message', '1', ['channel:read:subscriptions']),
  owner('channel.subscription.end', '1', ['channel:read:subscriptions']),
  owner('channel.cheer', '1', ['bits:read']),
  owner('channel.bits.use', '1', ['bits:read']),
  owner('channel.vip.add', '1', ['channel:read:vips', 'channel:manage:vips']),
  owner('channel.vip.remove', '1', ['channel:read:vips', 'channel:manage:vips']),
  owner('channel.moderator.add', '1', ['moderation:read']),
  owner('channel.moderator.remove', '1', ['moderation:read']),
  owner('channel.channel_points_custom_reward.add', '1', REDEMPTIONS),
  owner('channel.channel_points_custom_reward.update', '1', REDEMPTIONS, ONE_REWARD),
  owner('channel.channel_points_custom_reward.remove', '1', REDEMPTIONS, ONE_REWARD),
  owner('channel.channel_points_custom_reward_redemption.add', '1', REDEMPTIONS, ONE_REWARD),
  owner('channel.channel_points_custom_reward_redemption.update', '1', REDEMPTIONS, ONE_REWARD),
  owner('channel.channel_points_automatic_reward_redemption.add', '2', REDEMPTIONS),
  owner('channel.poll.begin', '1', ['channel:read:polls', 'channel:manage:polls']),
  owner('channel.poll.progress', '1', ['channel:read:polls', 'channel:manage:polls']),
  owner('channel.poll.end', '1', ['channel:read:polls', 'channel:manage:polls']),
  owner('channel.prediction.begin', '1', [
    'channel:read:predictions',
    'channel:manage:predictions',
  ]),
  owner('channel.prediction.progress', '1', [
    'channel:read:predictions',
    'channel:manage:predictions',
  ]),
  owner('channel.prediction.lock', '1', ['channel:read:predictions', 'channel:manage:predictions']),
  owner('channel.prediction.end', '1', ['channel:read:predictions', 'channel:manage:predictions']),
  owner('channel.hype_train.begin', '2', ['channel:read:hype_train']),
  owner('channel.hype_train.progress', '2', ['channel:read:hype_train']),
  owner('channel.hype_train.end', '2', ['channel:read:hype_train']),
  owner('channel.goal.begin', '1', ['channel:read:goals']),
  owner('channel.goal.progress', '1', ['channel:read:goals']),
  owner('channel.goal.end', '1', ['channel:read:goals']),
  owner('channel.ad_break.begin', '1', ['channel:read:ads']),
  owner('channel.charity_campaign.donate', '1', ['channel:read:charity']),
  owner('channel.charity_campaign.start', '1', ['channel:read:charity']),
  owner('channel.charity_campaign.progress', '1', ['channel:read:charity']),
  owner('channel.charity_campaign.stop', '1', ['channel:read:charity']),
  // Whispers to the user: no channel; `user_id` must be the token's user.
  {
    type: 'user.whisper.message',
    version: '1',
    condition: ['user_id'],
    channelKey: 'user_id',
    audience: 'chatter',
    scopes: ['user:read:whispers', 'user:manage:whispers'],
  },
];

export const findEntry = (type: string, version: string): CatalogEntry | undefined =>
  CATALOG.find((e) => e.type === type && e.version === version);

export const isKnownType = (type: string): boolean => CATALOG.some((e) => e.type === type);

/** Does this set of granted scopes authorise the entry? */
export function scopesAllow(entry: CatalogEntry, granted: readonly string[]): boolean {
  if (entry.scopes.length === 0 && !entry.scopePrefix) return true;
  if (entry.scopes.some((s) => granted.includes(s))) return true;
  const prefix = entry.scopePrefix;
  return prefix !== undefined && granted.some((s) => s.startsWith(prefix));
}

/** The condition key that names the subscribing user, if the audience requires one. */
export function userKey(entry: CatalogEntry): string | undefined {
  switch (entry.audience) {
    case 'chatter':
      return 'user_id';
    case 'moderator':
      return 'moderator_user_id';
    case 'broadcaster':
      return entry.channelKey;
    default:
      return undefined;
  }
}

/** Every user-id-valued key a condition may carry. */
export const CONDITION_USER_KEYS = [
  'broadcaster_user_id',
  'user_id',
  'moderator_user_id',
  'to_broadcaster_user_id',
  'from_broadcaster_user_id',
] as const;

/** Scopes and how the consent page describes them. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  'user:read:chat': 'Receive chat messages and chat events in channels you are in',
  'user:write:chat': 'Send chat messages as you',
  'user:read:email': 'View your email address',
  'user:read:follows': 'View the list of channels you follow',
  'user:read:subscriptions': 'View your channel subscriptions',
  'user:read:moderated_channels': 'Read the list of channels you moderate',
  'moderator:read:followers': 'Read the followers of channels you moderate',
  'moderator:read:shoutouts': 'View shoutouts in channels you moderate',
  'moderator:manage:shoutouts': 'Manage shoutouts in channels you moderate',
  'moderator:read:shield_mode': 'View Shield Mode status in channels you moderate',
  'moderator:manage:shield_mode': 'Manage Shield Mode in channels you moderate',
  'moderator:read:unban_requests': 'View unban requests in channels you moderate',
  'moderator:manage:unban_requests': 'Resolve unban requests in channels you moderate',
  'moderator:read:warnings': 'View warnings in channels you moderate',
  'moderator:manage:warnings': 'Warn users in channels you moderate',
  'moderator:read:suspicious_users': 'View suspicious users in channels you moderate',
  'moderator:manage:automod': 'Manage messages held by AutoMod in channels you moderate',
  'moderator:read:automod_settings': 'View AutoMod settings in channels you moderate',
  'moderator:read:moderators': 'View the moderators of channels you moderate',
  'moderator:read:chat_settings': 'View chat settings in channels you moderate',
  'moderator:read:banned_users': 'View banned users in channels you moderate',
  'moderator:read:blocked_terms': 'View blocked terms in channels you moderate',
  'moderator:read:chatters': 'View the chatters in channels you moderate',
  'moderator:read:vips': 'View the VIPs of channels you moderate',
  'channel:read:subscriptions': "View your channel's subscribers",
  'bits:read': 'View Bits information for your channel',
  'channel:read:redemptions': 'View Channel Points redemptions on your channel',
  'channel:manage:redemptions': 'Manage Channel Points rewards and redemptions',
  'channel:read:polls': 'View polls on your channel',
  'channel:manage:polls': 'Manage polls on your channel',
  'channel:read:predictions': 'View predictions on your channel',
  'channel:manage:predictions': 'Manage predictions on your channel',
  'channel:read:hype_train': 'View Hype Train information for your channel',
  'channel:read:goals': "View your channel's creator goals",
  'channel:read:ads': 'Read the ads schedule of your channel',
  'channel:read:charity': 'Read charity campaign details and donations on your channel',
  'channel:read:vips': 'View the VIPs of your channel',
  'channel:manage:vips': 'Add and remove the VIPs of your channel',
  'channel:manage:broadcast': "Manage your channel's broadcast configuration",
  'chat:read': 'View live stream chat messages',
  'chat:edit': 'Send live stream chat messages',
  'moderation:read': 'View moderation data for your channel',
  'user:read:whispers': 'Receive whispers sent to you',
  'user:manage:whispers': 'Receive whispers sent to you, and send whispers on your behalf',
};

export const KNOWN_SCOPES = new Set(Object.keys(SCOPE_DESCRIPTIONS));
