import type { Account, ChannelState, World } from '../world.js';
import { pick, randInt } from '../objects.js';
import { uuid } from '../ids.js';
import { profileImageUrl } from '../world.js';

export type EventData = Record<string, unknown>;

/** What a `trigger` may ask for; every field is optional. */
export interface TriggerOptions {
  type: string;
  version?: string;
  /** The channel (login or id) the event happens in; default `demo`. */
  channel?: string;
  /** channel.chat.notification: which notice (any string; unknown ones are sent as they are). */
  noticeType?: string;
  /** The acting user (chatter, follower, subscriber, cheerer, raider…), login or id. */
  user?: string;
  /** Message text (chat, resub, cheer, announcement…). */
  text?: string;
  /** Bits for cheers. */
  bits?: number;
  /** Raid / shoutout target and source (login or id). */
  to?: string;
  from?: string;
  /** channel.chat.message: text, channel_points_highlighted, channel_points_sub_only, user_intro, … */
  messageType?: string;
  /** Subscription tier 1000 / 2000 / 3000. */
  tier?: string;
  /** A count: viewers for raids, gifts for gift events, months for resubs, amount for donations. */
  amount?: number;
  /** channel.chat.message: make it a reply to the last message in the channel. */
  reply?: boolean;
  /**
   * Which variant: channel.moderate's action (ban, timeout, delete, …), channel.bits.use's type
   * (cheer, power_up, combo), automod.terms.update's action (add_blocked, …),
   * channel.chat.user_message_update's status (approved, denied, invalid).
   */
  action?: string;
  /** Fields deep-merged into the generated event, last. */
  overrides?: Record<string, unknown>;
}

export interface GenContext {
  world: World;
  channel: Account;
  state: ChannelState;
  opts: TriggerOptions;
  memory: Memory;
}

export interface Generated {
  event: EventData;
  /** The channel the event belongs to (matched against the condition's channel key). */
  channelId: string;
  /**
   * The one user the event is for (the author of a message AutoMod holds): only that user's
   * subscription, whose `user_id` names them, receives it.
   */
  recipientId?: string;
  /** channel.raid: both ends, matched against to_/from_broadcaster_user_id. */
  raid?: { fromId: string; toId: string };
}

export type Generator = (ctx: GenContext) => Generated;

/** Per-channel state that makes multi-step events (polls, predictions, hype trains…) consistent. */
export class Memory {
  private readonly items = new Map<string, unknown>();
  get<T>(channelId: string, key: string): T | undefined {
    return this.items.get(`${channelId}:${key}`) as T | undefined;
  }
  set(channelId: string, key: string, value: unknown): void {
    this.items.set(`${channelId}:${key}`, value);
  }
  delete(channelId: string, key: string): void {
    this.items.delete(`${channelId}:${key}`);
  }
  /** The value under `key`; made by `make` (and kept) when there is none or `fresh` is set. */
  getOrCreate<T>(channelId: string, key: string, fresh: boolean, make: () => T): T {
    let value = fresh ? undefined : this.get<T>(channelId, key);
    if (value === undefined) {
      value = make();
      this.set(channelId, key, value);
    }
    return value;
  }
}

/** `{ <p>_id, <p>_login, <p>_name }` for an account. */
export function who(prefix: string, a: Account): EventData {
  return {
    [`${prefix}_id`]: a.id,
    [`${prefix}_login`]: a.login,
    [`${prefix}_name`]: a.displayName,
  };
}

export function nobody(prefix: string): EventData {
  return { [`${prefix}_id`]: null, [`${prefix}_login`]: null, [`${prefix}_name`]: null };
}

export const broadcaster = (a: Account): EventData => who('broadcaster_user', a);

/** A moderator of the channel (the broadcaster when it has none). */
export const moderatorOf = (ctx: GenContext): Account =>
  ctx.world.moderatedBy(ctx.channel.id) ?? ctx.channel;

/** The acting user: the one asked for, else a random chatter (never the broadcaster). */
export function actor(ctx: GenContext, exclude: string[] = []): Account {
  if (ctx.opts.user) return ctx.world.resolve(ctx.opts.user);
  return pick(ctx.world.chatters([ctx.channel.id, ...exclude]));
}

export function otherChannel(ctx: GenContext, loginOrId?: string): Account {
  if (loginOrId) return ctx.world.resolve(loginOrId);
  return pick(ctx.world.otherBroadcasters(ctx.channel.id));
}

export const tierOf = (ctx: GenContext): string => {
  const t = ctx.opts.tier;
  if (t === '1000' || t === '2000' || t === '3000') return t;
  return pick(['1000', '1000', '1000', '1000', '2000', '3000']);
};

export const TIER_NAMES: Record<string, string> = {
  '1000': 'Tier 1',
  '2000': 'Tier 2',
  '3000': 'Tier 3',
};

export const secondsFromNow = (s: number): string => new Date(Date.now() + s * 1000).toISOString();
export const nowIso = (): string => new Date().toISOString();

export { pick, randInt, uuid, profileImageUrl };

/** Twitch global emotes the generators use (ids are Twitch's). */
export const GLOBAL_EMOTES: { id: string; name: string }[] = [
  { id: '25', name: 'Kappa' },
  { id: '305954156', name: 'PogChamp' },
  { id: '425618', name: 'LUL' },
  { id: '64138', name: 'SeemsGood' },
  { id: '30259', name: 'HeyGuys' },
  { id: '86', name: 'BibleThump' },
  { id: '58765', name: 'NotLikeThis' },
  { id: '58127', name: 'CoolCat' },
  { id: '81274', name: 'VoHiYo' },
  { id: '9', name: '<3' },
  { id: '354', name: '4Head' },
  { id: '41', name: 'Kreygasm' },
];

export const CHAT_LINES = [
  'hello chat HeyGuys',
  'that bug was hiding in plain sight LUL',
  'what font is that in your editor?',
  'PogChamp it compiled first try',
  'just got here, what are we building?',
  'have you tried turning it off and on again Kappa',
  'the tests are green SeemsGood',
  'lurking while I work, have a good stream <3',
  'typescript strict mode gang',
  'can you show the popup again?',
  'NotLikeThis another off-by-one',
  'the background music is such a vibe',
  'is this open source?',
  'hi from Brazil VoHiYo',
  'GG',
  'wait, why does the websocket reconnect there?',
  'CoolCat',
  'first time catching a stream live, love the energy',
  'ok but the purple theme is perfect',
  'how long have you been streaming today?',
  'Kreygasm that refactor',
  'chat is moving fast today LUL',
  'can we get a !discord link?',
  'BibleThump the ad break',
];

export const SUB_MESSAGES = [
  'Another month of great streams! <3',
  'Happy to support the channel SeemsGood',
  'Been here since the very first stream PogChamp',
  'Keep building cool stuff!',
  '',
];

export const ANNOUNCEMENTS = [
  'Stream schedule for next week is up on the Discord!',
  'Remember to stay hydrated, chat <3',
  'Giveaway at 500 followers: type !enter',
  'New emotes just dropped, check them out!',
];

export const CHARITIES = [
  {
    name: 'Example Children’s Hospital',
    description: 'Helping kids get better, one game at a time.',
    website: 'https://www.example.org/hospital',
  },
  {
    name: 'Ocean Cleanup Example',
    description: 'Removing plastic from the oceans.',
    website: 'https://www.example.org/ocean',
  },
];

export const charityLogo = (): string =>
  'https://static-cdn.jtvnw.net/jtv_user_pictures/charity-logo-300x300.png';
