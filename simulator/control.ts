/** The control surface: every operation tests, the CLI and the HTTP `/_sim/<op>` endpoint can perform. */
import type { Activity } from './activity.js';
import type { Core, TriggerResult } from './core.js';
import { GENERATORS } from './events/index.js';
import type { TriggerOptions } from './events/index.js';
import { CDN_FAULTS, type CdnFault } from './cdn.js';
import { CLOSE_REASONS, SUPERSEDED_ENDS, type SupersededEnd } from './eventsub.js';
import type { Session, SubscriptionStatus } from './eventsub.js';
import { DEMO_CLIENT_ID, findClient } from './tokens.js';
import { isPlainObject } from './objects.js';
import { nanoTimestamp, uuid } from './ids.js';
import { findGame } from './world.js';

export interface SessionFilter {
  sessionId?: string;
  /** Sessions of this user (login or id). */
  login?: string;
}

export type MalformedKind =
  'bad_json' | 'unknown_type' | 'wrong_shape' | 'missing_metadata' | 'not_object' | 'binary';
export const MALFORMED_KINDS: MalformedKind[] = [
  'bad_json',
  'unknown_type',
  'wrong_shape',
  'missing_metadata',
  'not_object',
  'binary',
];

interface Firehose {
  id: string;
  channel: string;
  rate: number;
  count: number | null;
  durationMs: number | null;
  startedAt: number;
  sent: number;
  timer: NodeJS.Timeout | null;
  done: Promise<void>;
  finish: () => void;
}

export interface FirehoseReport {
  id: string;
  channel: string;
  rate: number;
  sent: number;
  running: boolean;
  elapsedMs: number;
}

class ControlError extends Error {}

const fail = (message: string): never => {
  throw new ControlError(message);
};

export class SimulatorControl {
  private firehoseState: Firehose | null = null;

  constructor(
    private readonly core: Core,
    private readonly activity: Activity,
  ) {}

  // ------------------------------------------------------------------ events

  /** Generate an event of any catalogue type and deliver it to matching subscriptions. */
  trigger(opts: TriggerOptions): TriggerResult {
    if (!opts || typeof opts.type !== 'string') return fail('trigger needs a type');
    if (!GENERATORS[opts.type]) return fail(`unknown event type: ${opts.type}`);
    if (opts.overrides !== undefined && !isPlainObject(opts.overrides))
      return fail('overrides must be an object');
    return this.core.trigger(opts);
  }

  /** Set a channel live or offline (sends stream.online / stream.offline, and channel.update on changes). */
  setLive(opts: {
    channel?: string;
    live: boolean;
    title?: string;
    category?: string;
    viewers?: number;
  }): {
    live: boolean;
    delivered: TriggerResult['delivered'];
  } {
    const { account, channel } = this.core.world.channelFor(opts.channel ?? 'demo');
    const delivered: TriggerResult['delivered'] = [];
    if (opts.title !== undefined || opts.category !== undefined) {
      delivered.push(
        ...this.updateChannel({
          channel: account.login,
          title: opts.title,
          category: opts.category,
        }).delivered,
      );
    }
    if (opts.viewers !== undefined) channel.viewerCount = opts.viewers;
    if (Boolean(opts.live) !== channel.live) {
      channel.live = Boolean(opts.live);
      if (channel.live) {
        channel.streamId = String(Number(channel.streamId) + 1);
        channel.startedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
        if (opts.viewers === undefined) channel.viewerCount = 25;
        delivered.push(
          ...this.core.trigger({ type: 'stream.online', channel: account.id }).delivered,
        );
      } else {
        channel.startedAt = '';
        channel.viewerCount = 0;
        delivered.push(
          ...this.core.trigger({ type: 'stream.offline', channel: account.id }).delivered,
        );
      }
    }
    return { live: channel.live, delivered };
  }

