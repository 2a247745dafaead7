/**
 * api.twitch.tv/helix: a request passes CORS preflight, authentication, injected failures and the
 * rate limit, then the route table (`helix/`) answers it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from './core.js';
import { chatRoutes } from './helix/chat.js';
import { followRoutes } from './helix/follows.js';
import { jsonBody, type Routes } from './helix/route.js';
import { streamRoutes } from './helix/streams.js';
import { userRoutes } from './helix/users.js';
import { whisperRoutes } from './helix/whispers.js';
import { videoRoutes } from './helix/videos.js';
import { HttpError, sendJson } from './http.js';
import { isPlainObject, pushCapped } from './objects.js';
import { corsHeaders } from './oauth.js';
import type { TokenRecord } from './tokens.js';

const RATE_LIMIT = 800;

interface Bucket {
  remaining: number;
  resetAt: number;
}

/** A refusal with headers of its own (an injected 429 brings its own rate-limit headers). */
class Refusal extends HttpError {
  constructor(
    status: number,
    error: string,
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(status, error, message);
  }
}

const rateLimitHeaders = (b: Bucket): Record<string, string> => ({
  'Ratelimit-Limit': String(RATE_LIMIT),
  'Ratelimit-Remaining': String(b.remaining),
  'Ratelimit-Reset': String(Math.ceil(b.resetAt / 1000)),
});

export class Helix {
  private readonly buckets = new Map<string, Bucket>();
  private readonly routes: Routes;

  constructor(private readonly core: Core) {
    this.routes = {
      ...userRoutes(core),
      ...streamRoutes(core),
      ...chatRoutes(core),
      ...followRoutes(core),
      ...whisperRoutes(core),
      ...videoRoutes(core),
      'POST /eventsub/subscriptions': async (c) =>
        this.core.subscriptionApi.create(c.token, await jsonBody(c.req)),
      'GET /eventsub/subscriptions': (c) => this.core.subscriptionApi.list(c.token, c.query),
      'DELETE /eventsub/subscriptions': (c) =>
        this.core.subscriptionApi.delete(c.token, c.query.get('id')),
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/helix/, '').replace(/\/+$/, '') || '/';
    if (method === 'OPTIONS') {
      res.writeHead(204, corsHeaders());
      res.end();
      return;
    }
    let bucket: Bucket | undefined;
    try {
      const token = this.authenticate(req);
      bucket = this.bucket(`${token.clientId}:${token.userId}`);
      this.injectedFailure(path);
      this.spend(bucket);
      const handler = this.route(method, path);
      await this.jitter();
      const out = await handler({ req, url, token, query: url.searchParams });
      await this.jitter();
      this.respond(res, method, path, out, rateLimitHeaders(bucket));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const headers =
        e instanceof Refusal ? e.headers : bucket ? rateLimitHeaders(bucket) : undefined;
      this.record(method, path, e.status);
      sendJson(
        res,
        e.status,
        { error: e.error, status: e.status, message: e.message },
        { ...corsHeaders(), ...headers },
      );
    }
  }

  /** How slow the network is this time (`helixJitterMs`). */
  private async jitter(): Promise<void> {
    const most = this.core.helixJitterMs;
    if (most > 0)
      await new Promise((resolve) => setTimeout(resolve, this.core.helixDelay() * most));
  }

  /** A Bearer token that is valid and was issued to the Client-Id the request names. */
  private authenticate(req: IncomingMessage): TokenRecord {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpError(401, 'Unauthorized', 'OAuth token is missing');
    const token = this.core.tokens.valid(m[1]);
    if (!token) throw new HttpError(401, 'Unauthorized', 'Invalid OAuth token');
    const clientId = headerValue(req, 'client-id');
    if (!clientId || clientId !== token.clientId)
      throw new HttpError(401, 'Unauthorized', 'Client ID and OAuth token do not match');
    return token;
  }

  /** A failure set up with `failHelix` for this path, if one is pending. */
  private injectedFailure(path: string): void {
    const rule = this.core.failures.find(
      (f) =>
        f.remaining > 0 && (f.path === '*' || path === f.path || path.startsWith(`${f.path}/`)),
    );
    if (!rule) return;
    rule.remaining--;
    if (rule.remaining <= 0) this.core.failures = this.core.failures.filter((f) => f !== rule);
    if (rule.status === 429) {
      const resetAt = Date.now() + rule.resetSeconds * 1000;
      throw new Refusal(429, 'Too Many Requests', 'Too Many Requests', {
        'Ratelimit-Limit': String(RATE_LIMIT),
        'Ratelimit-Remaining': '0',
        'Ratelimit-Reset': String(Math.ceil(resetAt / 1000)),
      });
    }
    throw new HttpError(
      rule.status,
      rule.status === 500 ? 'Internal Server Error' : 'Service Unavailable',
      '',
    );
  }

  /** One point of the (client id, user) bucket; 429 when it is empty. */
  private spend(bucket: Bucket): void {
    if (bucket.remaining <= 0) throw new HttpError(429, 'Too Many Requests', 'Too Many Requests');
    bucket.remaining--;
  }

  private route(method: string, path: string): Routes[string] {
    const handler = this.routes[`${method} ${path}`];
    if (handler) return handler;
    const known = Object.keys(this.routes).some((k) => k.endsWith(` ${path}`));
    throw known
      ? new HttpError(405, 'Method Not Allowed', '')
      : new HttpError(404, 'Not Found', '');
  }

  private respond(
    res: ServerResponse,
    method: string,
    path: string,
    out: unknown,
    rateLimit: Record<string, string>,
  ): void {
    const headers = { ...corsHeaders(), ...rateLimit };
    if (isPlainObject(out) && typeof out.status === 'number' && 'body' in out) {
      this.record(method, path, out.status);
      if (out.status === 204) {
        res.writeHead(204, headers);
        res.end();
      } else {
        sendJson(res, out.status, out.body, headers);
      }
      return;
    }
    this.record(method, path, 200);
    sendJson(res, 200, out, headers);
  }

  private record(method: string, path: string, status: number): void {
    pushCapped(this.core.helixCalls, { method, path, status, at: new Date().toISOString() }, 5000);
  }

  private bucket(key: string): Bucket {
    const now = Date.now();
    let b = this.buckets.get(key);
    if (!b || b.resetAt <= now) {
      b = { remaining: RATE_LIMIT, resetAt: now + 60_000 };
      this.buckets.set(key, b);
    }
    return b;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
