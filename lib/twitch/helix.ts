/**
 * The few Helix calls made outside the listener (looking up channels, stream status, sending
 * chat). Every response is checked against a schema before use.
 */
import { z } from 'zod';
import { TWITCH_HELIX_URL } from '../config';
import { TokenInvalidError } from './auth';

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
}

async function helix<T extends z.ZodType>(
  credentials: HelixCredentials,
  path: string,
  schema: T,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<T>> {
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
  if (!response.ok) {
    let message = `Twitch answered ${response.status}`;
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string' && body.message) message = body.message;
    } catch {
      // keep the status line
    }
    throw new HelixError(response.status, message);
  }
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

export async function getUsersByLogin(
  credentials: HelixCredentials,
  logins: string[],
): Promise<HelixUser[]> {
  const query = new URLSearchParams();
  for (const login of logins) query.append('login', login);
  return (await helix(credentials, `users?${query}`, list(user))).data;
}

export async function getUsersById(
  credentials: HelixCredentials,
  ids: string[],
): Promise<HelixUser[]> {
  const query = new URLSearchParams();
  for (const id of ids) query.append('id', id);
  return (await helix(credentials, `users?${query}`, list(user))).data;
}

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
