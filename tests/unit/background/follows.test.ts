import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { goLiveChannel, pollLiveNow, refreshFollows } from '../../../lib/background/follows';
import {
  authSession,
  follows,
  liveStreams,
  sessionEndedNotice,
  type AuthSession,
} from '../../../lib/settings';
import { fakeTwitch, helixUser, unauthorized, type Answer } from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);
vi.mock('../../../lib/background/badge', () => ({ refreshBadge: vi.fn(async () => undefined) }));

function session(scopes = ['user:read:chat', 'user:read:follows']): AuthSession {
  return {
    accessToken: 'token0123456789',
    userId: '100003',
    login: 'viewer',
    displayName: 'Viewer',
    scopes,
    expiresAt: Date.now() + 3_600_000,
    validatedAt: Date.now(),
  };
}

function stream(id: string, login: string, startedAt = new Date().toISOString()) {
  return {
    id: `s${id}`,
    user_id: id,
    user_login: login,
    user_name: login.toUpperCase(),
    game_name: 'Chess',
    type: 'live',
    title: 'Opening prep',
    viewer_count: 10,
    started_at: startedAt,
  };
}

const twitch =
  (streams: ReturnType<typeof stream>[]): Answer =>
  ({ url }) => {
    if (url.pathname === '/helix/users')
      return Response.json({
        data: url.searchParams.getAll('id').map((id) => helixUser(`u${id}`, id)),
      });
    if (url.pathname === '/helix/streams/followed')
      return Response.json({ data: streams, pagination: {} });
    if (url.pathname === '/helix/channels/followed')
      return Response.json({
        total: 1,
        data: [
          {
            broadcaster_id: '1',
            broadcaster_login: 'chessfan',
            broadcaster_name: 'ChessFan',
            followed_at: '2026-01-01T00:00:00Z',
          },
        ],
        pagination: {},
      });
    throw new Error(`unexpected ${url}`);
  };

beforeEach(async () => {
  await authSession.setValue(session());
});

describe('the live poll in the background', () => {
  it('announces a fresh go-live once, with an id that names the channel', async () => {
    fakeTwitch(twitch([stream('1', 'chessfan'), stream('2', 'oldnews', '2020-01-01T00:00:00Z')]));
    await pollLiveNow();
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual(['golive:chessfan:s1']);
    expect(shown['golive:chessfan:s1']).toMatchObject({
      title: 'CHESSFAN is live',
      message: 'Chess — Opening prep',
    });
    expect(goLiveChannel('golive:chessfan:s1')).toBe('chessfan');
    expect(goLiveChannel('event:abc')).toBeUndefined();
    expect((await liveStreams.getValue())?.streams.map((s) => s.login)).toEqual([
      'chessfan',
      'oldnews',
    ]);

    await fakeBrowser.notifications.clear('golive:chessfan:s1');
    await pollLiveNow();
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('makes no request without the follows scope, and keeps no list', async () => {
    await authSession.setValue(session(['user:read:chat']));
    const seen = fakeTwitch(twitch([stream('1', 'chessfan')]));
    await pollLiveNow();
    await refreshFollows(true);
    expect(seen).toEqual([]);
    expect(await liveStreams.getValue()).toBeNull();
    expect(await follows.getValue()).toBeNull();
  });

  it('ends the session on a 401', async () => {
    fakeTwitch(unauthorized);
    await pollLiveNow();
    expect(await authSession.getValue()).toBeNull();
    expect(await sessionEndedNotice.getValue()).not.toBeNull();
  });

  it('imports the follows, and again only when forced or an hour old', async () => {
    const seen = fakeTwitch(twitch([]));
    await refreshFollows();
    expect((await follows.getValue())?.channels.map((c) => c.login)).toEqual(['chessfan']);
    await refreshFollows();
    expect(seen).toHaveLength(1);
    await refreshFollows(true);
    expect(seen).toHaveLength(2);
  });
});
