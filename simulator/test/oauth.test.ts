import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_REDIRECT_URI } from '../tokens.js';
import { useTestSim } from './support.js';

const sim = useTestSim();

const authorizeUrl = (params: Record<string, string>): string =>
  `https://id.twitch.tv/oauth2/authorize?${new URLSearchParams({
    response_type: 'token',
    client_id: DEMO_CLIENT_ID,
    redirect_uri: DEMO_REDIRECT_URI,
    scope: 'user:read:chat user:write:chat',
    state: 'st4te-123',
    ...params,
  }).toString()}`;

/** Opens the consent page and presses a button, like the tester would. */
async function consent(
  url: string,
  choice: { login?: string; deny?: true },
  cookie?: string,
): Promise<Response> {
  const page = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  expect(page.status).toBe(200);
  const html = await page.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  expect(request).toBeTruthy();
  const form = new URLSearchParams({ request: request ?? '' });
  if (choice.login) form.set('login', choice.login);
  if (choice.deny) form.set('action', 'deny');
  return fetch('https://id.twitch.tv/oauth2/authorize', {
    method: 'POST',
    redirect: 'manual',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });
}

describe('authorize (implicit grant)', () => {
  it('shows a consent page with the accounts, a deny button and the scopes in words', async () => {
    const html = await (await fetch(authorizeUrl({}))).text();
    for (const login of ['demo', 'demo_mod', 'demo_viewer'])
      expect(html).toContain(`data-login="${login}"`);
    expect(html).toContain('data-action="deny"');
    expect(html).toContain('Receive chat messages');
    expect(html).toContain('Send chat messages as you');
  });

  it('redirects with the token, scope, state and token_type in the fragment', async () => {
    const res = await consent(authorizeUrl({}), { login: 'demo_viewer' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${DEMO_REDIRECT_URI}#`)).toBe(true);
    const fragment = new URLSearchParams(location.split('#')[1]);
    expect(fragment.get('state')).toBe('st4te-123');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('scope')).toBe('user:read:chat user:write:chat');
    const token = fragment.get('access_token') ?? '';
    expect(token).toMatch(/^[a-z0-9]{30}$/);
    const v = await fetch('https://id.twitch.tv/oauth2/validate', {
      headers: { Authorization: `OAuth ${token}` },
    });
    expect(v.status).toBe(200);
    const body = (await v.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      client_id: DEMO_CLIENT_ID,
      login: 'demo_viewer',
      user_id: '100003',
      scopes: ['user:read:chat', 'user:write:chat'],
    });
    expect(body.expires_in).toBeGreaterThan(0);
  });

  it('redirects a refusal with error=access_denied and the state in the query', async () => {
    const res = await consent(authorizeUrl({ state: 'deny-me' }), { deny: true });
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(DEMO_REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('deny-me');
    expect(location.hash).toBe('');
  });

  it('refuses an unregistered redirect_uri or client id with an error page', async () => {
    const bad = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/' }), {
      redirect: 'manual',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('redirect_mismatch');
    const client = await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' });
    expect(client.status).toBe(400);
    const firefox = await fetch(
      authorizeUrl({ redirect_uri: `https://${'a'.repeat(40)}.extensions.allizom.org/` }),
    );
    expect(firefox.status).toBe(200);
  });

  it('remembers a grant with a cookie and skips the page unless force_verify', async () => {
    const first = await consent(authorizeUrl({ scope: 'user:read:chat' }), { login: 'demo_mod' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain('=');
    const again = await fetch(authorizeUrl({ scope: 'user:read:chat', state: 's2' }), {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(again.status).toBe(302);
    const fragment = new URLSearchParams((again.headers.get('location') ?? '').split('#')[1]);
    expect(fragment.get('state')).toBe('s2');
    expect(sim.control.tokens().find((t) => t.token === fragment.get('access_token'))?.login).toBe(
      'demo_mod',
    );
    // More scopes than granted: the page again.
    const more = await fetch(authorizeUrl({ scope: 'user:read:chat moderator:read:followers' }), {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(more.status).toBe(200);
    const forced = await fetch(authorizeUrl({ scope: 'user:read:chat', force_verify: 'true' }), {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(forced.status).toBe(200);
  });

  it('redirects unknown scopes with error=invalid_scope', async () => {
    const res = await fetch(authorizeUrl({ scope: 'user:read:chat made:up' }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_scope',
    );
  });
});

describe('validate and revoke', () => {
  it('answers 401 with Twitch’s body for an unknown token', async () => {
    const res = await fetch('https://id.twitch.tv/oauth2/validate', {
      headers: { Authorization: 'OAuth nope' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ status: 401, message: 'invalid access token' });
  });

  it('revokes with a form body', async () => {
    const token = await sim.token('demo_viewer', ['user:read:chat']);
    const res = await fetch('https://id.twitch.tv/oauth2/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DEMO_CLIENT_ID, token }),
    });
    expect(res.status).toBe(200);
    const v = await fetch('https://id.twitch.tv/oauth2/validate', {
      headers: { Authorization: `OAuth ${token}` },
    });
    expect(v.status).toBe(401);
  });

  it('expires and revokes tokens from the control surface', async () => {
    const a = await sim.token('demo', []);
    const b = await sim.token('demo_mod', []);
    expect(sim.control.expireToken({ token: a }).expired).toEqual([a]);
    expect((await sim.http('revokeToken', { login: 'demo_mod' })).status).toBe(200);
    for (const t of [a, b]) {
      const v = await fetch('https://id.twitch.tv/oauth2/validate', {
        headers: { Authorization: `OAuth ${t}` },
      });
      expect(v.status).toBe(401);
    }
    const states = sim.control.tokens();
    expect(states.find((t) => t.token === a)?.state).toBe('expired');
    expect(states.find((t) => t.token === b)?.state).toBe('revoked');
  });
});
