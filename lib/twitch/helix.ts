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

export async function helix<T extends z.ZodType>(
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

/**
 * One page of a paginated list. `pagination` is read apart (`cursorOf`): a cursor that is not a
 * string ends the list instead of throwing away the pages read so far.
 */
const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), pagination: z.unknown().optional() });

/** Pages are asked for this many items at a time (Helix's maximum). */
const PAGE_SIZE = 100;

/**
 * At most this many items of one list are read: five times the 2,000 follows the benchmarks use.
 * A user who follows more sees the first 10,000 (most recently followed first).
 */
export const MAX_LIST_ITEMS = 10_000;

/**
 * At most this many pages of one list are read: twice what `MAX_LIST_ITEMS` needs at
 * `PAGE_SIZE` a page, so short pages still reach the item cap, and a Helix that keeps answering
 * with new cursors (or a page of one item each) stops after at most 200 requests.
 */
export const MAX_LIST_PAGES = 200;

/** Why a list was read only in part: what was read is kept and returned. */
export type IncompleteReason =
  /** A cursor Helix had already sent: following it would loop forever. */
  | 'repeatedCursor'
  /** `MAX_LIST_PAGES` pages read, and Helix still had a cursor. */
  | 'pageLimit'
  /** `MAX_LIST_ITEMS` items read, and Helix still had more. */
  | 'itemLimit'
  /** `pagination` or its cursor was there but not a string: read as the end of the list. */
  | 'invalidCursor';

export interface IncompleteList {
  path: string;
  reason: IncompleteReason;
  /** Pages requested, and items kept. */
  pages: number;
  items: number;
}

export interface PagingOptions {
  /** Told when a list was read only in part (by default, a warning in the console). */
  onIncomplete?: (incomplete: IncompleteList) => void;
}

function warnIncomplete(incomplete: IncompleteList): void {
  console.warn('Helix list read only in part', incomplete);
}

/**
 * The cursor of the next page: a non-empty string, or undefined at the end of the list. A
 * `pagination` or cursor of another type is the end too (`invalid`: it is worth a report).
 */
function cursorOf(pagination: unknown): { cursor?: string; invalid?: true } {
  if (pagination === undefined) return {};
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination))
    return { invalid: true };
  const cursor: unknown = (pagination as { cursor?: unknown }).cursor;
  if (cursor === undefined || cursor === '') return {};
  return typeof cursor === 'string' ? { cursor } : { invalid: true };
}

/**
 * Every page of a paginated Helix list, `PAGE_SIZE` at a time, following `pagination.cursor`.
 * Helix's answers are not trusted to end: a cursor seen before, `MAX_LIST_PAGES` pages or
 * `MAX_LIST_ITEMS` items stop the reading, and a cursor that is not a string is the end. What was
 * read is kept, and `onIncomplete` is told why it stopped early.
 */
async function allPages<T extends z.ZodType>(
  credentials: HelixCredentials,
  path: string,
  params: Record<string, string>,
  item: T,
  options: PagingOptions = {},
): Promise<z.infer<T>[]> {
  const report = options.onIncomplete ?? warnIncomplete;
  const items: z.infer<T>[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const query = new URLSearchParams({ ...params, first: String(PAGE_SIZE) });
    if (after) query.set('after', after);
    const answer = await helix(credentials, `${path}?${query}`, page(item));
    const room = MAX_LIST_ITEMS - items.length;
    items.push(...answer.data.slice(0, room));
    const { cursor, invalid } = cursorOf(answer.pagination);
    const stop = (reason: IncompleteReason) => {
      report({ path, reason, pages, items: items.length });
      return items;
    };
    if (answer.data.length > room || (cursor && items.length >= MAX_LIST_ITEMS))
      return stop('itemLimit');
    if (invalid) return stop('invalidCursor');
    if (!cursor || answer.data.length === 0) return items;
    if (seen.has(cursor)) return stop('repeatedCursor');
    if (pages >= MAX_LIST_PAGES) return stop('pageLimit');
    seen.add(cursor);
    after = cursor;
  }
}

/** Every channel `userId` follows (scope `user:read:follows`), most recently followed first. */
export const getFollowedChannels = (
  credentials: HelixCredentials,
  userId: string,
  options?: PagingOptions,
) => allPages(credentials, 'channels/followed', { user_id: userId }, followedChannel, options);

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
export const getFollowedStreams = (
  credentials: HelixCredentials,
  userId: string,
  options?: PagingOptions,
) => allPages(credentials, 'streams/followed', { user_id: userId }, followedStream, options);

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

/**
 * What the user's subscriptions cost now, everywhere: Get EventSub Subscriptions answers the
 * totals with its first page, which is all that is read.
 */
export async function getSubscriptionTotals(
  credentials: HelixCredentials,
): Promise<SubscriptionTotals> {
  const totals = await helix(
    credentials,
    'eventsub/subscriptions?status=enabled',
    subscriptionTotals,
  );
  return {
    total: totals.total,
    totalCost: totals.total_cost,
    maxTotalCost: totals.max_total_cost,
  };
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
