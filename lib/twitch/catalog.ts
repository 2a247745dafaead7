/**
 * The event catalog: every EventSub type the extension subscribes to and what it needs (version,
 * condition, scope, role), whether it notifies by default and which kind of event it is. Facts
 * only: the words for each kind are in `lib/wording/`. The listener, the recorder, the
 * notification settings and the views all read this one table.
 */
import { str, type Json } from './fields';

/** Who the signed-in user must be in the favorite channel to receive a type. */
export type Role = 'viewer' | 'moderator' | 'broadcaster';

export type Condition = Record<string, string>;

export interface CatalogEntry {
  /** Stable key (a type can appear twice, e.g. raids to and from the channel). */
  id: string;
  type: string;
  version: string;
  role: Role;
  /** OAuth scope the subscription needs, if any. */
  scope?: string;
  condition: (ids: { broadcasterId: string; userId: string }) => Condition;
  notifyByDefault: boolean;
  /** Shown in lists and notifications, in every language. Plain text (an emoji). */
  icon: string;
  /** Whether it belongs in "Recent events" (chat lines and housekeeping do not). */
  recent: boolean;
  /**
   * About the signed-in user, not a channel (whispers): subscribed once per user, whatever the
   * favorites, with a condition naming only the user; recorded under the user's own id and shown
   * to that account only.
   */
  perUser?: boolean;
}

type Ids = { broadcasterId: string; userId: string };
type Extra = Partial<
  Pick<CatalogEntry, 'id' | 'recent' | 'notifyByDefault' | 'condition' | 'perUser'>
>;

const broadcaster = ({ broadcasterId }: Ids): Condition => ({
  broadcaster_user_id: broadcasterId,
});
const withUser = ({ broadcasterId, userId }: Ids): Condition => ({
  broadcaster_user_id: broadcasterId,
  user_id: userId,
});
const withModerator = ({ broadcasterId, userId }: Ids): Condition => ({
  broadcaster_user_id: broadcasterId,
  moderator_user_id: userId,
});

const entry = (
  facts: Omit<CatalogEntry, 'id' | 'recent' | 'notifyByDefault'>,
  extra: Extra,
): CatalogEntry => ({ id: facts.type, recent: true, notifyByDefault: false, ...facts, ...extra });

const viewer = (type: string, version: string, icon: string, extra: Extra = {}) =>
  entry({ type, version, icon, role: 'viewer', condition: broadcaster }, extra);

const chat = (type: string, icon: string, extra: Extra = {}) =>
  entry(
    { type, version: '1', icon, role: 'viewer', scope: 'user:read:chat', condition: withUser },
    { recent: false, ...extra },
  );

const moderator = (type: string, version: string, scope: string, icon: string, extra: Extra = {}) =>
  entry({ type, version, icon, role: 'moderator', scope, condition: withModerator }, extra);

const owner = (type: string, version: string, scope: string, icon: string, extra: Extra = {}) =>
  entry({ type, version, icon, role: 'broadcaster', scope, condition: broadcaster }, extra);

const notify = { notifyByDefault: true };
const housekeeping = { recent: false };

/**
 * The types `<prefix>.<event>` of one family, in the order given: one role, version, scope and
 * icon, each event with its own extras.
 */
const family = (
  make: typeof moderator | typeof owner,
  prefix: string,
  version: string,
  scope: string,
  icon: string,
  events: Record<string, Extra>,
) =>
  Object.entries(events).map(([event, extra]) =>
    make(`${prefix}.${event}`, version, scope, icon, extra),
  );

/** A whisper to the signed-in user. */
export const WHISPER_TYPE = 'user.whisper.message';
/** Receiving whispers. */
export const WHISPERS_SCOPE = 'user:read:whispers';
/** Sending whispers (Helix Send Whisper). */
export const SEND_WHISPERS_SCOPE = 'user:manage:whispers';

