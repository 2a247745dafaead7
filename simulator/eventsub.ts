/** EventSub over WebSocket: sockets, welcomes, keepalives, delivery, reconnects and revocations. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { nanoTimestamp, randomToken, sessionId, uuid } from './ids.js';
import { pushCapped } from './objects.js';
import {
  CLOSE_REASONS,
  notificationSubscription,
  parseKeepalive,
  type EventSubOptions,
  type SentRecord,
  type Session,
  type Subscription,
  type SubscriptionStatus,
} from './eventsub/model.js';
import type { World } from './world.js';

export {
  CLOSE_REASONS,
  MAX_CONNECTIONS_PER_USER,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  MAX_TOTAL_COST,
  SUPERSEDED_ENDS,
  parseKeepalive,
  subscriptionJson,
} from './eventsub/model.js';
export type {
  EventSubOptions,
  SentRecord,
  Session,
  SessionState,
  Subscription,
  SubscriptionStatus,
  SupersededEnd,
} from './eventsub/model.js';

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
      silent: false,
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

  /**
   * Write a raw frame to a session's socket. `onUndelivered` runs when the socket is torn down
   * before the frame left it (a cut right after the write).
   */
  sendRaw(session: Session, frame: string, onUndelivered?: () => void): boolean {
    if (session.ws.readyState !== WebSocket.OPEN) return false;
    // Written into a dead connection: it never arrives, and is not counted as delivered.
    if (session.silent) return false;
    session.ws.send(frame, (error) => {
      if (error) onUndelivered?.();
    });
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
    if (!this.sendRaw(session, frame, () => (rec.undelivered = true))) return undefined;
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

  /** Deliver an event to one subscription. */
  notify(sub: Subscription, event: unknown): SentRecord | undefined {
    const session = this.sessions.get(sub.sessionId);
    if (!session || sub.status !== 'enabled') return undefined;
    return this.send(
      session,
      'notification',
      { subscription: notificationSubscription(sub), event },
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
      rec = this.send(session, 'revocation', { subscription: notificationSubscription(sub) }, sub);
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
      silent: s.silent,
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
