/**
 * Twitch OAuth (implicit grant) for an extension: building the authorize URL, reading the
 * redirect it comes back with, and the validate / revoke endpoints.
 */
import { z } from 'zod';
import { TWITCH_ID_URL } from '../config';
import { t } from '../i18n';

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  forceVerify?: boolean;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(`${TWITCH_ID_URL}/authorize`);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', request.state);
  if (request.forceVerify) url.searchParams.set('force_verify', 'true');
  return url.toString();
}

/** A random `state` value: 128 bits, hex. */
export function createState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type AuthRedirectResult =
  | { ok: true; accessToken: string; scopes: string[] }
  | {
      ok: false;
      error: 'access_denied' | 'state_mismatch' | 'malformed' | string;
      message: string;
    };

/**
 * Reads the URL Twitch redirected to. Success comes in the fragment
 * (`#access_token=…&scope=…&state=…`), a refusal in the query (`?error=…&state=…`).
 * The state must match the one sent, or the result is rejected.
 */
export function parseAuthRedirect(redirectUrl: string, expectedState: string): AuthRedirectResult {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    return {
      ok: false,
      error: 'malformed',
      message: t('errors.unreadableAddress'),
    };
  }
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const query = url.searchParams;
  const params =
    fragment.has('state') || fragment.has('access_token') || fragment.has('error')
      ? fragment
      : query;
  const state = params.get('state');
  if (state !== expectedState) {
    return {
      ok: false,
      error: 'state_mismatch',
      message: t('errors.stateMismatch'),
    };
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description')?.replaceAll('+', ' ');
    return {
      ok: false,
      error,
      message:
        error === 'access_denied'
          ? t('errors.declined')
          : description
            ? t('errors.refusedBecause', [description])
            : t('errors.refused'),
    };
  }
  const accessToken = params.get('access_token');
  if (!accessToken || !/^[A-Za-z0-9_-]{10,}$/.test(accessToken)) {
    return { ok: false, error: 'malformed', message: t('errors.noToken') };
  }
  const scopes = (params.get('scope') ?? '').split(/[ +]/).filter(Boolean).map(decodeURIComponent);
  return { ok: true, accessToken, scopes };
}

const validateResponse = z.object({
  client_id: z.string(),
  login: z.string(),
  user_id: z.string(),
  scopes: z
    .array(z.string())
    .nullable()
    .transform((s) => s ?? []),
  expires_in: z.number(),
});
export type TokenInfo = z.infer<typeof validateResponse>;

export class TokenInvalidError extends Error {
  readonly statusCode = 401;

  constructor() {
    super(t('errors.sessionHasEnded'));
    this.name = 'TokenInvalidError';
  }
}

/** GET /oauth2/validate. Throws TokenInvalidError on 401, a plain Error on anything else. */
export async function validateToken(
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<TokenInfo> {
  const response = await fetchImpl(`${TWITCH_ID_URL}/validate`, {
    headers: { Authorization: `OAuth ${accessToken}` },
  });
  if (response.status === 401) throw new TokenInvalidError();
  if (!response.ok) throw new Error(t('errors.validateFailed', [String(response.status)]));
  return validateResponse.parse(await response.json());
}

/**
 * POST /oauth2/revoke. Resolves once Twitch confirmed the token is no longer valid: revoked now
 * (200), or already invalid (400 "Invalid token"). Throws on anything else, offline included, so
 * the caller can try again later.
 */
export async function revokeToken(
  clientId: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const response = await fetchImpl(`${TWITCH_ID_URL}/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, token: accessToken }).toString(),
    // A stalled connection counts as a failure (to be retried), not as a wait without end.
    signal: AbortSignal.timeout(15_000),
  });
  if (response.ok) return;
  if (response.status === 400) {
    const body = (await response.json().catch(() => ({}))) as { message?: unknown };
    if (typeof body.message === 'string' && /invalid token/i.test(body.message)) return;
  }
  throw new Error(t('errors.revokeFailed', [String(response.status)]));
}
