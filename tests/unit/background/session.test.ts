import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkSession, endSession, signIn, signOut } from '../../../lib/background/session';
import {
  authSession,
  requestedAccess,
  sessionEndedNotice,
  signInError,
  type AuthSession,
} from '../../../lib/settings';
import {
  CLIENT_ID,
  fakeTwitch,
  helixUser,
  offline,
  unauthorized,
  validated,
  viewerSession,
  type Answer,
} from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const REDIRECT = 'https://mopegfohpfbpglfngjfcfogemppmfpeo.chromiumapp.org/';
const TOKEN = 'newtoken0123456789';

/** The sign-in window: Twitch redirects back with a token for the state it was given. */
function twitchWindow(reply: (state: string) => string | undefined | Promise<string | undefined>) {
  const launch = vi.fn(async ({ url }: { url: string }) => {
    const state = new URL(url).searchParams.get('state')!;
    return reply(state);
  });
  fakeBrowser.identity.getRedirectURL = () => REDIRECT;
  fakeBrowser.identity.launchWebAuthFlow =
    launch as unknown as typeof fakeBrowser.identity.launchWebAuthFlow;
  return launch;
}

const granted = (state: string, token = TOKEN) =>
  `${REDIRECT}#access_token=${token}&scope=user%3Aread%3Achat&state=${state}&token_type=bearer`;

/** Twitch validates the token and knows the user; anything else is not expected. */
const twitchAccepts =
  (info: Parameters<typeof validated>[0] = {}): Answer =>
  ({ url }) => {
    if (url.pathname === '/oauth2/validate') return validated(info);
    if (url.pathname === '/helix/users')
      return Response.json({ data: [helixUser('viewer', '100003', 'Viewer')] });
    if (url.pathname === '/oauth2/revoke') return new Response(null, { status: 200 });
    throw new Error(`unexpected request ${url}`);
  };

const session = (overrides: Partial<AuthSession> = {}): AuthSession =>
  viewerSession({ accessToken: 'oldtoken0123456789', ...overrides });

const NO_ACCESS = { moderator: false, broadcaster: false, sendChat: false };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signIn', () => {
  it('stores the session Twitch validated, with the profile, and forgets an earlier error', async () => {
    await signInError.setValue({ message: 'earlier', at: 1 });
    await sessionEndedNotice.setValue({ at: 1, notified: true });
    const launch = twitchWindow((state) => granted(state));
    const seen = fakeTwitch(twitchAccepts());
    const access = { moderator: true, broadcaster: false, sendChat: false };

    expect(await signIn(access)).toEqual({ ok: true });

    const authorize = new URL(launch.mock.calls[0]![0].url);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(authorize.searchParams.get('scope')).toContain('moderator:read:followers');
    expect(launch.mock.calls[0]![0]).toMatchObject({ interactive: true });
    expect(
      seen.find((r) => r.url.pathname === '/oauth2/validate')!.headers.get('Authorization'),
    ).toBe(`OAuth ${TOKEN}`);
    expect(await authSession.getValue()).toMatchObject({
      accessToken: TOKEN,
      userId: '100003',
      login: 'viewer',
      displayName: 'Viewer',
      profileImageUrl: 'https://static-cdn.jtvnw.net/viewer.png',
      scopes: ['user:read:chat'],
    });
    expect((await authSession.getValue())!.expiresAt).toBeGreaterThan(Date.now() + 14_000_000);
    expect(await requestedAccess.getValue()).toEqual(access);
    expect(await signInError.getValue()).toBeNull();
    expect(await sessionEndedNotice.getValue()).toBeNull();
  });

  it('refuses a token issued to another application', async () => {
    twitchWindow((state) => granted(state));
    fakeTwitch(twitchAccepts({ client_id: 'someoneelse000000000000' }));
    const result = await signIn(NO_ACCESS);
    expect(result).toEqual({
      ok: false,
      error: 'Twitch issued a token for another application. Please try again.',
    });
    expect(await authSession.getValue()).toBeNull();
    expect(await signInError.getValue()).toMatchObject({ message: result.ok ? '' : result.error });
  });

  it('changes nothing when the window is closed, the state does not match or access is declined', async () => {
    await authSession.setValue(session());
    const before = await authSession.getValue();
    const seen = fakeTwitch(twitchAccepts());

    twitchWindow(() => Promise.reject(new Error('The user did not approve access.')));
    expect(await signIn(NO_ACCESS)).toEqual({
      ok: false,
      error: 'The Twitch sign-in window was closed before you finished. Nothing was changed.',
    });
    twitchWindow(() => granted('forged-state'));
    expect(await signIn(NO_ACCESS)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not match/),
    });
    twitchWindow((state) => `${REDIRECT}?error=access_denied&state=${state}`);
    expect(await signIn(NO_ACCESS)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/declined/),
    });
    twitchWindow(() => undefined);
    expect(await signIn(NO_ACCESS)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not finish/),
    });

    expect(seen).toHaveLength(0);
    expect(await authSession.getValue()).toEqual(before);
    expect(await signInError.getValue()).toMatchObject({
      message: expect.stringMatching(/did not finish/),
    });
  });

  it('tells a refused token from an unreachable Twitch', async () => {
    twitchWindow((state) => granted(state));
    fakeTwitch(unauthorized);
    expect(await signIn(NO_ACCESS)).toEqual({
      ok: false,
      error: 'Twitch did not accept the new session. Please try again.',
    });
    fakeTwitch(offline);
    expect(await signIn(NO_ACCESS)).toEqual({
      ok: false,
      error: 'Could not reach Twitch to finish signing in.',
    });
    expect(await authSession.getValue()).toBeNull();
  });

  it('runs one sign-in at a time: a second click joins the one in progress', async () => {
    let finish!: (url: string) => void;
    const launch = twitchWindow(() => new Promise<string>((resolve) => (finish = resolve)));
    fakeTwitch(twitchAccepts());
    const first = signIn(NO_ACCESS);
    const second = signIn(NO_ACCESS);
    await vi.waitFor(() => expect(launch).toHaveBeenCalled());
    const state = new URL(launch.mock.calls[0]![0].url).searchParams.get('state')!;
    finish(granted(state));
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: true });
    expect(launch).toHaveBeenCalledTimes(1);
  });
});