  /** Change title and/or category (sends channel.update). */
  updateChannel(opts: { channel?: string; title?: string; category?: string }): {
    delivered: TriggerResult['delivered'];
  } {
    const { account, channel } = this.core.world.channelFor(opts.channel ?? 'demo');
    let changed = false;
    if (opts.title !== undefined && opts.title !== channel.title) {
      channel.title = String(opts.title).slice(0, 140);
      changed = true;
    }
    if (opts.category !== undefined) {
      const game = findGame(String(opts.category));
      if (game.id !== channel.game.id) {
        channel.game = game;
        changed = true;
      }
    }
    return {
      delivered: changed
        ? this.core.trigger({ type: 'channel.update', channel: account.id }).delivered
        : [],
    };
  }

  // ------------------------------------------------------------------ firehose

  /** Chat firehose: `rate` messages per second for `durationMs` and/or `count` messages. */
  async firehose(opts: {
    channel?: string;
    rate: number;
    durationMs?: number;
    count?: number;
    /** Resolve only when it has finished. */
    wait?: boolean;
  }): Promise<FirehoseReport> {
    const rate = Number(opts.rate);
    if (!Number.isFinite(rate) || rate <= 0 || rate > 100_000)
      return fail('rate must be between 1 and 100000 per second');
    if (opts.count === undefined && opts.durationMs === undefined)
      return fail('firehose needs count or durationMs');
    const channel = this.core.world.channelFor(opts.channel ?? 'demo').account.login;
    if (this.firehoseState) this.firehoseStop();
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const f: Firehose = {
      id: uuid(),
      channel,
      rate,
      count: opts.count !== undefined ? Math.max(0, Math.floor(opts.count)) : null,
      durationMs: opts.durationMs !== undefined ? Math.max(0, opts.durationMs) : null,
      startedAt: performance.now(),
      sent: 0,
      timer: null,
      done,
      finish,
    };
    this.firehoseState = f;
    const tick = (): void => {
      const elapsed = performance.now() - f.startedAt;
      let due = Math.floor((elapsed * f.rate) / 1000);
      if (f.durationMs !== null) due = Math.min(due, Math.floor((f.durationMs * f.rate) / 1000));
      if (f.count !== null) due = Math.min(due, f.count);
      while (f.sent < due) {
        this.core.trigger({ type: 'channel.chat.message', channel: f.channel });
        f.sent++;
      }
      const finished =
        (f.count !== null && f.sent >= f.count) ||
        (f.durationMs !== null && elapsed >= f.durationMs);
      if (finished) this.finishFirehose(f);
    };
    f.timer = setInterval(tick, 5);
    tick();
    if (opts.wait) await done;
    return this.report(f);
  }

  private finishFirehose(f: Firehose): void {
    if (f.timer) clearInterval(f.timer);
    f.timer = null;
    f.finish();
  }

  private report(f: Firehose): FirehoseReport {
    return {
      id: f.id,
      channel: f.channel,
      rate: f.rate,
      sent: f.sent,
      running: f.timer !== null,
      elapsedMs: Math.round(performance.now() - f.startedAt),
    };
  }

  firehoseStop(): FirehoseReport | { running: false; sent: 0 } {
    const f = this.firehoseState;
    if (!f) return { running: false, sent: 0 };
    this.finishFirehose(f);
    return this.report(f);
  }

  firehoseStatus(): FirehoseReport | null {
    return this.firehoseState ? this.report(this.firehoseState) : null;
  }

  // ------------------------------------------------------------------ sockets

  private selectSessions(
    filter: SessionFilter = {},
    states: Session['state'][] = ['connected', 'reconnecting'],
  ): Session[] {
    let userId: string | undefined;
    if (filter.login) userId = this.core.world.resolve(filter.login).id;
    return [...this.core.eventsub.sessions.values()].filter(
      (s) =>
        states.includes(s.state) &&
        (filter.sessionId === undefined || s.id === filter.sessionId) &&
        (userId === undefined || s.userId === userId),
    );
  }

