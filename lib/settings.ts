/**
 * Every persistent setting and piece of shared state, declared once with its type and default.
 * Read with `getValue`, change with `setValue`, follow with `watch`.
 *
 * Where each lives: a user's preference is declared with `userSetting(key, fallback, schema)` and
 * kept in `storage.sync`, so it follows the user to every computer signed in to the same browser
 * profile, and is part of the settings file (export and import); every value read is parsed with
 * its schema. The session, the listener's state and
 * everything recorded stay on this computer (`local:` and `session:` items, and the database).
 */
// zod's mini build: the same checks, as functions. Every page loads this module (the popup
// first of all): only the checks used are bundled, and a schema is built without binding zod's
// forty methods to it.
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { storage, type WxtStorageItem } from './storage';
import { DEFAULT_QUIET_HOURS, parseTimeOfDay, type QuietHours } from './quiet';
import type { ListenerStatus } from './listener-protocol';
import { defineSyncedItem, type SyncedItem } from './synced-storage';
import { MAX_HIGHLIGHT_LINE_LENGTH, MAX_HIGHLIGHT_LINES } from './for-you/rules';

/** A stored setting, read and written the same way whichever area keeps it. */
export type SettingItem<T> = WxtStorageItem<T, Record<string, unknown>>;

/** A user setting: a stored setting with the schema every value read or imported must pass. */
export type UserSetting<T> = SyncedItem<T>;

/** Every user setting by key: what syncs, and what the settings file exports and imports. */
export const userSettings: Record<string, UserSetting<unknown>> = {};

/**
 * Declares a user preference: kept in `storage.sync` under `key` (split into several items when
 * large, kept on this computer when the browser refuses the write), moved there once from
 * `local:<key>` where an earlier version kept it, and exported with the other settings. Every
 * value that crosses into the program — read from sync or from this computer, moved from an
 * earlier version, imported from a file — is parsed with `schema`; one that fails it is reported
 * and replaced by `fallback`.
 */
export function userSetting<T>(key: string, fallback: T, schema: $ZodType<T>): UserSetting<T> {
  const item = defineSyncedItem(key, fallback, schema);
  userSettings[key] = item as UserSetting<unknown>;
  return item;
}

/** How many favorites the extension follows at most. */
export const MAX_FAVORITES = 10;

/** A Twitch user id: digits. */
const twitchId = z.string().check(z.regex(/^\d{1,20}$/));
/** A bounded list of distinct Twitch user ids. */
const idList = (max: number) =>
  z.array(twitchId).check(
    z.maxLength(max),
    z.refine((ids) => new Set(ids).size === ids.length, 'duplicate ids'),
  );

/**
 * The signed-in Twitch user and their token. Read by the background only, which hands the token
 * to the listener host and to its own Twitch requests; pages read `authProfile`.
 */
export interface AuthSession {
  accessToken: string;
  userId: string;
  login: string;
  displayName: string;
  profileImageUrl?: string;
  scopes: string[];
  /** Epoch ms when Twitch says the token expires. */
  expiresAt: number;
  /** Epoch ms of the last successful /validate. */
  validatedAt: number;
}

/** A channel the user follows closely. */
export interface FavoriteChannel {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl?: string;
  addedAt: number;
}

export type { ConnectionState, ListenerStatus, SubscriptionStatus } from './listener-protocol';

export interface NotificationSettings {
  enabled: boolean;
  /** Per catalog id, or `channel.chat.notification/<notice_type>` for chat notices. */
  types: Record<string, boolean>;
  sound: boolean;
}

export interface RetentionSettings {
  eventsPerChannel: number;
  eventDays: number;
  chatPerChannel: number;
  chatDays: number;
  /**
   * The defaults these were saved under (`RETENTION_REVISION`); absent in values saved before
   * the chat default changed, whose old default is read as the new one.
   */
  revision?: number;
}

/**
 * Retention that serves search over the whole record: a night and a day of every favorite's
 * chat. 100,000 lines a channel are 28 hours at one line a second (a chat of about a thousand
 * viewers) and 2¾ hours at ten; ten favorites' are a million lines, about 0.6 GB with the search
 * index (docs/benchmarks.md, "Search"). Under storage pressure the oldest goes first.
 */
export const RETENTION_REVISION = 2;
export const DEFAULT_RETENTION: RetentionSettings = {
  eventsPerChannel: 5_000,
  eventDays: 90,
  chatPerChannel: 100_000,
  chatDays: 14,
  revision: RETENTION_REVISION,
};

