/**
 * What the listener is told and what it reports, shared by the listener, its host, the message
 * protocol, the background and the views, without any of them importing the listener itself.
 *
 * The listener reports facts — states, codes, numbers, Twitch's own names — never words: in
 * Chrome it runs in a worker, where there is no i18n API. The views word the facts
 * (`lib/wording/listener.ts`).
 */
import type { StoredEvent } from './db/database';
import type { ForYouReport } from './db/for-you';
import type { ForYouRules } from './for-you/match';
import type { Role } from './twitch/catalog';

/** A favorite to listen to, with what the user is in it. */
export interface ListenerChannel {
  id: string;
  login: string;
  role: Role;
}

export interface ListenerConfig {
  clientId: string;
  accessToken: string;
  scopes: string[];
  userId: string;
  /** The favorites, in order: the first has the highest priority for the cost budget. */
  channels: ListenerChannel[];
  /** What makes a line "for you" (the user's name, highlight words and users); none: nothing. */
  forYou?: ForYouRules;
}

export type ConnectionState =
  | 'not_configured'
  | 'signed_out'
  | 'no_favorite'
  | 'starting'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'error';

/** Why the listener is in its state: a fact for the views to word. */
export type StatusDetail =
  /** The socket was lost; `cause` is the error's own text, when there is one. */
  | { code: 'connectionLost'; cause?: string }
  /** The socket `session_reconnect` asked for failed before its welcome: connecting afresh. */
  | { code: 'reconnectFailed'; cause?: string }
  | { code: 'noClientId' }
  | { code: 'signInToListen' }
  | { code: 'chooseToListen' }
  /** The listener host did not start; `cause` is the error's text. */
  | { code: 'couldNotStart'; cause: string };

/** Why a subscription is not active: a fact for the views to word. */
export type SubscriptionReason =
  /** Over Twitch's cost budget: the minute poll covers it instead. */
  | { code: 'polled' }
  /** The sign-in did not grant its scope. */
  | { code: 'needsScope' }
  /** Only a moderator of the channel may receive it. */
  | { code: 'needsModerator' }
  /** Only the broadcaster may receive it. */
  | { code: 'broadcasterOnly' }
  /** Twitch answered the request with this HTTP status (and, for an unusual one, its words). */
  | { code: 'http'; status: number; message?: string }
  /** Twitch revoked it; `status` is Twitch's (`version_removed`, …). */
  | { code: 'revoked'; status: string }
  /** Anything else; `message` is the error's own text, when there is one. */
  | { code: 'failed'; message?: string };

export interface SubscriptionStatus {
  /** Catalog id. */
  id: string;
  /** The channel it is for (one status per favorite and type). */
  channelId: string;
  /** `polled`: left out of Twitch's cost budget, so the minute poll covers it instead. */
  status: 'pending' | 'active' | 'refused' | 'revoked' | 'polled';
  reason?: SubscriptionReason;
}

export interface ListenerStatus {
  state: ConnectionState;
  detail?: StatusDetail;
  /** Epoch ms of the next reconnect attempt, while reconnecting. */
  nextAttemptAt?: number;
  /** Epoch ms of the last frame from Twitch (notification or keepalive). */
  lastMessageAt?: number;
  /** Every favorite listened to, in order. */
  channelIds?: string[];
  subscriptions: SubscriptionStatus[];
  /**
   * Twitch's cost budget: its `max_total_cost`, what this user's other subscriptions spend, and
   * what ours cost (active or asked for).
   */
  budget?: { max: number; elsewhere: number; cost: number };
  updatedAt: number;
}

/** Why Twitch ended the session, as the listener heard it. */
export type SessionEndReason =
  /** Twitch answered 401 to a subscription request. */
  | 'refused'
  /** Twitch revoked the user's authorization. */
  | 'revoked';

/** Everything the listener reports, one event at a time, across every hop to the background. */
export type ListenerEvent =
  | { kind: 'status'; status: ListenerStatus }
  /**
   * Events newly committed, and how many chat lines the same write stored (the listener host
   * counts them for retention; past the host, only events travel).
   */
  | { kind: 'recorded'; events: StoredEvent[]; chatCount?: number; forYou?: ForYouReport }
  /** Twitch said the token is no longer valid (401, or access revoked). */
  | { kind: 'sessionEnded'; reason: SessionEndReason };

