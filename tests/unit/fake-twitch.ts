/**
 * Twitch at the fetch level, for unit tests: `id.twitch.tv` (validate, revoke) and the Helix
 * calls the background makes. Each test says how Twitch answers; every request is kept.
 */
import { vi } from 'vitest';
import type { AuthSession } from '../../lib/settings';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

export type Answer = (request: SeenRequest) => Response | Promise<Response>;

import { CLIENT_ID } from './configured';

export { CLIENT_ID };

/** Installs a fetch that answers with `answer`; returns the requests it saw. */
export function fakeTwitch(answer: Answer): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
      const request: SeenRequest = {
        method: init.method ?? 'GET',
        url: new URL(String(input)),
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? init.body : undefined,
      };
      seen.push(request);
      return answer(request);
    }),
  );
  return seen;
}

/** Twitch's answer to GET /oauth2/validate for a valid token. */
export function validated(
  info: Partial<{ client_id: string; login: string; user_id: string; scopes: string[] }> = {},
  expiresIn = 14_400,
): Response {
  return Response.json({
    client_id: CLIENT_ID,
    login: 'viewer',
    user_id: '100003',
    scopes: ['user:read:chat'],
    expires_in: expiresIn,
    ...info,
  });
}

export const unauthorized = () =>
  Response.json({ status: 401, message: 'invalid access token' }, { status: 401 });

export const offline = (): Response => {
  throw new TypeError('Failed to fetch');
};

export function helixUser(login: string, id: string, displayName = login) {
  return {
    id,
    login,
    display_name: displayName,
    type: '',
    broadcaster_type: '',
    description: '',
    profile_image_url: `https://static-cdn.jtvnw.net/${login}.png`,
    offline_image_url: '',
    created_at: '2020-01-01T00:00:00Z',
  };
}

/** A signed-in viewer's session, valid for an hour, as the background keeps it. */
export const viewerSession = (overrides: Partial<AuthSession> = {}): AuthSession => ({
  accessToken: 'token0123456789',
  userId: '100003',
  login: 'viewer',
  displayName: 'Viewer',
  scopes: ['user:read:chat'],
  expiresAt: Date.now() + 3_600_000,
  validatedAt: Date.now(),
  ...overrides,
});