export const eventCatalog: readonly CatalogEntry[] = [
  viewer('stream.online', '1', '🔴', notify),
  viewer('stream.offline', '1', '⚫'),
  viewer('channel.update', '2', '✏️'),
  viewer('channel.raid', '1', '🚀', {
    id: 'channel.raid.to',
    notifyByDefault: true,
    condition: ({ broadcasterId }) => ({ to_broadcaster_user_id: broadcasterId }),
  }),
  viewer('channel.raid', '1', '🛫', {
    id: 'channel.raid.from',
    notifyByDefault: true,
    condition: ({ broadcasterId }) => ({ from_broadcaster_user_id: broadcasterId }),
  }),
  viewer('channel.shared_chat.begin', '1', '🤝'),
  viewer('channel.shared_chat.update', '1', '🤝', housekeeping),
  viewer('channel.shared_chat.end', '1', '🤝'),

  chat('channel.chat.message', '💬'),
  chat('channel.chat.notification', '✨', { recent: true, notifyByDefault: true }),
  chat('channel.chat.message_delete', '🗑️'),
  chat('channel.chat.clear', '🧹'),
  chat('channel.chat.clear_user_messages', '🧹'),
  chat('channel.chat_settings.update', '⚙️'),
  // The signed-in user's own messages held by AutoMod, and what became of them.
  chat('channel.chat.user_message_hold', '⏸️', { recent: true, notifyByDefault: true }),
  chat('channel.chat.user_message_update', '🤖', { recent: true }),

  moderator('channel.follow', '2', 'moderator:read:followers', '💜', notify),
  moderator('channel.shoutout.create', '1', 'moderator:read:shoutouts', '📢'),
  moderator('channel.shoutout.receive', '1', 'moderator:read:shoutouts', '📢', notify),
  ...family(moderator, 'channel.shield_mode', '1', 'moderator:read:shield_mode', '🛡️', {
    begin: {},
    end: {},
  }),
  ...family(moderator, 'channel.unban_request', '1', 'moderator:read:unban_requests', '🙏', {
    create: {},
    resolve: {},
  }),
  ...family(moderator, 'channel.warning', '1', 'moderator:read:warnings', '⚠️', {
    send: {},
    acknowledge: {},
  }),
  ...family(moderator, 'channel.suspicious_user', '1', 'moderator:read:suspicious_users', '🕵️', {
    message: {},
    update: {},
  }),
  ...family(moderator, 'automod.message', '2', 'moderator:manage:automod', '🤖', {
    hold: {},
    update: {},
  }),
  moderator('automod.settings.update', '1', 'moderator:read:automod_settings', '🤖'),
  moderator('automod.terms.update', '1', 'moderator:manage:automod', '🤖'),
  moderator('channel.moderate', '2', 'moderator:read:moderators', '🔨'),

  owner('channel.subscribe', '1', 'channel:read:subscriptions', '⭐', notify),
  owner('channel.subscription.gift', '1', 'channel:read:subscriptions', '🎁', notify),
  owner('channel.subscription.message', '1', 'channel:read:subscriptions', '⭐', notify),
  owner('channel.subscription.end', '1', 'channel:read:subscriptions', '⌛'),
  owner('channel.cheer', '1', 'bits:read', '💎', notify),
  // Every use of bits: cheers (also sent as channel.cheer), Power-ups and Combos.
  owner('channel.bits.use', '1', 'bits:read', '💎'),
  ...family(owner, 'channel.vip', '1', 'channel:read:vips', '🌟', { add: {}, remove: {} }),
  ...family(owner, 'channel.moderator', '1', 'moderation:read', '🗡️', { add: {}, remove: {} }),
  ...family(owner, 'channel.channel_points_custom_reward', '1', 'channel:read:redemptions', '🎟️', {
    add: {},
    update: housekeeping,
    remove: {},
  }),
  owner(
    'channel.channel_points_custom_reward_redemption.add',
    '1',
    'channel:read:redemptions',
    '🎟️',
    notify,
  ),
  owner(
    'channel.channel_points_custom_reward_redemption.update',
    '1',
    'channel:read:redemptions',
    '🎟️',
    housekeeping,
  ),
  owner(
    'channel.channel_points_automatic_reward_redemption.add',
    '2',
    'channel:read:redemptions',
    '🎟️',
  ),
  ...family(owner, 'channel.poll', '1', 'channel:read:polls', '📊', {
    begin: notify,
    progress: housekeeping,
    end: {},
  }),
  ...family(owner, 'channel.prediction', '1', 'channel:read:predictions', '🔮', {
    begin: notify,
    progress: housekeeping,
    lock: {},
    end: {},
  }),
  ...family(owner, 'channel.hype_train', '2', 'channel:read:hype_train', '🚂', {
    begin: notify,
    progress: housekeeping,
    end: notify,
  }),
  ...family(owner, 'channel.goal', '1', 'channel:read:goals', '🎯', {
    begin: {},
    progress: housekeeping,
    end: {},
  }),
  owner('channel.ad_break.begin', '1', 'channel:read:ads', '📺'),
  owner('channel.charity_campaign.donate', '1', 'channel:read:charity', '💚', notify),
  owner('channel.charity_campaign.start', '1', 'channel:read:charity', '💚'),
  owner('channel.charity_campaign.progress', '1', 'channel:read:charity', '💚', housekeeping),
  owner('channel.charity_campaign.stop', '1', 'channel:read:charity', '💚'),

  // Whispers to the signed-in user: one subscription per user (Twitch takes `user:read:whispers`
  // or `user:manage:whispers`; the first is asked for). Notified as "for you", not as an event.
  entry(
    {
      type: WHISPER_TYPE,
      version: '1',
      icon: '🤫',
      role: 'viewer',
      scope: WHISPERS_SCOPE,
      condition: ({ userId }) => ({ user_id: userId }),
    },
    { recent: false, perUser: true },
  ),
];