describe('signOut', () => {
  it('forgets the session and revokes the token on Twitch', async () => {
    await authSession.setValue(session());
    const seen = fakeTwitch(twitchAccepts());
    expect(await signOut()).toEqual({ ok: true });
    expect(await authSession.getValue()).toBeNull();
    const revoke = seen.find((r) => r.url.pathname === '/oauth2/revoke')!;
    expect(revoke.method).toBe('POST');
    expect(new URLSearchParams(revoke.body)).toEqual(
      new URLSearchParams({ client_id: CLIENT_ID, token: 'oldtoken0123456789' }),
    );
  });

  it('forgets the session even when Twitch cannot be reached', async () => {
    await authSession.setValue(session());
    fakeTwitch(offline);
    expect(await signOut()).toEqual({ ok: true });
    expect(await authSession.getValue()).toBeNull();
  });
});

describe('endSession', () => {
  it('forgets the token and tells the user once, however often it ends', async () => {
    await authSession.setValue(session());
    await endSession('Twitch ended your session.');
    expect(await authSession.getValue()).toBeNull();
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual(['session-ended']);
    expect(shown['session-ended']).toMatchObject({
      title: 'Sign in to Twitch again',
      message: expect.stringMatching(/^Twitch ended your session\. .*recorded events are kept/),
    });

    await fakeBrowser.notifications.clear('session-ended');
    await authSession.setValue(session());
    await endSession('Access to Twitch was revoked.');
    expect(await authSession.getValue()).toBeNull();
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('does nothing while signed out', async () => {
    await endSession('Twitch ended your session.');
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
    expect(await sessionEndedNotice.getValue()).toBeNull();
  });
});

describe('checkSession', () => {
  it('refreshes scopes and expiry from Twitch', async () => {
    await authSession.setValue(session({ scopes: [] }));
    fakeTwitch(twitchAccepts({ scopes: ['user:read:chat', 'bits:read'] }));
    const checked = await checkSession();
    expect(checked).toMatchObject({ scopes: ['user:read:chat', 'bits:read'] });
    expect(checked!.expiresAt).toBeGreaterThan(Date.now() + 14_000_000);
    expect(await authSession.getValue()).toEqual(checked);
  });

  it('ends an expired session without asking Twitch', async () => {
    await authSession.setValue(session({ expiresAt: Date.now() - 1 }));
    const seen = fakeTwitch(twitchAccepts());
    expect(await checkSession()).toBeNull();
    expect(seen).toHaveLength(0);
    expect(await authSession.getValue()).toBeNull();
    expect(fakeBrowser.notifications.getAllCreateOptions()['session-ended']).toMatchObject({
      message: expect.stringMatching(/^Your Twitch session expired\./),
    });
  });

  it('ends the session when Twitch answers 401', async () => {
    await authSession.setValue(session());
    fakeTwitch(unauthorized);
    expect(await checkSession()).toBeNull();
    expect(await authSession.getValue()).toBeNull();
    expect(fakeBrowser.notifications.getAllCreateOptions()['session-ended']).toMatchObject({
      message: expect.stringMatching(/^Twitch ended your session\./),
    });
  });

  it('keeps the session when Twitch cannot be reached or has trouble', async () => {
    const kept = session();
    await authSession.setValue(kept);
    fakeTwitch(offline);
    expect(await checkSession()).toEqual(kept);
    fakeTwitch(() => new Response('', { status: 503 }));
    expect(await checkSession()).toEqual(kept);
    expect(await authSession.getValue()).toEqual(kept);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('is nothing to check while signed out', async () => {
    const seen = fakeTwitch(twitchAccepts());
    expect(await checkSession()).toBeNull();
    expect(seen).toHaveLength(0);
  });
});