  /** Close sockets with a close code (default 4000); `terminate` cuts the TCP connection without a close frame. */
  dropSockets(opts: SessionFilter & { code?: number; reason?: string; terminate?: boolean } = {}): {
    closed: string[];
  } {
    const code = opts.code ?? 4000;
    if (
      !Number.isInteger(code) ||
      !(code === 1000 || code === 1001 || code === 1011 || (code >= 4000 && code <= 4999))
    ) {
      return fail('code must be 1000, 1001, 1011 or 4000–4999');
    }
    const sessions = this.selectSessions(opts);
    for (const s of sessions)
      this.core.eventsub.closeSession(
        s,
        code,
        opts.reason ?? CLOSE_REASONS[code],
        opts.terminate ?? false,
      );
    return { closed: sessions.map((s) => s.id) };
  }

  /** Stop (on: true) or resume (on: false) keepalives, for some sessions or all (including future ones). */
  stallKeepalives(opts: SessionFilter & { on: boolean }): {
    stalled: boolean;
    sessions: string[] | 'all';
  } {
    const on = Boolean(opts.on);
    if (opts.sessionId === undefined && opts.login === undefined) {
      this.core.eventsub.stallAll = on;
      for (const s of this.core.eventsub.sessions.values()) s.stalled = on;
      return { stalled: on, sessions: 'all' };
    }
    const sessions = this.selectSessions(opts);
    for (const s of sessions) s.stalled = on;
    return { stalled: on, sessions: sessions.map((s) => s.id) };
  }

  /** Send session_reconnect; the old socket is closed with 4004 unless the client reconnects within `graceMs`. */
  reconnect(opts: SessionFilter & { graceMs?: number } = {}): {
    sessions: { id: string; reconnectUrl: string | null }[];
  } {
    const sessions = this.core.eventsub.requestReconnect(
      this.selectSessions(opts, ['connected']),
      opts.graceMs,
    );
    return { sessions: sessions.map((s) => ({ id: s.id, reconnectUrl: s.reconnectUrl })) };
  }

  /** Send a revocation message for subscriptions (by id, type and/or user) and remove them. */
  revokeSubscription(opts: {
    id?: string;
    type?: string;
    login?: string;
    status?: SubscriptionStatus;
  }): { revoked: string[] } {
    const status = opts.status ?? 'authorization_revoked';
    if (!['authorization_revoked', 'user_removed', 'version_removed'].includes(status)) {
      return fail('status must be authorization_revoked, user_removed or version_removed');
    }
    if (opts.id === undefined && opts.type === undefined && opts.login === undefined)
      return fail('give id, type or login');
    const userId = opts.login ? this.core.world.resolve(opts.login).id : undefined;
    const subs = [...this.core.eventsub.subscriptions.values()].filter(
      (s) =>
        (opts.id === undefined || s.id === opts.id) &&
        (opts.type === undefined || s.type === opts.type) &&
        (userId === undefined || s.userId === userId),
    );
    for (const s of subs) this.core.eventsub.revoke(s, status);
    return { revoked: subs.map((s) => s.id) };
  }

  /** Re-send a notification with the same message_id (the last one, or the given one). */
  resend(opts: { messageId?: string } = {}): { messageId: string; sessionId: string } {
    const rec = this.core.eventsub.resend(opts.messageId);
    if (!rec)
      return fail(
        opts.messageId
          ? `no deliverable notification ${opts.messageId}`
          : 'no notification to resend',
      );
    return { messageId: rec.messageId, sessionId: rec.sessionId };
  }

  /** Send malformed frames, optionally interleaved with valid notifications. */
  malformed(
    opts: SessionFilter & {
      kind?: MalformedKind | 'all';
      count?: number;
      interleave?: boolean;
      channel?: string;
      type?: string;
    } = {},
  ): { malformed: number; valid: number; kinds: MalformedKind[] } {
    const kinds = !opts.kind || opts.kind === 'all' ? MALFORMED_KINDS : [opts.kind];
    if (!kinds.every((k) => MALFORMED_KINDS.includes(k)))
      return fail(`kind must be one of ${MALFORMED_KINDS.join(', ')}, all`);
    const count = Math.max(1, Math.min(10_000, Math.floor(opts.count ?? kinds.length)));
    const sessions = this.selectSessions(opts);
    let valid = 0;
    const used: MalformedKind[] = [];
    for (let i = 0; i < count; i++) {
      const kind = kinds[i % kinds.length] ?? 'bad_json';
      used.push(kind);
      for (const s of sessions) {
        if (kind === 'binary') {
          if (s.ws.readyState === s.ws.OPEN)
            s.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
        } else {
          this.core.eventsub.sendRaw(s, malformedFrame(kind));
        }
      }
      if (opts.interleave) {
        valid += this.core.trigger({
          type: opts.type ?? 'channel.chat.message',
          channel: opts.channel ?? 'demo',
        }).delivered.length;
      }
    }
    return { malformed: count * sessions.length, valid, kinds: [...new Set(used)] };
  }

