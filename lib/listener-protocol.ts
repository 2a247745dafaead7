/**
 * What the listener is told and what it reports, shared by the listener, its host, the message
 * protocol, the background and the views, without any of them importing the listener itself.
 *
 * The listener reports facts — states, codes, numbers, Twitch's own names — never words: in
 * Chrome it runs in a worker, where there is no i18n API. The views word the facts
 * (`lib/wording/listener.ts`).
 */
import { z } from 'zod';
import type { StoredEvent } from './db/database';
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
  | { kind: 'recorded'; events: StoredEvent[]; chatCount?: number }
  /** Twitch said the token is no longer valid (401, or access revoked). */
  | { kind: 'sessionEnded'; reason: SessionEndReason };

/** Where the listener's events go. */
export type ListenerSink = (event: ListenerEvent) => void;

const statusDetail = z.discriminatedUnion('code', [
  z.object({ code: z.enum(['connectionLost', 'reconnectFailed']), cause: z.string().optional() }),
  z.object({ code: z.enum(['noClientId', 'signInToListen', 'chooseToListen']) }),
  z.object({ code: z.literal('couldNotStart'), cause: z.string() }),
]);

const subscriptionReason = z.discriminatedUnion('code', [
  z.object({ code: z.enum(['polled', 'needsScope', 'needsModerator', 'broadcasterOnly']) }),
  z.object({ code: z.literal('http'), status: z.number(), message: z.string().optional() }),
  z.object({ code: z.literal('revoked'), status: z.string() }),
  z.object({ code: z.literal('failed'), message: z.string().optional() }),
]);

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const subscriptionStatus = z.object({
  id: z.string(),
  channelId: z.string().catch(''),
  status: z.enum(['pending', 'active', 'refused', 'revoked', 'polled']),
  reason: optional(subscriptionReason),
});

const SIGNED_OUT: ListenerStatus = { state: 'signed_out', subscriptions: [], updatedAt: 0 };

const listenerStatusSchema = z.object({
  state: z.enum([
    'not_configured',
    'signed_out',
    'no_favorite',
    'starting',
    'connecting',
    'connected',
    'reconnecting',
    'error',
  ]),
  detail: optional(statusDetail),
  nextAttemptAt: optional(z.number()),
  lastMessageAt: optional(z.number()),
  channelIds: optional(z.array(z.string())),
  subscriptions: z
    .array(z.unknown())
    .catch([])
    .transform((list) =>
      list.flatMap((item) => {
        const parsed = subscriptionStatus.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  budget: optional(z.object({ max: z.number(), elsewhere: z.number(), cost: z.number() })),
  updatedAt: z.number().catch(0),
});

/**
 * A stored listener status, as this version reads it. What an older version stored (words
 * instead of facts, a label per subscription, encoded message references) is left out where it
 * does not fit: a detail or reason that is not a fact is dropped, and a status that is not one
 * at all reads as signed out.
 */
export function parseListenerStatus(value: unknown): ListenerStatus {
  const parsed = listenerStatusSchema.safeParse(value);
  return parsed.success ? (parsed.data as ListenerStatus) : SIGNED_OUT;
}
