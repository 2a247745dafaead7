/** Read-only views of the simulator's state and logs, and clearing the logs. */
import type { Core } from '../core.js';
import { subscriptionJson, type Session } from '../eventsub.js';
import { selectSessions, type SessionFilter } from './sockets.js';

export function inspectionOperations(core: Core) {
  return {
    sockets(opts: SessionFilter & { state?: Session['state'] } = {}): Record<string, unknown>[] {
      const states: Session['state'][] = opts.state
        ? [opts.state]
        : ['connecting', 'connected', 'reconnecting', 'closed'];
      return selectSessions(core, opts, states).map((s) => core.eventsub.sessionJson(s));
    },

    subscriptions(
      opts: { type?: string; status?: string; login?: string } = {},
    ): Record<string, unknown>[] {
      const userId = opts.login ? core.world.resolve(opts.login).id : undefined;
      return [...core.eventsub.subscriptions.values()]
        .filter(
          (s) =>
            (opts.type === undefined || s.type === opts.type) &&
            (opts.status === undefined || s.status === opts.status) &&
            (userId === undefined || s.userId === userId),
        )
        .map((s) => ({
          ...subscriptionJson(s),
          userId: s.userId,
          clientId: s.clientId,
        }));
    },

    tokens(opts: { login?: string } = {}): Record<string, unknown>[] {
      return core.tokens
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
    },

    /**
     * Messages sent on sockets (not keepalives): ids, type, time, and `undelivered` when the
     * socket was cut before the frame left it. `frames: true` adds the raw JSON.
     */
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
      let list = core.eventsub.sent.filter(
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
    },

    embeds(): Record<string, unknown>[] {
      return core.embeds.map((e) => ({ ...e }));
    },

    chatMessages(opts: { channel?: string } = {}): Record<string, unknown>[] {
      const id = opts.channel ? core.world.resolve(opts.channel).id : undefined;
      return core.helixChat
        .filter((m) => id === undefined || m.broadcasterId === id)
        .map((m) => ({ ...m }));
    },

    helixCalls(opts: { path?: string } = {}): Record<string, unknown>[] {
      return core.helixCalls
        .filter((c) => opts.path === undefined || c.path === opts.path)
        .map((c) => ({ ...c }));
    },

    /** Requests to the image CDN (optionally those whose path contains `path`), oldest first. */
    cdnRequests(opts: { path?: string } = {}): Record<string, unknown>[] {
      return core.cdn.requests
        .filter((r) => opts.path === undefined || r.path.includes(opts.path))
        .map((r) => ({ ...r }));
    },

    channels(): Record<string, unknown>[] {
      return [...core.world.channels.values()].map((c) => ({
        login: core.world.accountById(c.broadcasterId)?.login,
        id: c.broadcasterId,
        live: c.live,
        title: c.title,
        category: c.game.name,
        viewers: c.viewerCount,
        moderators: c.moderators,
      }));
    },

    accounts(): Record<string, unknown>[] {
      return core.world.accounts.map((a) => ({
        id: a.id,
        login: a.login,
        displayName: a.displayName,
        canSignIn: a.canSignIn,
      }));
    },

    /** Clear the inspection logs (sent notifications, embeds, Helix chat and call logs). */
    clearLogs(): { ok: true } {
      core.eventsub.sent.length = 0;
      core.embeds.length = 0;
      core.helixChat.length = 0;
      core.helixCalls.length = 0;
      core.cdn.requests.length = 0;
      core.whispers.clearLog();
      return { ok: true };
    },
  };
}
