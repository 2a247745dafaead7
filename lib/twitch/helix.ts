/**
 * The few Helix calls made outside the listener (looking up channels, stream status, sending
 * chat). Every response is checked against a schema before use.
 */
import { z } from 'zod';
import { TWITCH_HELIX_URL } from '../config';
import { exponentialBackoff, retry } from '../retry';
import { TokenInvalidError } from './auth';
import { t } from '../i18n';

export interface HelixCredentials {
  clientId: string;
  accessToken: string;
}

export class HelixError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HelixError';
  }

  /** The same as `status`, under the name twurple's errors use. */
  get statusCode(): number {
    return this.status;
  }
}

/** Twitch's own words for an error (`{ error, status, message }`), or the status line. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // not JSON: keep the status line
  }
  return t('errors.httpStatus', [String(response.status)]);
}

interface HelixInit {
  method?: string;
  body?: unknown;
}

/** One authenticated Helix request; a 401 means the token is no longer valid. */
async function helixFetch(
  credentials: HelixCredentials,
  path: string,
  init: HelixInit = {},
): Promise<Response> {
  const response = await fetch(`${TWITCH_HELIX_URL}/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Client-Id': credentials.clientId,
      Authorization: `Bearer ${credentials.accessToken}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (response.status === 401) throw new TokenInvalidError();
  return response;
}

async function helix<T extends z.ZodType>(
  credentials: HelixCredentials,
  path: string,
  schema: T,
  init: HelixInit = {},
): Promise<z.infer<T>> {
  const response = await helixFetch(credentials, path, init);
  if (!response.ok) throw new HelixError(response.status, await errorMessage(response));
  return schema.parse(await response.json());
}

const user = z.object({
  id: z.string(),
  login: z.string(),
  display_name: z.string(),
  profile_image_url: z.string().optional().default(''),
  description: z.string().optional().default(''),
});
export type HelixUser = z.infer<typeof user>;

const channelSearch = z.object({
  id: z.string(),
  broadcaster_login: z.string(),
  display_name: z.string(),
  is_live: z.boolean().optional().default(false),
  title: z.string().optional().default(''),
  game_name: z.string().optional().default(''),
  thumbnail_url: z.string().optional().default(''),
});
export type HelixChannelSearch = z.infer<typeof channelSearch>;

const stream = z.object({
  user_id: z.string(),
  user_login: z.string(),
  type: z.string(),
  title: z.string().optional().default(''),
  game_id: z.string().optional().default(''),
  game_name: z.string().optional().default(''),
  viewer_count: z.number().optional().default(0),
  started_at: z.string(),
});
export type HelixStream = z.infer<typeof stream>;

const channelInfo = z.object({
  broadcaster_id: z.string(),
  title: z.string().optional().default(''),
  game_name: z.string().optional().default(''),
});

const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

/** Only real Twitch logins go into a query (4–25 letters, digits, underscores). */
export const LOGIN_PATTERN = /^[a-z0-9_]{3,25}$/;

async function getUsers(
  credentials: HelixCredentials,
  key: 'login' | 'id',
  values: string[],
): Promise<HelixUser[]> {
  const query = new URLSearchParams();
  for (const value of values) query.append(key, value);
  return (await helix(credentials, `users?${query}`, list(user))).data;
}

export const getUsersByLogin = (credentials: HelixCredentials, logins: string[]) =>
  getUsers(credentials, 'login', logins);

export const getUsersById = (credentials: HelixCredentials, ids: string[]) =>
  getUsers(credentials, 'id', ids);

export async function searchChannels(
  credentials: HelixCredentials,
  text: string,
  first = 8,
): Promise<HelixChannelSearch[]> {
  const query = new URLSearchParams({ query: text, first: String(first) });
  return (await helix(credentials, `search/channels?${query}`, list(channelSearch))).data;
}

export async function getStream(
  credentials: HelixCredentials,
  userId: string,
): Promise<HelixStream | null> {
  const query = new URLSearchParams({ user_id: userId });
  return (await helix(credentials, `streams?${query}`, list(stream))).data[0] ?? null;
}

export async function getChannelInfo(credentials: HelixCredentials, broadcasterId: string) {
  const query = new URLSearchParams({ broadcaster_id: broadcasterId });
  return (await helix(credentials, `channels?${query}`, list(channelInfo))).data[0] ?? null;
}

const followedChannel = z.object({
  broadcaster_id: z.string(),
  broadcaster_login: z.string(),
  broadcaster_name: z.string(),
  followed_at: z.string(),
});
export type HelixFollowedChannel = z.infer<typeof followedChannel>;

const followedStream = stream.extend({
  id: z.string(),
  user_name: z.string(),
  thumbnail_url: z.string().optional().default(''),
});
export type HelixFollowedStream = z.infer<typeof followedStream>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    pagination: z.object({ cursor: z.string().optional() }).optional(),
  });

/** Pages are asked for 100 at a time; this many pages at most (100,000 follows). */
const MAX_PAGES = 1000;

/** Every page of a paginated Helix list, 100 at a time, following `pagination.cursor`. */
async function allPages<T extends z.ZodType>(
  credentials: HelixCredentials,
  path: string,
  params: Record<string, string>,
  item: T,
): Promise<z.infer<T>[]> {
  const items: z.infer<T>[] = [];
  let after: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const query = new URLSearchParams({ ...params, first: '100' });
    if (after) query.set('after', after);
    const answer = await helix(credentials, `${path}?${query}`, page(item));
    items.push(...answer.data);
    after = answer.pagination?.cursor;
    if (!after || answer.data.length === 0) break;
  }
  return items;
}