  configure(opts: {
    reconnectGraceMs?: number;
    unusedTimeoutMs?: number | null;
    reconnectCloseDelayMs?: number;
    supersededEnd?: SupersededEnd;
    supersededCloseCode?: number;
    cdnFault?: CdnFault;
  }): Record<string, unknown> {
    const o = this.core.eventsub.options;
    if (opts.reconnectGraceMs !== undefined)
      o.reconnectGraceMs = nonNegative(opts.reconnectGraceMs);
    if (opts.unusedTimeoutMs !== undefined)
      o.unusedTimeoutMs = opts.unusedTimeoutMs === null ? null : nonNegative(opts.unusedTimeoutMs);
    if (opts.reconnectCloseDelayMs !== undefined)
      o.reconnectCloseDelayMs = nonNegative(opts.reconnectCloseDelayMs);
    if (opts.supersededEnd !== undefined)
      o.supersededEnd = oneOf(SUPERSEDED_ENDS, opts.supersededEnd, 'supersededEnd');
    if (opts.supersededCloseCode !== undefined)
      o.supersededCloseCode = closeCode(opts.supersededCloseCode);
    if (opts.cdnFault !== undefined)
      this.core.cdn.fault = oneOf(CDN_FAULTS, opts.cdnFault, 'cdnFault');
    return { ...o, cdnFault: this.core.cdn.fault };
  }

  // ------------------------------------------------------------------ tokens & Helix

  /** Issue a token directly (as if the account had consented). */
  issueToken(opts: {
    login: string;
    scopes?: string[];
    clientId?: string;
    expiresInSeconds?: number;
  }): {
    token: string;
    userId: string;
    login: string;
    scopes: string[];
    clientId: string;
  } {
    const account = this.core.world.resolve(opts.login);
    const clientId = opts.clientId ?? DEMO_CLIENT_ID;
    if (!findClient(clientId)) return fail(`unknown client id ${clientId}`);
    const rec = this.core.tokens.issue(clientId, account, opts.scopes ?? [], opts.expiresInSeconds);
    return { token: rec.token, userId: rec.userId, login: rec.login, scopes: rec.scopes, clientId };
  }

  expireToken(opts: { token?: string; login?: string }): { expired: string[] } {
    if (!opts.token && !opts.login) return fail('give token or login');
    return { expired: this.core.tokens.expire(opts).map((t) => t.token) };
  }

  /** Revoke tokens; with `revokeSubscriptions`, their users' subscriptions get an authorization_revoked message. */
  revokeToken(opts: { token?: string; login?: string; revokeSubscriptions?: boolean }): {
    revoked: string[];
    subscriptions: string[];
  } {
    if (!opts.token && !opts.login) return fail('give token or login');
    const hit = this.core.tokens.revoke(opts);
    const subs: string[] = [];
    if (opts.revokeSubscriptions) {
      for (const t of hit) {
        for (const s of [...this.core.eventsub.subscriptions.values()]) {
          if (s.userId === t.userId && s.clientId === t.clientId) {
            this.core.eventsub.revoke(s, 'authorization_revoked');
            subs.push(s.id);
          }
        }
      }
    }
    return { revoked: hit.map((t) => t.token), subscriptions: subs };
  }

  /** Forget remembered consents (the next authorize shows the consent page). */
  forgetGrants(): { ok: true } {
    this.core.oauth.forgetGrants();
    return { ok: true };
  }