// ---------------------------------------------------------------------------------------------
// channel.chat.notification: one subscription, many kinds of notice.

export const CHAT_NOTICE_TYPE = 'channel.chat.notification';

export interface NoticeKind {
  icon: string;
  notifyByDefault: boolean;
}

const notice = (icon: string, notifyByDefault = false): NoticeKind => ({ icon, notifyByDefault });

/** Every notice_type Twitch documents. Unknown ones are kept and described generically. */
export const noticeKinds: Record<string, NoticeKind> = {
  sub: notice('⭐', true),
  resub: notice('⭐', true),
  sub_gift: notice('🎁', true),
  community_sub_gift: notice('🎁', true),
  gift_paid_upgrade: notice('⬆️'),
  prime_paid_upgrade: notice('⬆️'),
  raid: notice('🚀'),
  unraid: notice('🛑'),
  pay_it_forward: notice('💝'),
  announcement: notice('📣', true),
  bits_badge_tier: notice('💎'),
  charity_donation: notice('💚', true),
  watch_streak: notice('🔥'),
  shared_chat_sub: notice('⭐'),
  shared_chat_resub: notice('⭐'),
  shared_chat_sub_gift: notice('🎁'),
  shared_chat_community_sub_gift: notice('🎁'),
  shared_chat_gift_paid_upgrade: notice('⬆️'),
  shared_chat_prime_paid_upgrade: notice('⬆️'),
  shared_chat_raid: notice('🚀'),
  shared_chat_pay_it_forward: notice('💝'),
  shared_chat_announcement: notice('📣'),
};

// ---------------------------------------------------------------------------------------------
// Looking entries up.

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

/** The catalog entry with this id (`channel.raid.to`, `channel.follow`, …). */
export function catalogEntryById(id: string): CatalogEntry | undefined {
  return eventCatalog.find((item) => item.id === id);
}

// ---------------------------------------------------------------------------------------------
// Kinds: what notification settings are keyed by, and what an event is.

/** What `kindOf` needs of an event: its subscription type and payload, and whose channel. */
export interface KindSource {
  type: string;
  version?: string;
  event: Json;
  /** The favorite channel the event was recorded for (tells a raid's direction). */
  channelId: string;
}

