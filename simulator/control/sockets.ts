/** Operations on EventSub sockets and subscriptions: drops, stalls, reconnects, revocations, resends, malformed frames, timing options. */
import { CDN_FAULTS, type CdnFault } from '../cdn.js';
import type { Core } from '../core.js';
import { CLOSE_REASONS, SUPERSEDED_ENDS, type SupersededEnd } from '../eventsub.js';
import type { Session, SubscriptionStatus } from '../eventsub.js';
import { closeCode, fail, nonNegative, oneOf } from './errors.js';
import { MALFORMED_KINDS, malformedFrame, type MalformedKind } from './malformed.js';

export interface SessionFilter {
  sessionId?: string;
  /** Sessions of this user (login or id). */
  login?: string;
}

/** Sessions in one of `states` that match the filter. */
export function selectSessions(
  core: Core,
  filter: SessionFilter = {},
  states: Session['state'][] = ['connected', 'reconnecting'],
): Session[] {
  let userId: string | undefined;
  if (filter.login) userId = core.world.resolve(filter.login).id;
  return [...core.eventsub.sessions.values()].filter(
    (s) =>
      states.includes(s.state) &&
      (filter.sessionId === undefined || s.id === filter.sessionId) &&
      (userId === undefined || s.userId === userId),
  );
}

export function socketOperations(core: Core) {
  return {
    /** Close sockets with a close code (default 4000); `terminate` cuts the TCP connection without a close frame. */
    dropSockets(
      opts: SessionFilter & { code?: number; reason?: string; terminate?: boolean } = {},
    ): {
      closed: string[];
    } {
      const code = opts.code ?? 4000;
      if (
        !Number.isInteger(code) ||
        !(code === 1000 || code === 1001 || code === 1011 || (code >= 4000 && code <= 4999))
      ) {
        return fail('code must be 1000, 1001, 1011 or 4000–4999');
      }
      const sessions = selectSessions(core, opts);
      for (const s of sessions)
        core.eventsub.closeSession(
          s,
          code,
          opts.reason ?? CLOSE_REASONS[code],
          opts.terminate ?? false,
        );
      return { closed: sessions.map((s) => s.id) };
    },

    /** Stop (on: true) or resume (on: false) keepalives, for some sessions or all (including future ones). */
    stallKeepalives(opts: SessionFilter & { on: boolean }): {
      stalled: boolean;
      sessions: string[] | 'all';
    } {
      const on = Boolean(opts.on);
      if (opts.sessionId === undefined && opts.login === undefined) {
        core.eventsub.stallAll = on;
        for (const s of core.eventsub.sessions.values()) s.stalled = on;
        return { stalled: on, sessions: 'all' };
      }
      const sessions = selectSessions(core, opts);
      for (const s of sessions) s.stalled = on;
      return { stalled: on, sessions: sessions.map((s) => s.id) };
    },

    /**
     * Silence sockets (on: true): the connection dies without a close, as when a network drops
     * it. Nothing written to them arrives any more, keepalives and notifications alike, and the
     * subscriptions stay enabled until the client gives up on the socket and closes it.
     */
    silenceSockets(opts: SessionFilter & { on: boolean }): { silenced: string[] } {
      const sessions = selectSessions(core, opts);
      for (const s of sessions) s.silent = Boolean(opts.on);
      return { silenced: sessions.map((s) => s.id) };
    },

    /** Send session_reconnect; the old socket is closed with 4004 unless the client reconnects within `graceMs`. */
    reconnect(opts: SessionFilter & { graceMs?: number } = {}): {
      sessions: { id: string; reconnectUrl: string | null }[];
    } {
      const sessions = core.eventsub.requestReconnect(
        selectSessions(core, opts, ['connected']),
        opts.graceMs,
      );
      return { sessions: sessions.map((s) => ({ id: s.id, reconnectUrl: s.reconnectUrl })) };
    },

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
      const userId = opts.login ? core.world.resolve(opts.login).id : undefined;
      const subs = [...core.eventsub.subscriptions.values()].filter(
        (s) =>
          (opts.id === undefined || s.id === opts.id) &&
          (opts.type === undefined || s.type === opts.type) &&
          (userId === undefined || s.userId === userId),
      );
      for (const s of subs) core.eventsub.revoke(s, status);
      return { revoked: subs.map((s) => s.id) };
    },

    /** Re-send a notification with the same message_id (the last one, or the given one). */
    resend(opts: { messageId?: string } = {}): { messageId: string; sessionId: string } {
      const rec = core.eventsub.resend(opts.messageId);
      if (!rec)
        return fail(
          opts.messageId
            ? `no deliverable notification ${opts.messageId}`
            : 'no notification to resend',
        );
      return { messageId: rec.messageId, sessionId: rec.sessionId };
    },

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
      const sessions = selectSessions(core, opts);
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
            core.eventsub.sendRaw(s, malformedFrame(kind));
          }
        }
        if (opts.interleave) {
          valid += core.trigger({
            type: opts.type ?? 'channel.chat.message',
            channel: opts.channel ?? 'demo',
          }).delivered.length;
        }
      }
      return { malformed: count * sessions.length, valid, kinds: [...new Set(used)] };
    },

    configure(opts: {
      reconnectGraceMs?: number;
      unusedTimeoutMs?: number | null;
      reconnectCloseDelayMs?: number;
      supersededEnd?: SupersededEnd;
      supersededCloseCode?: number;
      cdnFault?: CdnFault;
      helixJitterMs?: number;
    }): Record<string, unknown> {
      const o = core.eventsub.options;
      if (opts.reconnectGraceMs !== undefined)
        o.reconnectGraceMs = nonNegative(opts.reconnectGraceMs);
      if (opts.unusedTimeoutMs !== undefined)
        o.unusedTimeoutMs =
          opts.unusedTimeoutMs === null ? null : nonNegative(opts.unusedTimeoutMs);
      if (opts.reconnectCloseDelayMs !== undefined)
        o.reconnectCloseDelayMs = nonNegative(opts.reconnectCloseDelayMs);
      if (opts.supersededEnd !== undefined)
        o.supersededEnd = oneOf(SUPERSEDED_ENDS, opts.supersededEnd, 'supersededEnd');
      if (opts.supersededCloseCode !== undefined)
        o.supersededCloseCode = closeCode(opts.supersededCloseCode);
      if (opts.cdnFault !== undefined)
        core.cdn.fault = oneOf(CDN_FAULTS, opts.cdnFault, 'cdnFault');
      if (opts.helixJitterMs !== undefined) core.helixJitterMs = nonNegative(opts.helixJitterMs);
      return { ...o, cdnFault: core.cdn.fault, helixJitterMs: core.helixJitterMs };
    },
  };
}