/** Where the listener's events go. */
export type ListenerSink = (event: ListenerEvent) => void;

// Reading a stored status: by hand rather than with zod, which the pages do not load otherwise.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const number = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const STATES: readonly string[] = [
  'not_configured',
  'signed_out',
  'no_favorite',
  'starting',
  'connecting',
  'connected',
  'reconnecting',
  'error',
] satisfies ConnectionState[];
const SUBSCRIPTION_STATES: readonly string[] = [
  'pending',
  'active',
  'refused',
  'revoked',
  'polled',
] satisfies SubscriptionStatus['status'][];

function parseDetail(value: unknown): StatusDetail | undefined {
  if (!isObject(value)) return undefined;
  const cause = text(value.cause);
  switch (value.code) {
    case 'connectionLost':
    case 'reconnectFailed':
      return cause ? { code: value.code, cause } : { code: value.code };
    case 'noClientId':
    case 'signInToListen':
    case 'chooseToListen':
      return { code: value.code };
    case 'couldNotStart':
      return cause === undefined ? undefined : { code: value.code, cause };
  }
  return undefined;
}

function parseReason(value: unknown): SubscriptionReason | undefined {
  if (!isObject(value)) return undefined;
  const message = text(value.message);
  switch (value.code) {
    case 'polled':
    case 'needsScope':
    case 'needsModerator':
    case 'broadcasterOnly':
      return { code: value.code };
    case 'http': {
      const status = number(value.status);
      if (status === undefined) return undefined;
      return message ? { code: 'http', status, message } : { code: 'http', status };
    }
    case 'revoked': {
      const status = text(value.status);
      return status === undefined ? undefined : { code: 'revoked', status };
    }
    case 'failed':
      return message ? { code: 'failed', message } : { code: 'failed' };
  }
  return undefined;
}

function parseSubscription(value: unknown): SubscriptionStatus | undefined {
  if (!isObject(value) || typeof value.id !== 'string') return undefined;
  const status = text(value.status);
  if (!status || !SUBSCRIPTION_STATES.includes(status)) return undefined;
  const reason = parseReason(value.reason);
  return {
    id: value.id,
    channelId: text(value.channelId) ?? '',
    status: status as SubscriptionStatus['status'],
    ...(reason ? { reason } : {}),
  };
}

function parseBudget(value: unknown): ListenerStatus['budget'] {
  if (!isObject(value)) return undefined;
  const [max, elsewhere, cost] = [number(value.max), number(value.elsewhere), number(value.cost)];
  return max === undefined || elsewhere === undefined || cost === undefined
    ? undefined
    : { max, elsewhere, cost };
}

/**
 * A stored listener status, as this version reads it. What an older version stored (words
 * instead of facts, a label per subscription, encoded message references) is left out where it
 * does not fit: a detail or reason that is not a fact is dropped, and a status that is not one
 * at all reads as signed out.
 */
export function parseListenerStatus(value: unknown): ListenerStatus {
  if (!isObject(value) || !STATES.includes(text(value.state) ?? ''))
    return { state: 'signed_out', subscriptions: [], updatedAt: 0 };
  const status: ListenerStatus = {
    state: value.state as ConnectionState,
    subscriptions: Array.isArray(value.subscriptions)
      ? value.subscriptions.flatMap((item) => parseSubscription(item) ?? [])
      : [],
    updatedAt: number(value.updatedAt) ?? 0,
  };
  const detail = parseDetail(value.detail);
  if (detail) status.detail = detail;
  const nextAttemptAt = number(value.nextAttemptAt);
  if (nextAttemptAt !== undefined) status.nextAttemptAt = nextAttemptAt;
  const lastMessageAt = number(value.lastMessageAt);
  if (lastMessageAt !== undefined) status.lastMessageAt = lastMessageAt;
  if (Array.isArray(value.channelIds))
    status.channelIds = value.channelIds.filter((id): id is string => typeof id === 'string');
  const budget = parseBudget(value.budget);
  if (budget) status.budget = budget;
  return status;
}