/** The chat default before `RETENTION_REVISION`: half an hour of a busy chat. */
export const OLD_DEFAULT_CHAT_PER_CHANNEL = 20_000;

/** A value saved before `RETENTION_REVISION` with the old chat default gets the new default. */
export function withRetentionDefaults(value: RetentionSettings): RetentionSettings {
  if (value.revision === undefined && value.chatPerChannel === OLD_DEFAULT_CHAT_PER_CHANNEL)
    return {
      ...value,
      chatPerChannel: DEFAULT_RETENTION.chatPerChannel,
      revision: RETENTION_REVISION,
    };
  return value;
}

export const authSession = storage.defineItem<AuthSession | null>('local:authSession', {
  fallback: null,
  version: 1,
});

/**
 * What pages know of the signed-in user: who (the user id tells which recorded events are theirs),
 * their picture, what they allowed — no token.
 */
export type AuthProfile = Pick<
  AuthSession,
  'userId' | 'login' | 'displayName' | 'profileImageUrl' | 'scopes' | 'expiresAt'
>;

/** Written by the background together with `authSession`; null while signed out. */
export const authProfile = storage.defineItem<AuthProfile | null>('local:authProfile', {
  fallback: null,
});

/**
 * Tokens whose revocation Twitch has not confirmed yet (offline at sign-out, or replaced by a new
 * sign-in): tried again at start and by the watchdog until Twitch answers.
 */
export const pendingRevocations = storage.defineItem<string[]>('local:pendingRevocations', {
  fallback: [],
});