/** Every channel `userId` follows (scope `user:read:follows`), most recently followed first. */
export const getFollowedChannels = (credentials: HelixCredentials, userId: string) =>
  allPages(credentials, 'channels/followed', { user_id: userId }, followedChannel);

/**
 * The live streams of any channels, by id (Get Streams, `user_id` repeated, at most 100 a
 * request): those not live are simply not in the answer.
 */
export async function getStreamsByIds(
  credentials: HelixCredentials,
  ids: readonly string[],
): Promise<HelixFollowedStream[]> {
  const streams: HelixFollowedStream[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const query = new URLSearchParams({ first: '100' });
    for (const id of ids.slice(i, i + 100)) query.append('user_id', id);
    streams.push(...(await helix(credentials, `streams?${query}`, list(followedStream))).data);
  }
  return streams;
}

/** The live streams of the channels `userId` follows (scope `user:read:follows`), most viewers first. */
export const getFollowedStreams = (credentials: HelixCredentials, userId: string) =>
  allPages(credentials, 'streams/followed', { user_id: userId }, followedStream);

export async function sendChatMessage(
  credentials: HelixCredentials,
  broadcasterId: string,
  senderId: string,
  message: string,
): Promise<{ sent: boolean; reason?: string }> {
  const result = await helix(
    credentials,
    'chat/messages',
    list(
      z.object({
        message_id: z.string(),
        is_sent: z.boolean(),
        drop_reason: z.object({ message: z.string() }).nullish(),
      }),
    ),
    { method: 'POST', body: { broadcaster_id: broadcasterId, sender_id: senderId, message } },
  );
  const first = result.data[0];
  return { sent: first?.is_sent ?? false, reason: first?.drop_reason?.message };
}

const subscriptionData = z.object({
  id: z.string(),
  status: z.string(),
  type: z.string(),
  version: z.string(),
  condition: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  transport: z.record(z.string(), z.unknown()),
  cost: z.number(),
});
export type EventSubSubscriptionData = z.infer<typeof subscriptionData>;

/** What the user's subscriptions (in every browser) count and cost, as Create Subscription says. */
export interface SubscriptionTotals {
  total: number;
  totalCost: number;
  maxTotalCost: number;
}

const subscriptionTotals = z.object({
  total: z.number().int().nonnegative(),
  total_cost: z.number().int().nonnegative(),
  max_total_cost: z.number().int().positive(),
});

export interface CreateSubscriptionRequest {
  type: string;
  version: string;
  condition: Record<string, string>;
  transport: { method: 'websocket'; session_id: string };
}

/** An answer worth another try: a 5xx, or a rate-limited 429 with the time the limit resets. */
class RetryableAnswer extends HelixError {
  constructor(
    status: number,
    message: string,
    /** `Ratelimit-Reset` of a rate-limited 429 (seconds since the epoch), if Twitch sent one. */
    readonly resetAt?: number,
  ) {
    super(status, message);
  }
}

/**
 * POST eventsub/subscriptions, retried the way Twitch asks: a rate-limited 429
 * (`Ratelimit-Remaining: 0`) waits until `Ratelimit-Reset`, a 5xx backs off 1, 2, 4 s. Any other
 * answer — including the 429 for too many WebSocket transports — is final.
 */
export async function createEventSubSubscription(
  credentials: HelixCredentials,
  request: CreateSubscriptionRequest,
  options: {
    attempts?: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    /** Told what the user's subscriptions cost now, from the answer's `total_cost`. */
    onTotals?: (totals: SubscriptionTotals) => void;
  } = {},
): Promise<EventSubSubscriptionData> {
  const { attempts = 4, sleep, now = Date.now, onTotals } = options;
  const serverBackoff = exponentialBackoff(1000);
  return retry(
    async () => {
      const response = await helixFetch(credentials, 'eventsub/subscriptions', {
        method: 'POST',
        body: request,
      });
      if (response.ok) {
        const body: unknown = await response.json();
        const [data] = list(subscriptionData).parse(body).data;
        if (!data) throw new HelixError(response.status, t('errors.noSubscription'));
        const totals = subscriptionTotals.safeParse(body);
        if (totals.success)
          onTotals?.({
            total: totals.data.total,
            totalCost: totals.data.total_cost,
            maxTotalCost: totals.data.max_total_cost,
          });
        return data;
      }
      const message = await errorMessage(response);
      const rateLimited =
        response.status === 429 && response.headers.get('Ratelimit-Remaining') === '0';
      if (!rateLimited && response.status < 500) throw new HelixError(response.status, message);
      const reset = Number(response.headers.get('Ratelimit-Reset'));
      throw new RetryableAnswer(
        response.status,
        message,
        rateLimited && Number.isFinite(reset) && reset > 0 ? reset : undefined,
      );
    },
    {
      retries: attempts - 1,
      retryable: (error) => error instanceof RetryableAnswer,
      backoff: (retryNumber, error) =>
        Math.min(
          error instanceof RetryableAnswer && error.resetAt !== undefined
            ? Math.max(0, error.resetAt * 1000 - now()) + 250
            : serverBackoff(retryNumber),
          60_000,
        ),
      sleep,
    },
  );
}

/**
 * A 429 that is not the rate limit: Twitch's subscription limits (the cost budget, or
 * subscriptions and sockets per user). Trying again does not help; a smaller plan does.
 */
export function isLimitRefusal(error: unknown): boolean {
  return error instanceof HelixError && error.status === 429 && !(error instanceof RetryableAnswer);
}
