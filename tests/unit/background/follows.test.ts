import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  goLiveChannel,
  onPollRecorded,
  onPopupOpened,
  pollLiveNow,
  refreshFollows,
} from '../../../lib/background/follows';
import { database, type StoredEvent } from '../../../lib/db/database';
import {
  authSession,
  favorites,
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

  it('ends the session on a 401 while importing the follows', async () => {
    fakeTwitch(unauthorized);
    await refreshFollows(true);
    expect(await authSession.getValue()).toBeNull();
    expect(await follows.getValue()).toBeNull();
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

  it('polls a favorite the user does not follow by id and records its changes as events', async () => {
    await favorites.setValue([
      { id: '1', login: 'chessfan', displayName: 'ChessFan', addedAt: 1 },
      { id: '9', login: 'lumenfox', displayName: 'LumenFox', addedAt: 2 },
    ]);
    fakeTwitch(twitch([]));
    await refreshFollows(true);
    const told: StoredEvent[] = [];
    onPollRecorded((events) => told.push(...events));
    let fox: ReturnType<typeof stream>[] = [];
    const seen = fakeTwitch((request) => {
      const { url } = request;
      if (url.pathname === '/helix/streams')
        return Response.json({
          data: fox.filter((s) => url.searchParams.getAll('user_id').includes(s.user_id)),
          pagination: {},
        });
      return twitch([])(request);
    });
    const byId = () =>
      seen
        .filter((r) => r.url.pathname === '/helix/streams')
        .map((r) => r.url.searchParams.getAll('user_id'));

    await pollLiveNow(); // offline: the first look
    expect(byId()).toEqual([['9']]); // chessfan is followed: Get Followed Streams covers it
    fox = [stream('9', 'lumenfox')];
    await pollLiveNow();
    expect((await liveStreams.getValue())?.streams.map((s) => s.login)).toEqual(['lumenfox']);
    fox = [{ ...stream('9', 'lumenfox'), title: 'Endgame drills' }];
    await pollLiveNow();
    await pollLiveNow(); // nothing new

    expect(told.map((e) => [e.type, e.channelId, e.source])).toEqual([
      ['stream.online', '9', 'poll'],
      ['channel.update', '9', 'poll'],
    ]);
    const stored = await database()
      .events.filter((e) => e.channelId === '9')
      .toArray();
    expect(stored.map((e) => e.type).sort()).toEqual(['channel.update', 'stream.online']);
    // Its go-live notifies as an event of the favorite, not as a followed channel's go-live.
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([]);
  });

  it('without the follows scope, polls only the favorites, by id', async () => {
    await authSession.setValue(session(['user:read:chat']));
    await favorites.setValue([{ id: '9', login: 'lumenfox', displayName: 'LumenFox', addedAt: 1 }]);
    const seen = fakeTwitch(({ url }) =>
      url.pathname === '/helix/streams'
        ? Response.json({ data: [stream('9', 'lumenfox')], pagination: {} })
        : twitch([])({ url } as never),
    );
    await pollLiveNow();
    expect(seen.map((r) => r.url.pathname)).toEqual(['/helix/streams', '/helix/users']);
    expect((await liveStreams.getValue())?.streams.map((s) => s.login)).toEqual(['lumenfox']);
  });
});

describe('popup openings', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('share a poll that started less than 15 s before; the poll alarm still polls', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000); // well after the polls of the tests before
    const seen = fakeTwitch(twitch([stream('1', 'chessfan')]));
    const polls = () => seen.filter((r) => r.url.pathname === '/helix/streams/followed').length;
    const imports = () => seen.filter((r) => r.url.pathname === '/helix/channels/followed').length;

    await onPopupOpened();
    expect([polls(), imports()]).toEqual([1, 1]);
    vi.setSystemTime(Date.now() + 5_000);
    await onPopupOpened();
    await onPopupOpened();
    expect(polls()).toBe(1);
    await pollLiveNow(); // the poll alarm
    expect(polls()).toBe(2);
    vi.setSystemTime(Date.now() + 14_000);
    await onPopupOpened(); // 14 s after the alarm's poll
    expect(polls()).toBe(2);
    vi.setSystemTime(Date.now() + 1_000);
    await onPopupOpened();
    expect([polls(), imports()]).toEqual([3, 1]); // the follows are an hour fresh
  });
});
