/** Helix's EventSub subscription endpoints: Create (with its authorisation, cost and limits), Get and Delete. */
import {
  CONDITION_USER_KEYS,
  findEntry,
  isKnownType,
  scopesAllow,
  userKey,
  type CatalogEntry,
} from '../catalog.js';
import type { EventSub } from '../eventsub.js';
import { clampInt, paginate } from '../helix/paging.js';
import { HttpError } from '../http.js';
import { nanoTimestamp, uuid } from '../ids.js';
import { isPlainObject } from '../objects.js';
import type { TokenRecord, TokenStore } from '../tokens.js';
import type { World } from '../world.js';
import {
  MAX_CONNECTIONS_PER_USER,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  MAX_TOTAL_COST,
  sameCondition,
  subscriptionJson,
  type Session,
  type Subscription,
} from './model.js';

export interface ApiResult {
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

const unauthorized = (): HttpError => err(403, 'subscription missing proper authorization');
const overLimit = (): HttpError => err(429, 'number of websocket transports limit exceeded');

interface CreateRequest {
  type: string;
  version: string;
  condition: Record<string, unknown>;
  session: Session;
}

export class SubscriptionApi {
  constructor(
    private readonly eventsub: EventSub,
    private readonly world: World,
    private readonly tokens: TokenStore,
  ) {}

  private mine(token: TokenRecord): Subscription[] {
    return [...this.eventsub.subscriptions.values()].filter(
      (s) => s.userId === token.userId && s.clientId === token.clientId,
    );
  }

  /** `total`, `total_cost` and `max_total_cost` for a (user, client id). */
  totals(token: TokenRecord): { total: number; total_cost: number; max_total_cost: number } {
    const mine = this.mine(token);
    return {
      total: mine.length,
      total_cost: mine.filter((s) => s.status === 'enabled').reduce((n, s) => n + s.cost, 0),
      max_total_cost: MAX_TOTAL_COST,
    };
  }

  create(token: TokenRecord, body: unknown): ApiResult {
    const request = this.parseCreate(token, body);
    const entry = findEntry(request.type, request.version);
    if (!entry) {
      throw err(
        400,
        isKnownType(request.type)
          ? 'unsupported subscription version'
          : 'unsupported subscription type',
      );
    }
    const condition = checkCondition(entry, request.condition);
    this.authorize(token, entry, condition);
    const cost = this.cost(token, entry, condition);
    this.checkLimits(token, request, condition, cost);

    const { session } = request;
    session.userId = token.userId;
    session.clientId = token.clientId;
    session.everSubscribed = true;
    const sub: Subscription = {
      id: uuid(),
      type: request.type,
      version: request.version,
      condition,
      status: 'enabled',
      cost,
      createdAt: nanoTimestamp(),
      sessionId: session.id,
      connectedAt: session.connectedAt,
      disconnectedAt: null,
      userId: token.userId,
      clientId: token.clientId,
    };
    this.eventsub.subscriptions.set(sub.id, sub);
    session.subs.add(sub.id);
    return { status: 202, body: { data: [subscriptionJson(sub)], ...this.totals(token) } };
  }

  /** The request body's shape and its transport: an open session of this user and client. */
  private parseCreate(token: TokenRecord, body: unknown): CreateRequest {
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
    const session = this.eventsub.sessions.get(transport.session_id);
    if (!session || (session.state !== 'connected' && session.state !== 'reconnecting')) {
      throw err(400, 'websocket transport session does not exist or has already disconnected');
    }
    if (
      session.userId !== null &&
      (session.userId !== token.userId || session.clientId !== token.clientId)
    ) {
      throw err(400, 'websocket transport session belongs to another user');
    }
    return { type, version, condition, session };
  }

