/** Operations on tokens, consent and Helix: issue, expire and revoke tokens, injected Helix failures, the demo activity. */
import type { Activity } from '../activity.js';
import type { Core } from '../core.js';
import { DEMO_CLIENT_ID, findClient } from '../tokens.js';
import { fail } from './errors.js';

export function accessOperations(core: Core, activity: Activity) {
  return {
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
      const account = core.world.resolve(opts.login);
      const clientId = opts.clientId ?? DEMO_CLIENT_ID;
      if (!findClient(clientId)) return fail(`unknown client id ${clientId}`);
      const rec = core.tokens.issue(clientId, account, opts.scopes ?? [], opts.expiresInSeconds);
      return {
        token: rec.token,
        userId: rec.userId,
        login: rec.login,
        scopes: rec.scopes,
        clientId,
      };
    },

    expireToken(opts: { token?: string; login?: string }): { expired: string[] } {
      if (!opts.token && !opts.login) return fail('give token or login');
      return { expired: core.tokens.expire(opts).map((t) => t.token) };
    },

    /** Revoke tokens; with `revokeSubscriptions`, their users' subscriptions get an authorization_revoked message. */
    revokeToken(opts: { token?: string; login?: string; revokeSubscriptions?: boolean }): {
      revoked: string[];
      subscriptions: string[];
    } {
      if (!opts.token && !opts.login) return fail('give token or login');
      const hit = core.tokens.revoke(opts);
      const subs: string[] = [];
      if (opts.revokeSubscriptions) {
        for (const t of hit) {
          for (const s of [...core.eventsub.subscriptions.values()]) {
            if (s.userId === t.userId && s.clientId === t.clientId) {
              core.eventsub.revoke(s, 'authorization_revoked');
              subs.push(s.id);
            }
          }
        }
      }
      return { revoked: hit.map((t) => t.token), subscriptions: subs };
    },

    /** Forget remembered consents (the next authorize shows the consent page). */
    forgetGrants(): { ok: true } {
      core.oauth.forgetGrants();
      return { ok: true };
    },

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
      const rule = core.addFailure({
        path,
        status,
        remaining: Math.max(1, Math.floor(opts.count ?? 1)),
        resetSeconds: opts.resetSeconds ?? 5,
      });
      return { id: rule.id };
    },

    clearFailures(): { cleared: number } {
      const n = core.failures.length;
      core.failures = [];
      return { cleared: n };
    },

    /** Start or stop the lively demo activity. */
    setActivity(opts: { on: boolean }): { on: boolean } {
      if (opts.on) activity.start();
      else activity.stop();
      return { on: activity.running };
    },
  };
}