  /** Make the next `count` Helix calls to `path` (below /helix, e.g. "/streams"; "*" = any) fail. */
  failHelix(opts: {
    path: string;
    status?: 429 | 500 | 503;
    count?: number;
    resetSeconds?: number;
  }): { id: number } {
    if (typeof opts.path !== 'string' || !opts.path) return fail('failHelix needs a path');
    const status = opts.status ?? 429;
    if (![429, 500, 503].includes(status)) return fail('status must be 429, 500 or 503');
    const path =
      opts.path === '*' ? '*' : `/${opts.path.replace(/^\/?(helix\/)?/, '').replace(/\/+$/, '')}`;
    const rule = this.core.addFailure({
      path,
      status,
      remaining: Math.max(1, Math.floor(opts.count ?? 1)),
      resetSeconds: opts.resetSeconds ?? 5,
    });
    return { id: rule.id };
  }

  clearFailures(): { cleared: number } {
    const n = this.core.failures.length;
    this.core.failures = [];
    return { cleared: n };
  }

  /** Start or stop the lively demo activity. */
  setActivity(opts: { on: boolean }): { on: boolean } {
    if (opts.on) this.activity.start();
    else this.activity.stop();
    return { on: this.activity.running };
  }

  // ------------------------------------------------------------------ inspection

  sockets(opts: SessionFilter & { state?: Session['state'] } = {}): Record<string, unknown>[] {
    const states: Session['state'][] = opts.state
      ? [opts.state]
      : ['connecting', 'connected', 'reconnecting', 'closed'];
    return this.selectSessions(opts, states).map((s) => this.core.eventsub.sessionJson(s));
  }

  subscriptions(
    opts: { type?: string; status?: string; login?: string } = {},
  ): Record<string, unknown>[] {
    const userId = opts.login ? this.core.world.resolve(opts.login).id : undefined;
    return [...this.core.eventsub.subscriptions.values()]
      .filter(
        (s) =>
          (opts.type === undefined || s.type === opts.type) &&
          (opts.status === undefined || s.status === opts.status) &&
          (userId === undefined || s.userId === userId),
      )
      .map((s) => ({
        ...this.core.eventsub.subscriptionJson(s),
        userId: s.userId,
        clientId: s.clientId,
      }));
  }

  tokens(opts: { login?: string } = {}): Record<string, unknown>[] {
    return this.core.tokens
      .list()
      .filter((t) => opts.login === undefined || t.login === opts.login.toLowerCase())
      .map((t) => ({
        token: t.token,
        clientId: t.clientId,
        userId: t.userId,
        login: t.login,
        scopes: t.scopes,
        state: t.state,
        expiresIn: t.expiresIn,
        issuedAt: t.issuedAt,
      }));
  }

  /** Messages sent on sockets (not keepalives): ids, type, time. `frames: true` adds the raw JSON. */
  notifications(
    opts: {
      type?: string;
      messageType?: string;
      sessionId?: string;
      since?: number;
      limit?: number;
      frames?: boolean;
    } = {},
  ): Record<string, unknown>[] {
    let list = this.core.eventsub.sent.filter(
      (r) =>
        (opts.type === undefined || r.type === opts.type) &&
        (opts.messageType === undefined || r.messageType === opts.messageType) &&
        (opts.sessionId === undefined || r.sessionId === opts.sessionId) &&
        (opts.since === undefined || r.at >= opts.since),
    );
    if (opts.limit !== undefined) list = list.slice(-Math.max(0, opts.limit));
    return list.map((r) => {
      const { frame, ...rest } = r;
      return opts.frames ? { ...rest, frame } : rest;
    });
  }

  embeds(): Record<string, unknown>[] {
    return this.core.embeds.map((e) => ({ ...e }));
  }

  chatMessages(opts: { channel?: string } = {}): Record<string, unknown>[] {
    const id = opts.channel ? this.core.world.resolve(opts.channel).id : undefined;
    return this.core.helixChat
      .filter((m) => id === undefined || m.broadcasterId === id)
      .map((m) => ({ ...m }));
  }