  /** Scope and role: 403 when the token's user may not have this subscription. */
  private authorize(
    token: TokenRecord,
    entry: CatalogEntry,
    condition: Record<string, string>,
  ): void {
    if (!scopesAllow(entry, token.scopes)) throw unauthorized();
    const uk = userKey(entry);
    if (uk && condition[uk] !== token.userId) throw unauthorized();
    if (entry.audience === 'moderator') {
      const channelId = condition[entry.channelKey] ?? '';
      if (channelId !== token.userId && !this.world.isModerator(token.userId, channelId))
        throw unauthorized();
    }
  }

  /**
   * Twitch's cost: 0 for a type the user authorizes (chat as the user, moderator and broadcaster
   * types: `authorize` checked the user is the one named) and for a public type (stream, update,
   * raid, shared chat) on a channel of the user or of a broadcaster who authorized this client id;
   * otherwise 1.
   */
  private cost(token: TokenRecord, entry: CatalogEntry, condition: Record<string, string>): number {
    if (userKey(entry) !== undefined) return 0;
    const named = CONDITION_USER_KEYS.map((k) => condition[k]).filter((id) => id !== undefined);
    const free = named.some(
      (id) => id === token.userId || this.tokens.authorized(id, token.clientId),
    );
    return free ? 0 : 1;
  }

  /** Duplicates (409), the cost budget, subscriptions per socket and sockets per user (429). */
  private checkLimits(
    token: TokenRecord,
    request: CreateRequest,
    condition: Record<string, string>,
    cost: number,
  ): void {
    const enabled = this.mine(token).filter((s) => s.status === 'enabled');
    const same = enabled.find(
      (s) =>
        s.type === request.type &&
        s.version === request.version &&
        sameCondition(s.condition, condition),
    );
    if (same) throw err(409, 'subscription already exists');
    const totalCost = enabled.reduce((n, s) => n + s.cost, 0);
    if (totalCost + cost > MAX_TOTAL_COST) throw overLimit();
    const { session } = request;
    if (session.subs.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) throw overLimit();
    if (session.subs.size === 0) {
      const live = new Set(enabled.map((s) => s.sessionId));
      live.delete(session.id);
      if (live.size >= MAX_CONNECTIONS_PER_USER) throw overLimit();
    }
  }

  list(token: TokenRecord, query: URLSearchParams): ApiResult {
    const status = query.get('status');
    const type = query.get('type');
    const userId = query.get('user_id');
    const filters = [status, type, userId].filter((f) => f !== null);
    if (filters.length > 1)
      throw err(400, 'only one filter (status, type or user_id) may be specified');
    let items = this.mine(token);
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
      body: { data: page.map(subscriptionJson), ...this.totals(token), pagination },
    };
  }

  delete(token: TokenRecord, id: string | null): ApiResult {
    if (!id) throw err(400, 'Missing required parameter "id"');
    const sub = this.eventsub.subscriptions.get(id);
    if (!sub || sub.clientId !== token.clientId || sub.userId !== token.userId)
      throw err(404, 'subscription not found');
    this.eventsub.subscriptions.delete(id);
    this.eventsub.sessions.get(sub.sessionId)?.subs.delete(id);
    return { status: 204, body: undefined };
  }
}

/**
 * The condition: exactly the entry's keys (one of `oneOf`), each a user id, plus any of its
 * optional keys (`reward_id`). A key Twitch does not take for the type is refused with 400, as
 * Twitch does, naming it.
 */
function checkCondition(
  entry: CatalogEntry,
  condition: Record<string, unknown>,
): Record<string, string> {
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
  const optional = entry.optional ?? [];
  const missing = required.filter((k) => !(k in cond));
  const extra = keys.filter((k) => !required.includes(k) && !optional.includes(k));
  const problems = [
    extra.length ? `unexpected ${extra.join(', ')}` : '',
    missing.length ? `missing ${missing.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) throw err(400, `invalid condition: ${problems.join('; ')}`);
  for (const k of required) {
    if (!/^\d{1,20}$/.test(cond[k] ?? ''))
      throw err(400, `invalid condition: ${k} must be a user id`);
  }
  return cond;
}
