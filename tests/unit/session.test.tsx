import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Avatar } from '../../components/common/Avatar';
import { retryRevocations, signOut, syncProfile } from '../../lib/background/session';
import {
  authProfile,
  authSession,
  pendingRevocations,
  type AuthProfile,
  type AuthSession,
} from '../../lib/settings';
import { revokeToken } from '../../lib/twitch/auth';
import { twitchImageUrl } from '../../lib/twitch/images';

const SESSION: AuthSession = {
  accessToken: 'secrettoken0123456789',
  userId: '100003',
  login: 'demo_viewer',
  displayName: 'DemoViewer',
  profileImageUrl: 'https://static-cdn.jtvnw.net/jtv_user_pictures/demo_viewer.png',
  scopes: ['user:read:chat'],
  expiresAt: Date.now() + 3_600_000,
  validatedAt: Date.now(),
};

/** Twitch's revoke endpoint, answering with `status` (or unreachable); records the tokens sent. */
function twitchRevoke(answer: number | 'offline') {
  const tokens: string[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    expect(url).toBe('https://id.twitch.tv/oauth2/revoke');
    tokens.push(new URLSearchParams(String(init?.body)).get('token') ?? '');
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    const body = answer === 400 ? JSON.stringify({ status: 400, message: 'Invalid token' }) : '';
    return new Response(body || null, { status: answer });
  });
  vi.stubGlobal('fetch', fetchMock);
  return tokens;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('revoking the token', () => {
  beforeEach(async () => {
    await authSession.setValue(SESSION);
    await authProfile.setValue(null);
  });

  it('checks Twitch’s answer: only 200 or “Invalid token” count as revoked', async () => {
    for (const [status, body, ok] of [
      [200, null, true],
      [400, '{"status":400,"message":"Invalid token"}', true],
      [400, '{"status":400,"message":"missing client_id or token"}', false],
      [500, null, false],
    ] as const) {
      const fetchImpl = vi.fn(async () => new Response(body, { status }));
      const result = revokeToken('client', 'tok', fetchImpl).then(
        () => true,
        () => false,
      );
      expect(await result, `${status} ${body}`).toBe(ok);
    }
  });

  it('signs out at once, and keeps a revocation Twitch did not confirm until a retry succeeds', async () => {
    const offline = twitchRevoke('offline');
    expect(await signOut()).toEqual({ ok: true });
    expect(offline).toEqual([SESSION.accessToken]);
    expect(await authSession.getValue()).toBeNull();
    expect(await authProfile.getValue()).toBeNull();
    // Kept in storage (storage.local), so a browser restart does not lose it.
    expect(await pendingRevocations.getValue()).toEqual([SESSION.accessToken]);

    const failing = twitchRevoke(503);
    await retryRevocations();
    expect(failing).toEqual([SESSION.accessToken]);
    expect(await pendingRevocations.getValue()).toEqual([SESSION.accessToken]);

    const online = twitchRevoke(200);
    await retryRevocations();
    expect(online).toEqual([SESSION.accessToken]);
    expect(await pendingRevocations.getValue()).toEqual([]);

    const nothingLeft = twitchRevoke(200);
    await retryRevocations();
    expect(nothingLeft).toEqual([]);
  });

  it('forgets nothing when the revocation succeeds at once', async () => {
    const online = twitchRevoke(200);
    await signOut();
    expect(online).toEqual([SESSION.accessToken]);
    expect(await pendingRevocations.getValue()).toEqual([]);
  });
});

describe('what the pages read', () => {
  it('is a profile without the token', async () => {
    await authSession.setValue(SESSION);
    await authProfile.setValue(null);
    await syncProfile();
    const profile = await authProfile.getValue();
    expect(profile).toEqual({
      userId: '100003',
      login: 'demo_viewer',
      displayName: 'DemoViewer',
      profileImageUrl: SESSION.profileImageUrl,
      scopes: ['user:read:chat'],
      expiresAt: SESSION.expiresAt,
    });
    expect(JSON.stringify(profile)).not.toContain(SESSION.accessToken);
  });

  it('gains the user id when an older install stored a profile without it', async () => {
    await authSession.setValue(SESSION);
    const { accessToken: _token, userId: _id, validatedAt: _at, ...older } = SESSION;
    await authProfile.setValue(older as AuthProfile);
    await syncProfile();
    expect(await authProfile.getValue()).toMatchObject({ userId: '100003', login: 'demo_viewer' });
  });
});

describe('pictures from Twitch', () => {
  it('are used only over https from Twitch’s image CDN', () => {
    const good = 'https://static-cdn.jtvnw.net/jtv_user_pictures/a-profile_image-300x300.png';
    expect(twitchImageUrl(good)).toBe(good);
    for (const bad of [
      'http://static-cdn.jtvnw.net/jtv_user_pictures/a.png',
      'https://static-cdn.jtvnw.net.evil.example/a.png',
      'https://evil.example/static-cdn.jtvnw.net/a.png',
      'https://user:pass@static-cdn.jtvnw.net/a.png',
      'https://static-cdn.jtvnw.net:8443/a.png',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
      '//static-cdn.jtvnw.net/a.png',
      'not a url',
      '',
      undefined,
    ]) {
      expect(twitchImageUrl(bad), String(bad)).toBeUndefined();
    }
  });

  it('show the placeholder when they come from anywhere else', () => {
    const { container } = render(
      <>
        <Avatar url="https://tracker.example/pixel.png" name="Mallory" />
        <Avatar url="https://static-cdn.jtvnw.net/jtv_user_pictures/ok.png" name="Alice" />
      </>,
    );
    const images = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(images).toEqual(['https://static-cdn.jtvnw.net/jtv_user_pictures/ok.png']);
    expect(screen.getByText('M')).toBeInTheDocument();
  });
});
