/** EventSub over WebSocket: sessions, subscriptions, delivery, reconnects and revocations. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CONDITION_USER_KEYS, findEntry, isKnownType, scopesAllow, userKey } from './catalog.js';
import type { TokenRecord } from './tokens.js';
import { HttpError } from './http.js';
import { clampInt, paginate } from './helix/paging.js';
import { isPlainObject, pushCapped } from './objects.js';
import { nanoTimestamp, randomToken, sessionId, uuid } from './ids.js';
import type { World } from './world.js';

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

export interface CreateResult {
  status: number;
  body: unknown;
}

const err = (status: number, message: string): HttpError =>
  new HttpError(
    status,
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      409: 'Conflict',
      429: 'Too Many Requests',
    }[status] ?? 'Error',
    message,
  );

export class EventSub {
  readonly sessions = new Map<string, Session>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly sent: SentRecord[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tick: NodeJS.Timeout;
  options: EventSubOptions = {
    reconnectGraceMs: 30_000,
    unusedTimeoutMs: null,
    supersededEnd: 'close',
    supersededCloseCode: 1000,
    reconnectCloseDelayMs: 1000,
  };
  /** Stall keepalives on every socket (including future ones). */
  stallAll = false;
  sentLimit = 20_000;

  constructor(
    private readonly world: World,
    private readonly log: (msg: string) => void,
  ) {
    this.tick = setInterval(() => this.keepaliveTick(), 250);
    this.tick.unref();
  }

  close(): void {
    clearInterval(this.tick);
    for (const s of this.sessions.values()) {
      this.clearTimers(s);
      if (s.ws.readyState === WebSocket.OPEN || s.ws.readyState === WebSocket.CONNECTING)
        s.ws.terminate();
    }
    this.wss.close();
  }

  // ---------------------------------------------------------------- connections

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'https://eventsub.wss.twitch.tv');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req, url));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage, url: URL): void {
    const host = req.headers.host ?? 'eventsub.wss.twitch.tv';
    const reconnectToken = url.searchParams.get('reconnect');
    const session: Session = {
      id: sessionId(),
      ws,
      host,
      state: 'connecting',
      userId: null,
      clientId: null,
      keepaliveSeconds: parseKeepalive(url.searchParams.get('keepalive_timeout_seconds')),
      connectedAt: nanoTimestamp(),
      lastSentAt: Date.now(),
      subs: new Set(),
      everSubscribed: false,
      stalled: this.stallAll,
      closeCode: null,
      closeReason: null,
      closedAt: null,
      reconnectToken: null,
      reconnectUrl: null,
      replacedBy: null,
      replaces: null,
      timers: [],
      sent: 0,
    };
    this.sessions.set(session.id, session);
    ws.on('message', () => this.closeSession(session, 4001));
    ws.on('close', (code, reason) => this.onClosed(session, code, reason.toString()));
    ws.on('error', () => undefined);

    if (reconnectToken !== null) {
      const old = [...this.sessions.values()].find(
        (s) =>
          s.reconnectToken === reconnectToken &&
          s.state === 'reconnecting' &&
          s.replacedBy === null,
      );
      if (!old) {
        this.closeSession(session, 4007);
        return;
      }
      this.completeReconnect(old, session);
      return;
    }
    this.sendWelcome(session);
    const unusedMs = this.options.unusedTimeoutMs ?? session.keepaliveSeconds * 1000;
    session.timers.push(
      setTimeout(() => {
        if (!session.everSubscribed && session.state === 'connected')
          this.closeSession(session, 4003);
      }, unusedMs),
    );
  }

  private sendWelcome(session: Session): void {
    session.state = 'connected';
    this.send(session, 'session_welcome', {
      session: {
        id: session.id,
        status: 'connected',
        connected_at: session.connectedAt,
        keepalive_timeout_seconds: session.keepaliveSeconds,
        reconnect_url: null,
        recovery_url: null,
      },
    });
  }

  private completeReconnect(old: Session, fresh: Session): void {
    old.replacedBy = fresh.id;
    fresh.replaces = old.id;
    fresh.keepaliveSeconds = old.keepaliveSeconds;
    fresh.userId = old.userId;
    fresh.clientId = old.clientId;
    fresh.everSubscribed = true;
    fresh.stalled = old.stalled;
    for (const id of old.subs) {
      const sub = this.subscriptions.get(id);
      if (!sub) continue;
      sub.sessionId = fresh.id;
      sub.connectedAt = fresh.connectedAt;
      fresh.subs.add(id);
    }
    old.subs.clear();
    this.clearTimers(old);
    this.sendWelcome(fresh);
    this.log(
      `eventsub: session ${old.id} reconnected as ${fresh.id} (${fresh.subs.size} subscriptions)`,
    );
    this.endSuperseded(old);
  }

  /** Ends the superseded socket as `supersededEnd` says, `reconnectCloseDelayMs` after the welcome. */
  private endSuperseded(old: Session): void {
    const { supersededEnd, supersededCloseCode, reconnectCloseDelayMs } = this.options;
    if (supersededEnd === 'never') return;
    const end = (): void => {
      if (supersededEnd === 'close') {
        this.closeSession(old, supersededCloseCode, 'client reconnected');
        return;
      }
      // The connection is torn down with no close frame: the client sees 1006.
      this.closeSession(old, 1006, 'connection cut', true);
    };
    if (reconnectCloseDelayMs === 0) end();
    else old.timers.push(setTimeout(end, reconnectCloseDelayMs));
  }

  private onClosed(session: Session, code: number, reason: string): void {
    if (session.closeCode === null) {
      session.closeCode = code;
      session.closeReason = reason;
    }
    session.state = 'closed';
    session.closedAt = new Date().toISOString();
    this.clearTimers(session);
    for (const id of session.subs) {
      const sub = this.subscriptions.get(id);
      if (sub && sub.status === 'enabled') {
        sub.status = 'websocket_disconnected';
        sub.disconnectedAt = new Date().toISOString();
      }
    }
    session.subs.clear();
  }

  private clearTimers(session: Session): void {
    for (const t of session.timers) clearTimeout(t);
    session.timers = [];
  }

  /** Close a socket with a close code (its subscriptions become disabled). */
  closeSession(session: Session, code: number, reason?: string, terminate = false): void {
    if (session.state === 'closed') return;
    session.closeCode = code;
    session.closeReason = reason ?? CLOSE_REASONS[code] ?? '';
    const ws = session.ws;
    if (terminate) {
      ws.terminate();
    } else if (ws.readyState === WebSocket.OPEN) {
      ws.close(code, session.closeReason);
      // A client that never answers the close frame is cut off.
      const t = setTimeout(() => ws.terminate(), 2000);
      t.unref();
    } else {
      ws.terminate();
    }
    this.onClosed(session, code, session.closeReason);
  }

  // ---------------------------------------------------------------- sending

  private recordSent(rec: SentRecord): void {
    pushCapped(this.sent, rec, this.sentLimit);
  }

  /** Write a raw frame to a session's socket. */
  sendRaw(session: Session, frame: string): boolean {
    if (session.ws.readyState !== WebSocket.OPEN) return false;
    session.ws.send(frame);
    session.lastSentAt = Date.now();
    session.sent++;
    return true;
  }

  private send(
    session: Session,
    messageType: string,
    payload: unknown,
    sub?: Subscription,
  ): SentRecord | undefined {
    const metadata: Record<string, string> = {
      message_id: uuid(),
      message_type: messageType,
      message_timestamp: nanoTimestamp(),
    };
    if (sub) {
      metadata.subscription_type = sub.type;
      metadata.subscription_version = sub.version;
    }
    const frame = JSON.stringify({ metadata, payload });
    if (!this.sendRaw(session, frame)) return undefined;
    const rec: SentRecord = {
      messageId: metadata.message_id ?? '',
      messageType,
      type: sub?.type ?? null,
      version: sub?.version ?? null,
      subscriptionId: sub?.id ?? null,
      sessionId: session.id,
      userId: session.userId,
      timestamp: metadata.message_timestamp ?? '',
      at: Date.now(),
      frame,
    };
    if (messageType !== 'session_keepalive') this.recordSent(rec);
    return rec;
  }

  private keepaliveTick(): void {
    const now = Date.now();
    for (const s of this.sessions.values()) {
      if (s.state !== 'connected' && s.state !== 'reconnecting') continue;
      if (s.stalled || this.stallAll) continue;
      const threshold = Math.max(1000, s.keepaliveSeconds * 1000 - 1500);
      if (now - s.lastSentAt >= threshold) this.send(s, 'session_keepalive', {});
    }
  }

  subscriptionJson(sub: Subscription): Record<string, unknown> {
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

  /** Payload subscription object as notifications carry it. */
  private notificationSubscription(sub: Subscription): Record<string, unknown> {
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

  /** Deliver an event to one subscription. */
  notify(sub: Subscription, event: unknown): SentRecord | undefined {
    const session = this.sessions.get(sub.sessionId);
    if (!session || sub.status !== 'enabled') return undefined;
    return this.send(
      session,
      'notification',
      { subscription: this.notificationSubscription(sub), event },
      sub,
    );
  }

  /** Send a revocation for the subscription (once) and remove it. */
  revoke(sub: Subscription, status: SubscriptionStatus): SentRecord | undefined {
    const session = this.sessions.get(sub.sessionId);
    const wasEnabled = sub.status === 'enabled';
    sub.status = status;
    let rec: SentRecord | undefined;
    if (session && wasEnabled) {
      rec = this.send(
        session,
        'revocation',
        { subscription: this.notificationSubscription(sub) },
        sub,
      );
      session.subs.delete(sub.id);
    }
    this.subscriptions.delete(sub.id);
    return rec;
  }

  /** Re-send an earlier frame verbatim (same message_id), to the socket now holding its subscription. */
  resend(messageId?: string): SentRecord | undefined {
    const candidates = this.sent.filter((r) => r.messageType === 'notification');
    const rec = messageId
      ? candidates.find((r) => r.messageId === messageId)
      : candidates[candidates.length - 1];
    if (!rec) return undefined;
    const sub = rec.subscriptionId ? this.subscriptions.get(rec.subscriptionId) : undefined;
    const session = this.sessions.get(sub?.sessionId ?? rec.sessionId);
    if (!session || !this.sendRaw(session, rec.frame)) return undefined;
    return rec;
  }

  /** Ask sessions to reconnect. */
  requestReconnect(sessions: Session[], graceMs?: number): Session[] {
    const grace = graceMs ?? this.options.reconnectGraceMs;
    const done: Session[] = [];
    for (const s of sessions) {
      if (s.state !== 'connected') continue;
      s.state = 'reconnecting';
      s.reconnectToken = randomToken(24);
      const params = new URLSearchParams({ reconnect: s.reconnectToken });
      s.reconnectUrl = `wss://${s.host}/ws?${params.toString()}`;
      this.send(s, 'session_reconnect', {
        session: {
          id: s.id,
          status: 'reconnecting',
          keepalive_timeout_seconds: null,
          reconnect_url: s.reconnectUrl,
          connected_at: s.connectedAt,
          recovery_url: null,
        },
      });
      s.timers.push(
        setTimeout(() => {
          if (s.replacedBy === null) this.closeSession(s, 4004);
        }, grace),
      );
      done.push(s);
    }
    return done;
  }

  // ---------------------------------------------------------------- subscriptions API

  private enabledFor(userId: string, clientId: string): Subscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.userId === userId && s.clientId === clientId && s.status === 'enabled',
    );
  }

  totals(
    userId: string,
    clientId: string,
  ): { total: number; total_cost: number; max_total_cost: number } {
    const mine = [...this.subscriptions.values()].filter(
      (s) => s.userId === userId && s.clientId === clientId,
    );
    return {
      total: mine.length,
      total_cost: mine.filter((s) => s.status === 'enabled').reduce((n, s) => n + s.cost, 0),
      max_total_cost: MAX_TOTAL_COST,
    };
  }

  create(token: TokenRecord, body: unknown): CreateResult {
    if (!isPlainObject(body)) throw err(400, 'request body must be a JSON object');
    const { type, version, condition, transport } = body;
    if (typeof type !== 'string' || type === '')
      throw err(400, 'The parameter "type" was malformed: the value must be a non-empty string');
    if (typeof version !== 'string' || version === '')
      throw err(400, 'The parameter "version" was malformed: the value must be a non-empty string');
    if (!isPlainObject(condition))
      throw err(400, 'The parameter "condition" was malformed: the value must be an object');
    if (!isPlainObject(transport))
      throw err(400, 'The parameter "transport" was malformed: the value must be an object');
    if (transport.method !== 'websocket') {
      throw err(
        400,
        transport.method === 'webhook' || transport.method === 'conduit'
          ? 'only the websocket transport is available to user access tokens here'
          : 'The parameter "transport.method" was malformed',
      );
    }
    if (typeof transport.session_id !== 'string' || transport.session_id === '') {
      throw err(
        400,
        'The parameter "transport.session_id" was malformed: the value must be a non-empty string',
      );
    }
    const session = this.sessions.get(transport.session_id);
    if (!session || (session.state !== 'connected' && session.state !== 'reconnecting')) {
      throw err(400, 'websocket transport session does not exist or has already disconnected');
    }
    if (
      session.userId !== null &&
      (session.userId !== token.userId || session.clientId !== token.clientId)
    ) {
      throw err(400, 'websocket transport session belongs to another user');
    }

    const entry = findEntry(type, version);
    if (!entry) {
      throw err(
        400,
        isKnownType(type) ? 'unsupported subscription version' : 'unsupported subscription type',
      );
    }
    // Condition: exact key set, non-empty string values.
    const cond: Record<string, string> = {};
    for (const [k, v] of Object.entries(condition)) {
      if (typeof v !== 'string' || v === '')
        throw err(400, `invalid condition: ${k} must be a non-empty string`);
      cond[k] = v;
    }
    const keys = Object.keys(cond);
    const required = [...entry.condition];
    if (entry.oneOf) {
      const present = entry.oneOf.filter((k) => k in cond);
      if (present.length !== 1)
        throw err(400, `invalid condition: exactly one of ${entry.oneOf.join(', ')} is required`);
      required.push(present[0] ?? '');
    }
    const missing = required.filter((k) => !(k in cond));
    const extra = keys.filter((k) => !required.includes(k));
    if (missing.length) throw err(400, `invalid condition: missing ${missing.join(', ')}`);
    if (extra.length) throw err(400, `invalid condition: unexpected ${extra.join(', ')}`);
    for (const k of keys) {
      if (!/^\d{1,20}$/.test(cond[k] ?? ''))
        throw err(400, `invalid condition: ${k} must be a user id`);
    }

    // Authorisation: scope and role.
    if (!scopesAllow(entry, token.scopes))
      throw err(403, 'subscription missing proper authorization');
    const uk = userKey(entry);
    if (uk && cond[uk] !== token.userId)
      throw err(403, 'subscription missing proper authorization');
    if (entry.audience === 'moderator') {
      const channelId = cond[entry.channelKey] ?? '';
      if (channelId !== token.userId && !this.world.isModerator(token.userId, channelId)) {
        throw err(403, 'subscription missing proper authorization');
      }
    }

    // Duplicates among the user's enabled subscriptions.
    const mine = this.enabledFor(token.userId, token.clientId);
    const same = mine.find(
      (s) => s.type === type && s.version === version && sameCondition(s.condition, cond),
    );
    if (same) throw err(409, 'subscription already exists');

    // Limits.
    const cost = CONDITION_USER_KEYS.some((k) => cond[k] === token.userId) ? 0 : 1;
    const totalCost = mine.reduce((n, s) => n + s.cost, 0);
    if (totalCost + cost > MAX_TOTAL_COST)
      throw err(429, 'number of websocket transports limit exceeded');
    if (session.subs.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
      throw err(429, 'number of websocket transports limit exceeded');
    if (session.subs.size === 0) {
      const live = new Set(mine.map((s) => s.sessionId));
      live.delete(session.id);
      if (live.size >= MAX_CONNECTIONS_PER_USER)
        throw err(429, 'number of websocket transports limit exceeded');
    }

    session.userId = token.userId;
    session.clientId = token.clientId;
    session.everSubscribed = true;
    const sub: Subscription = {
      id: uuid(),
      type,
      version,
      condition: cond,
      status: 'enabled',
      cost,
      createdAt: nanoTimestamp(),
      sessionId: session.id,
      connectedAt: session.connectedAt,
      disconnectedAt: null,
      userId: token.userId,
      clientId: token.clientId,
    };
    this.subscriptions.set(sub.id, sub);
    session.subs.add(sub.id);
    return {
      status: 202,
      body: { data: [this.subscriptionJson(sub)], ...this.totals(token.userId, token.clientId) },
    };
  }

  list(token: TokenRecord, query: URLSearchParams): CreateResult {
    const status = query.get('status');
    const type = query.get('type');
    const userId = query.get('user_id');
    const filters = [status, type, userId].filter((f) => f !== null);
    if (filters.length > 1)
      throw err(400, 'only one filter (status, type or user_id) may be specified');
    let items = [...this.subscriptions.values()].filter(
      (s) => s.userId === token.userId && s.clientId === token.clientId,
    );
    if (status !== null) items = items.filter((s) => s.status === status);
    if (type !== null) items = items.filter((s) => s.type === type);
    if (userId !== null) items = items.filter((s) => Object.values(s.condition).includes(userId));
    const { page, pagination } = paginate(
      items,
      query.get('after'),
      clampInt(query.get('first'), 1, 100, 100),
    );
    return {
      status: 200,
      body: {
        data: page.map((s) => this.subscriptionJson(s)),
        ...this.totals(token.userId, token.clientId),
        pagination,
      },
    };
  }

  delete(token: TokenRecord, id: string | null): CreateResult {
    if (!id) throw err(400, 'Missing required parameter "id"');
    const sub = this.subscriptions.get(id);
    if (!sub || sub.clientId !== token.clientId || sub.userId !== token.userId)
      throw err(404, 'subscription not found');
    this.subscriptions.delete(id);
    this.sessions.get(sub.sessionId)?.subs.delete(id);
    return { status: 204, body: undefined };
  }

  // ---------------------------------------------------------------- inspection

  sessionJson(s: Session): Record<string, unknown> {
    return {
      id: s.id,
      state: s.state,
      userId: s.userId,
      login: s.userId ? (this.world.accountById(s.userId)?.login ?? null) : null,
      clientId: s.clientId,
      keepaliveSeconds: s.keepaliveSeconds,
      connectedAt: s.connectedAt,
      subscriptions: [...s.subs],
      stalled: s.stalled || this.stallAll,
      reconnectUrl: s.reconnectUrl,
      replacedBy: s.replacedBy,
      replaces: s.replaces,
      closeCode: s.closeCode,
      closeReason: s.closeReason,
      closedAt: s.closedAt,
      messagesSent: s.sent,
    };
  }
}

function sameCondition(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => a[k] === b[k]);
}

export function parseKeepalive(value: string | null): number {
  if (value === null || value.trim() === '') return 10;
  const n = Number(value);
  if (!Number.isFinite(n)) return 10;
  return Math.min(600, Math.max(10, Math.round(n)));
}
