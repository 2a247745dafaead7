import { describe, expect, it, vi } from 'vitest';
import {
  TokenInvalidError,
  buildAuthorizeUrl,
  createState,
  parseAuthRedirect,
  validateToken,
} from '../../lib/twitch/auth';

const REDIRECT = 'https://mopegfohpfbpglfngjfcfogemppmfpeo.chromiumapp.org/';

describe('buildAuthorizeUrl', () => {
  it('asks for an implicit grant with every parameter Twitch needs', () => {
    const url = new URL(
      buildAuthorizeUrl({
        clientId: 'abc',
        redirectUri: REDIRECT,
        scopes: ['user:read:chat', 'bits:read'],
        state: 's1',
        forceVerify: true,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://id.twitch.tv/oauth2/authorize');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('abc');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('scope')).toBe('user:read:chat bits:read');
    expect(url.searchParams.get('state')).toBe('s1');
    expect(url.searchParams.get('force_verify')).toBe('true');
  });

  it('creates unpredictable states', () => {
    const a = createState();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(createState()).not.toBe(a);
  });
});

describe('parseAuthRedirect', () => {
  it('reads the token and scopes from the fragment', () => {
    const result = parseAuthRedirect(
      `${REDIRECT}#access_token=abcdefghij0123456789&scope=user%3Aread%3Achat+bits%3Aread&state=xyz&token_type=bearer`,
      'xyz',
    );
    expect(result).toEqual({
      ok: true,
      accessToken: 'abcdefghij0123456789',
      scopes: ['user:read:chat', 'bits:read'],
    });
  });

  it('rejects an answer whose state does not match', () => {
    const result = parseAuthRedirect(
      `${REDIRECT}#access_token=abcdefghij0123456789&state=other`,
      'xyz',
    );
    expect(result).toMatchObject({ ok: false, error: 'state_mismatch' });
  });

  it('turns a refusal into a clear message', () => {
    const result = parseAuthRedirect(
      `${REDIRECT}?error=access_denied&error_description=The+user+denied+you+access&state=xyz`,
      'xyz',
    );
    expect(result).toMatchObject({ ok: false, error: 'access_denied' });
    expect(!result.ok && result.message).toMatch(/declined/);
  });

  it('rejects a redirect without a token', () => {
    expect(parseAuthRedirect(`${REDIRECT}#state=xyz`, 'xyz')).toMatchObject({
      ok: false,
      error: 'malformed',
    });
    expect(parseAuthRedirect('not a url', 'xyz')).toMatchObject({ ok: false, error: 'malformed' });
  });
});

describe('validateToken', () => {
  it('returns what Twitch says about the token', async () => {
    const fetchImpl = vi.fn(async () =>
      Response.json({
        client_id: 'abc',
        login: 'demo_viewer',
        user_id: '100003',
        scopes: ['user:read:chat'],
        expires_in: 3600,
      }),
    );
    const info = await validateToken('tok', fetchImpl);
    expect(info.user_id).toBe('100003');
    expect(fetchImpl).toHaveBeenCalledWith('https://id.twitch.tv/oauth2/validate', {
      headers: { Authorization: 'OAuth tok' },
    });
  });

  it('throws TokenInvalidError on 401', async () => {
    const fetchImpl = vi.fn(async () =>
      Response.json({ status: 401, message: 'invalid access token' }, { status: 401 }),
    );
    await expect(validateToken('tok', fetchImpl)).rejects.toBeInstanceOf(TokenInvalidError);
  });

  it('rejects a response of the wrong shape', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ login: 42 }));
    await expect(validateToken('tok', fetchImpl)).rejects.toThrow();
  });
});