  helixCalls(opts: { path?: string } = {}): Record<string, unknown>[] {
    return this.core.helixCalls
      .filter((c) => opts.path === undefined || c.path === opts.path)
      .map((c) => ({ ...c }));
  }

  /** Requests to the image CDN (optionally those whose path contains `path`), oldest first. */
  cdnRequests(opts: { path?: string } = {}): Record<string, unknown>[] {
    return this.core.cdn.requests
      .filter((r) => opts.path === undefined || r.path.includes(opts.path))
      .map((r) => ({ ...r }));
  }

  channels(): Record<string, unknown>[] {
    return [...this.core.world.channels.values()].map((c) => ({
      login: this.core.world.accountById(c.broadcasterId)?.login,
      id: c.broadcasterId,
      live: c.live,
      title: c.title,
      category: c.game.name,
      viewers: c.viewerCount,
      moderators: c.moderators,
    }));
  }

  accounts(): Record<string, unknown>[] {
    return this.core.world.accounts.map((a) => ({
      id: a.id,
      login: a.login,
      displayName: a.displayName,
      canSignIn: a.canSignIn,
    }));
  }

  /** Clear the inspection logs (sent notifications, embeds, Helix chat and call logs). */
  clearLogs(): { ok: true } {
    this.core.eventsub.sent.length = 0;
    this.core.embeds.length = 0;
    this.core.helixChat.length = 0;
    this.core.helixCalls.length = 0;
    this.core.cdn.requests.length = 0;
    return { ok: true };
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, name: string): T {
  if (!allowed.includes(value as T))
    throw new ControlError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function closeCode(n: unknown): number {
  const v = Number(n);
  if (!Number.isInteger(v) || (v !== 1000 && (v < 3000 || v > 4999)))
    throw new ControlError('a close code is 1000 or 3000–4999');
  return v;
}

function nonNegative(n: unknown): number {
  const v = Number(n);
  if (!Number.isFinite(v) || v < 0) throw new ControlError('expected a non-negative number');
  return v;
}

function malformedFrame(kind: Exclude<MalformedKind, 'binary'>): string {
  const metadata = {
    message_id: uuid(),
    message_type: 'notification',
    message_timestamp: nanoTimestamp(),
  };
  switch (kind) {
    case 'bad_json':
      return `{"metadata":{"message_id":"${metadata.message_id}","message_type":"notification",`;
    case 'unknown_type':
      return JSON.stringify({
        metadata: { ...metadata, message_type: 'session_mystery' },
        payload: { mystery: true },
      });
    case 'wrong_shape':
      return JSON.stringify({
        metadata: {
          ...metadata,
          subscription_type: 'channel.chat.message',
          subscription_version: '1',
        },
        payload: { subscription: 'not-an-object', event: 42 },
      });
    case 'missing_metadata':
      return JSON.stringify({ payload: { event: {} } });
    case 'not_object':
      return JSON.stringify(['notification', 1, null]);
  }
}

/** Operation names accepted over HTTP and the CLI. */
export const OPERATIONS = [
  'trigger',
  'setLive',
  'updateChannel',
  'firehose',
  'firehoseStop',
  'firehoseStatus',
  'dropSockets',
  'stallKeepalives',
  'reconnect',
  'revokeSubscription',
  'resend',
  'malformed',
  'configure',
  'issueToken',
  'expireToken',
  'revokeToken',
  'forgetGrants',
  'failHelix',
  'clearFailures',
  'setActivity',
  'sockets',
  'subscriptions',
  'tokens',
  'notifications',
  'embeds',
  'chatMessages',
  'helixCalls',
  'cdnRequests',
  'channels',
  'accounts',
  'clearLogs',
] as const;

export async function runOperation(
  control: SimulatorControl,
  op: string,
  body: unknown,
): Promise<unknown> {
  if (!(OPERATIONS as readonly string[]).includes(op))
    throw new ControlError(`unknown operation: ${op}`);
  const args = isPlainObject(body) ? body : {};
  const fn = (control as unknown as Record<string, (a: unknown) => unknown>)[op];
  if (typeof fn !== 'function') throw new ControlError(`unknown operation: ${op}`);
  return await fn.call(control, args);
}
