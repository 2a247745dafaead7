/** EventSub's data: sessions, subscriptions, sent messages, limits, close codes, and their JSON. */
import type { WebSocket } from 'ws';

export const MAX_TOTAL_COST = 10;
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 300;
export const MAX_CONNECTIONS_PER_USER = 3;

export const CLOSE_REASONS: Record<number, string> = {
  4000: 'internal server error',
  4001: 'sent inbound traffic',
  4002: 'failed ping pong',
  4003: 'connection unused',
  4004: 'reconnect grace time expired',
  4005: 'network timeout',
  4006: 'network error',
  4007: 'invalid reconnect',
};

export type SubscriptionStatus =
  | 'enabled'
  | 'websocket_disconnected'
  | 'authorization_revoked'
  | 'user_removed'
  | 'version_removed';

export interface Subscription {
  id: string;
  type: string;
  version: string;
  condition: Record<string, string>;
  status: SubscriptionStatus;
  cost: number;
  createdAt: string;
  sessionId: string;
  connectedAt: string;
  disconnectedAt: string | null;
  userId: string;
  clientId: string;
}

export type SessionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface Session {
  id: string;
  ws: WebSocket;
  /** Host header the client connected with (used for the reconnect URL). */
  host: string;
  state: SessionState;
  userId: string | null;
  clientId: string | null;
  keepaliveSeconds: number;
  connectedAt: string;
  lastSentAt: number;
  subs: Set<string>;
  everSubscribed: boolean;
  stalled: boolean;
  /**
   * The connection died without a close (a NAT or Wi-Fi drop): Twitch still holds the socket and
   * its subscriptions, but nothing it writes arrives, keepalives included.
   */
  silent: boolean;
  closeCode: number | null;
  closeReason: string | null;
  closedAt: string | null;
  reconnectToken: string | null;
  reconnectUrl: string | null;
  replacedBy: string | null;
  replaces: string | null;
  timers: NodeJS.Timeout[];
  sent: number;
}

export interface SentRecord {
  messageId: string;
  messageType: string;
  type: string | null;
  version: string | null;
  subscriptionId: string | null;
  sessionId: string;
  userId: string | null;
  timestamp: string;
  at: number;
  frame: string;
  /**
   * The socket was torn down (cut) before this frame left it: it never reached the client. Twitch
   * does not know either, and does not send it again.
   */
  undelivered?: true;
}

export interface EventSubOptions {
  /** Grace period after session_reconnect before the old socket is closed with 4004. */
  reconnectGraceMs: number;
  /** How long a fresh connection may stay without a subscription before 4003 (default: its keepalive timeout). */
  unusedTimeoutMs: number | null;
  /**
   * How the server ends the superseded socket once its replacement is welcomed (Twitch's docs do
   * not say): `close` with `supersededCloseCode`, `cut` (an abrupt TCP reset, no close frame), or
   * `never` (left to the client).
   */
  supersededEnd: SupersededEnd;
  /** The close code of `supersededEnd: 'close'` (Twitch's own is 4004). */
  supersededCloseCode: number;
  /** Delay between the welcome on a reconnected socket and ending the old one (0: at once). */
  reconnectCloseDelayMs: number;
}

export const SUPERSEDED_ENDS = ['close', 'cut', 'never'] as const;
export type SupersededEnd = (typeof SUPERSEDED_ENDS)[number];

/** A subscription as Helix answers it (Create, Get Subscriptions). */
export function subscriptionJson(sub: Subscription): Record<string, unknown> {
  return {
    id: sub.id,
    status: sub.status,
    type: sub.type,
    version: sub.version,
    condition: sub.condition,
    created_at: sub.createdAt,
    transport:
      sub.status === 'enabled'
        ? { method: 'websocket', session_id: sub.sessionId, connected_at: sub.connectedAt }
        : {
            method: 'websocket',
            session_id: sub.sessionId,
            connected_at: sub.connectedAt,
            disconnected_at: sub.disconnectedAt ?? sub.connectedAt,
          },
    cost: sub.cost,
  };
}

/** The subscription object notifications and revocations carry. */
export function notificationSubscription(sub: Subscription): Record<string, unknown> {
  return {
    id: sub.id,
    status: sub.status,
    type: sub.type,
    version: sub.version,
    cost: sub.cost,
    condition: sub.condition,
    transport: { method: 'websocket', session_id: sub.sessionId },
    created_at: sub.createdAt,
  };
}

export function sameCondition(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => a[k] === b[k]);
}

export function parseKeepalive(value: string | null): number {
  if (value === null || value.trim() === '') return 10;
  const n = Number(value);
  if (!Number.isFinite(n)) return 10;
  return Math.min(600, Math.max(10, Math.round(n)));
}