const NOTICE_PREFIX = `${CHAT_NOTICE_TYPE}/`;

/** The kind of a chat notice: `channel.chat.notification/<notice_type>`. */
export const noticeKindKey = (noticeType: string): string => `${NOTICE_PREFIX}${noticeType}`;

/** The notice_type of a chat notice's kind, or undefined for any other kind. */
export function noticeTypeOfKind(kind: string): string | undefined {
  return kind.startsWith(NOTICE_PREFIX) ? kind.slice(NOTICE_PREFIX.length) : undefined;
}

/**
 * The kind of an event: its catalog id (`channel.raid.to` or `channel.raid.from` by direction),
 * `channel.chat.notification/<notice_type>` for a chat notice, or the bare type for one the
 * catalog does not know. Notification settings are keyed by kind.
 */
export function kindOf(event: KindSource): string {
  if (event.type === CHAT_NOTICE_TYPE)
    return noticeKindKey(str(event.event, 'notice_type') || 'unknown');
  if (event.type === 'channel.raid') {
    const to = str(event.event, 'to_broadcaster_user_id');
    return to === event.channelId ? 'channel.raid.to' : 'channel.raid.from';
  }
  return catalogEntryFor(event.type, event.version)?.id ?? event.type;
}

/** The catalog entry of a kind (for a chat notice, the chat notification one). */
export function entryOfKind(kind: string): CatalogEntry | undefined {
  return catalogEntryById(noticeTypeOfKind(kind) === undefined ? kind : CHAT_NOTICE_TYPE);
}

/** Whether a kind notifies when the user has not said. */
export function notifiesByDefault(kind: string): boolean {
  const noticeType = noticeTypeOfKind(kind);
  if (noticeType !== undefined) return noticeKinds[noticeType]?.notifyByDefault ?? false;
  return catalogEntryById(kind)?.notifyByDefault ?? false;
}

/** A kind's icon: the notice's own for a chat notice, else its entry's. */
export function iconOfKind(kind: string): string | undefined {
  const noticeType = noticeTypeOfKind(kind);
  return (
    (noticeType === undefined ? undefined : noticeKinds[noticeType]?.icon) ??
    entryOfKind(kind)?.icon
  );
}

// ---------------------------------------------------------------------------------------------
// Roles and scopes.

export const roleRank: Record<Role, number> = { viewer: 0, moderator: 1, broadcaster: 2 };

/** Which catalog entries a user in `role` may subscribe to. */
export function entriesForRole(role: Role): CatalogEntry[] {
  return eventCatalog.filter((item) => roleRank[item.role] <= roleRank[role]);
}

/** The entries about the signed-in user rather than a channel: subscribed once per user. */
export function perUserEntries(): CatalogEntry[] {
  return eventCatalog.filter((item) => item.perUser);
}

/** Reading the user's follows and their live streams. */
export const FOLLOWS_SCOPE = 'user:read:follows';

/**
 * The scopes to request: chat always; the follows, whispers, moderator and broadcaster ones only
 * when asked for.
 */
export function scopesFor(options: {
  moderator: boolean;
  broadcaster: boolean;
  sendChat?: boolean;
  follows?: boolean;
  whispers?: boolean;
  sendWhispers?: boolean;
}): string[] {
  const scopes = new Set<string>(['user:read:chat']);
  if (options.sendChat) scopes.add('user:write:chat');
  if (options.follows) scopes.add(FOLLOWS_SCOPE);
  if (options.whispers) scopes.add(WHISPERS_SCOPE);
  // Replying is part of a conversation: sending asks for reading too.
  if (options.sendWhispers) scopes.add(WHISPERS_SCOPE).add(SEND_WHISPERS_SCOPE);
  for (const item of eventCatalog) {
    if (!item.scope) continue;
    if (item.role === 'moderator' && (options.moderator || options.broadcaster))
      scopes.add(item.scope);
    if (item.role === 'broadcaster' && options.broadcaster) scopes.add(item.scope);
  }
  return [...scopes];
}