/** Favorites, in the user's order (at most `MAX_FAVORITES`); every one is listened to. */
export const favorites = userSetting<FavoriteChannel[]>(
  'favorites',
  [],
  z
    .array(
      z.looseObject({
        id: twitchId,
        login: z.string().check(z.regex(/^\w{1,25}$/)),
        displayName: z.string().check(z.minLength(1), z.maxLength(100)),
        profileImageUrl: z.optional(z.string().check(z.maxLength(2_000), z.regex(/^https:\/\//))),
        // A number is finite (zod refuses Infinity and NaN).
        addedAt: z.number(),
      }),
    )
    .check(
      z.maxLength(MAX_FAVORITES),
      z.refine(
        (list) => new Set(list.map((f) => f.id)).size === list.length,
        'duplicate favorites',
      ),
    ),
);

export const listenerStatus = storage.defineItem<ListenerStatus>('local:listenerStatus', {
  fallback: { state: 'signed_out', subscriptions: [], updatedAt: 0 },
});

/** Switches per kind of notification: far more than the catalog and chat notices will ever have. */
const MAX_NOTIFICATION_TYPES = 1_000;

export const notificationSettings = userSetting<NotificationSettings>(
  'notificationSettings',
  { enabled: true, types: {}, sound: false },
  z.looseObject({
    enabled: z.boolean(),
    types: z
      .record(z.string().check(z.maxLength(200)), z.boolean())
      .check(
        z.refine((types) => Object.keys(types).length <= MAX_NOTIFICATION_TYPES, 'too many types'),
      ),
    sound: z.boolean(),
  }),
);

/** Muted favorites kept at most: favorites come and go, and a mute outlives a favorite. */
export const MAX_MUTED_FAVORITES = 100;

/** Favorites (by channel id) whose events raise no desktop notification; they are still recorded. */
export const mutedChannels = userSetting<string[]>(
  'mutedChannels',
  [],
  idList(MAX_MUTED_FAVORITES),
);

/** The bounds of each retention limit: the retention form's, and what any stored value must keep. */
export const RETENTION_LIMITS: Record<
  Exclude<keyof RetentionSettings, 'revision'>,
  { min: number; max: number }
> = {
  eventsPerChannel: { min: 100, max: 100_000 },
  eventDays: { min: 1, max: 3_650 },
  chatPerChannel: { min: 100, max: 200_000 },
  chatDays: { min: 1, max: 365 },
};

const limit = (key: keyof typeof RETENTION_LIMITS) =>
  z.int().check(z.gte(RETENTION_LIMITS[key].min), z.lte(RETENTION_LIMITS[key].max));

export const retentionSettings = userSetting<RetentionSettings>(
  'retention',
  DEFAULT_RETENTION,
  z.pipe(
    z.looseObject({
      eventsPerChannel: limit('eventsPerChannel'),
      eventDays: limit('eventDays'),
      chatPerChannel: limit('chatPerChannel'),
      chatDays: limit('chatDays'),
      revision: z.optional(z.int()),
    }),
    z.transform((value: RetentionSettings & Record<string, unknown>) =>
      withRetentionDefaults(value),
    ),
  ),
);

const timeOfDay = z.string().check(
  z.maxLength(5),
  z.refine((text) => parseTimeOfDay(text) !== undefined, 'not a time of day'),
);

/** A daily quiet period in local time: notifications are held back, events still recorded. */
export const quietHours = userSetting<QuietHours>(
  'quietHours',
  DEFAULT_QUIET_HOURS,
  z.looseObject({ enabled: z.boolean(), start: timeOfDay, end: timeOfDay }),
);

/** Epoch ms until which notifications are snoozed; null when not snoozed. */
export const snoozedUntil = storage.defineItem<number | null>('local:snoozedUntil', {
  fallback: null,
});

/** Notifications held back by quiet hours or a snooze, counted per kind, told once at the end. */
export const heldNotifications = storage.defineItem<{
  since: number;
  counts: Record<string, number>;
} | null>('local:heldNotifications', { fallback: null });

/** Access the user asked for at sign-in (decides the scopes requested). */
export const requestedAccess = userSetting<{
  moderator: boolean;
  broadcaster: boolean;
  sendChat: boolean;
  follows?: boolean;
}>(
  'requestedAccess',
  { moderator: false, broadcaster: false, sendChat: false },
  z.looseObject({
    moderator: z.boolean(),
    broadcaster: z.boolean(),
    sendChat: z.boolean(),
    follows: z.optional(z.boolean()),
  }),
);

/**
 * Why the last sign-in failed. The toolbar popup closes while the Twitch window is open, so the
 * background keeps the answer here for the popup to show when it opens again.
 */
export const signInError = storage.defineItem<{ message: string; at: number } | null>(
  'session:signInError',
  {
    fallback: null,
  },
);

/** Set when the session ended on its own, so the user is told once. */
export const sessionEndedNotice = storage.defineItem<{ at: number; notified: boolean } | null>(
  'local:sessionEndedNotice',
  { fallback: null },
);

/** Events recorded since the streamer page was last looked at (the toolbar badge). */
export const unseenCount = storage.defineItem<number>('local:unseenCount', { fallback: 0 });

export async function activeFavorite(): Promise<FavoriteChannel | null> {
  return (await favorites.getValue())[0] ?? null;
}

/** A channel the signed-in user follows on Twitch. */
export interface FollowedChannel {
  id: string;
  login: string;
  displayName: string;
  followedAt: string;
}

/**
 * The user's follows, imported from Twitch (every page) hourly and when the popup opens. A
 * refresh that fails keeps the last list and says why in `error`.
 */
export interface FollowsState {
  /** Whose follows these are. */
  userId: string;
  channels: FollowedChannel[];
  /** Epoch ms of the last successful import (0: never). */
  fetchedAt: number;
  /** Why the last refresh failed, while it has not succeeded since. */
  error?: string;
  /** Channels the last import no longer had (unfollowed, or gone from Twitch). */
  dropped: { id: string; displayName: string }[];
}

export const follows = storage.defineItem<FollowsState | null>('local:follows', {
  fallback: null,
});

/** A followed channel that is live, as the last poll of Get Followed Streams saw it. */
export interface LiveStream {
  /** Twitch's stream id: one per broadcast. */
  streamId: string;
  channelId: string;
  login: string;
  displayName: string;
  profileImageUrl?: string;
  title: string;
  /** The category's id ('' for none, or when an older version stored the stream). */
  gameId?: string;
  gameName: string;
  viewerCount: number;
  startedAt: string;
}

export interface LiveState {
  userId: string;
  streams: LiveStream[];
  /** Epoch ms of the last successful poll (0: never). */
  fetchedAt: number;
  /** Why the last poll failed, while it has not succeeded since. */
  error?: string;
}

export const liveStreams = storage.defineItem<LiveState | null>('local:liveStreams', {
  fallback: null,
});

/** What the last poll saw of one favorite: live or not, and the stream's title and category. */
export interface PolledChannel {
  live: boolean;
  streamId?: string;
  title?: string;
  gameId?: string;
  gameName?: string;
  startedAt?: string;
}

/**
 * The favorites as the last successful poll saw them, so the next one can tell what changed
 * (went live, went offline, new title or category). Channels not yet seen are absent.
 */
export interface PollSnapshot {
  userId: string;
  /** Epoch ms of that poll. */
  at: number;
  channels: Record<string, PolledChannel>;
}

export const pollSnapshot = storage.defineItem<PollSnapshot | null>('local:pollSnapshot', {
  fallback: null,
});

export type GoLiveMode = 'all' | 'favorites' | 'off';

export interface FollowNotificationSettings {
  /** Which followed channels notify when they go live. */
  goLive: GoLiveMode;
  /** Channel ids that never notify a go-live. */
  muted: string[];
  /** A stream that starts again within this many minutes of the last one is not a new go-live. */
  cooldownMinutes: number;
}

export const DEFAULT_FOLLOW_NOTIFICATIONS: FollowNotificationSettings = {
  goLive: 'all',
  muted: [],
  cooldownMinutes: 10,
};

/** The longest restart cooldown the options page offers, in minutes. */
export const MAX_COOLDOWN_MINUTES = 120;

/** Followed channels muted at most: well above what anyone follows and mutes. */
export const MAX_MUTED_FOLLOWS = 5_000;

export const followNotificationSettings = userSetting<FollowNotificationSettings>(
  'followNotifications',
  DEFAULT_FOLLOW_NOTIFICATIONS,
  z.looseObject({
    goLive: z.enum(['all', 'favorites', 'off']),
    muted: idList(MAX_MUTED_FOLLOWS),
    cooldownMinutes: z.int().check(z.gte(0), z.lte(MAX_COOLDOWN_MINUTES)),
  }),
);

/** What the toolbar badge counts. */
export type BadgeMode = 'unseen' | 'live' | 'forYou' | 'off';

export const badgeMode = userSetting<BadgeMode>(
  'badgeMode',
  'unseen',
  z.enum(['unseen', 'live', 'forYou', 'off']),
);

/** How often the live channels are polled. One minute; tests store a shorter one. */
export const LIVE_POLL_MS = 60_000;

export const livePollIntervalMs = storage.defineItem<number>('local:livePollIntervalMs', {
  fallback: LIVE_POLL_MS,
});

/**
 * What the go-live decisions remember between polls (kept across restarts of the background):
 * streams already announced, and when each channel was last seen live.
 */
export interface GoLiveMemory {
  /** Stream ids already announced (by a poll or by EventSub), newest last. */
  announced: string[];
  /** Per channel id: its last seen stream and when it was last seen live (epoch ms). */
  lastLive: Record<string, { streamId: string; at: number }>;
}

export const goLiveMemory = storage.defineItem<GoLiveMemory>('local:goLiveMemory', {
  fallback: { announced: [], lastLive: {} },
});

/**
 * When "What did I miss" was last left (epoch ms; null: never opened). Its time range starts
 * there by default.
 */
export const historyLastVisit = storage.defineItem<number | null>('local:historyLastVisit', {
  fallback: null,
});
/** Lines of a highlight list: bounded in number and length. */
const highlightList = z
  .array(z.string().check(z.maxLength(MAX_HIGHLIGHT_LINE_LENGTH)))
  .check(z.maxLength(MAX_HIGHLIGHT_LINES));

/** Highlight words: one word or phrase per line (whole words, any case), or a `/regex/`. */
export const highlightWords = userSetting<string[]>('highlightWords', [], highlightList);

/** Highlight users: logins whose every line is "for you". */
export const highlightUsers = userSetting<string[]>('highlightUsers', [], highlightList);

/** A notification for each mention, reply and whisper. */
export const notifyMentions = userSetting<boolean>('notifyMentions', true, z.boolean());

/** A notification for each line matching a highlight word or from a highlight user. */
export const notifyHighlights = userSetting<boolean>('notifyHighlights', true, z.boolean());

/** Mentions, replies and whispers are shown during quiet hours and a snooze. */
export const mentionsThroughQuiet = userSetting<boolean>(
  'mentionsThroughQuiet',
  false,
  z.boolean(),
);

/**
 * Whether the chat and events recorded before the search index existed have been indexed
 * (`lib/search/backfill.ts`); until then the background indexes them after it starts.
 */
export const searchIndexComplete = storage.defineItem<boolean>('local:searchIndexComplete', {
  fallback: false,
});
