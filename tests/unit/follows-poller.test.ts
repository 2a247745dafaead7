import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFollows, pollLive } from '../../lib/follows/poller';
import type { FollowsState } from '../../lib/settings';
import { TokenInvalidError } from '../../lib/twitch/auth';
import { CLIENT_ID, fakeTwitch, helixUser, offline, unauthorized } from './fake-twitch';

const credentials = { clientId: CLIENT_ID, accessToken: 'token0123456789' };
const USER = '100003';

/** `count` follows, newest first, served 100 (or `first`) a page with a cursor. */
function followedChannels(count: number) {
  const all = Array.from({ length: count }, (_, i) => ({
    broadcaster_id: String(200000 + i),
    broadcaster_login: `channel${i}`,
    broadcaster_name: `Channel${i}`,
    followed_at: '2026-01-01T00:00:00Z',
  }));
  return (url: URL) => {
    const first = Number(url.searchParams.get('first') ?? 20);
    const start = Number(url.searchParams.get('after') ?? 0);
    const data = all.slice(start, start + first);
    const next = start + first < all.length ? String(start + first) : undefined;
    return Response.json({ total: all.length, data, pagination: next ? { cursor: next } : {} });
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('importing the follows', () => {
  it('reads every page, 100 at a time', async () => {
    const answer = followedChannels(250);
    const seen = fakeTwitch(({ url }) => answer(url));
    const state = await importFollows(credentials, USER, null, 1234);
    expect(state.channels).toHaveLength(250);
    expect(state.channels[249]).toMatchObject({ id: '200249', login: 'channel249' });
    expect(state.fetchedAt).toBe(1234);
    expect(state.error).toBeUndefined();
    expect(seen.map((r) => r.url.pathname)).toEqual(Array(3).fill('/helix/channels/followed'));
    expect(seen.map((r) => r.url.searchParams.get('first'))).toEqual(['100', '100', '100']);
    expect(seen.map((r) => r.url.searchParams.get('after'))).toEqual([null, '100', '200']);
    expect(seen.every((r) => r.url.searchParams.get('user_id') === USER)).toBe(true);
  });

  it('keeps the last list, and when it was fetched, when a refresh fails', async () => {
    const answer = followedChannels(3);
    fakeTwitch(({ url }) => answer(url));
    const before = await importFollows(credentials, USER, null, 1000);
    fakeTwitch(offline);
    const after = await importFollows(credentials, USER, before, 5000);
    expect(after.channels).toEqual(before.channels);
    expect(after.fetchedAt).toBe(1000);
    expect(after.error).toBe('Could not reach Twitch.');
    fakeTwitch(() => Response.json({ message: 'Internal Server Error' }, { status: 500 }));
    const failed = await importFollows(credentials, USER, after, 6000);
    expect(failed.channels).toEqual(before.channels);
    expect(failed.error).toContain('Internal Server Error');
  });

  it('notes the channels that dropped out of the list', async () => {
    const previous: FollowsState = {
      userId: USER,
      fetchedAt: 1,
      dropped: [],
      channels: [
        { id: '200000', login: 'channel0', displayName: 'Channel0', followedAt: '' },
        { id: '999', login: 'gone', displayName: 'Gone', followedAt: '' },
      ],
    };
    const answer = followedChannels(2);
    fakeTwitch(({ url }) => answer(url));
    const state = await importFollows(credentials, USER, previous);
    expect(state.channels.map((c) => c.id)).toEqual(['200000', '200001']);
    expect(state.dropped).toEqual([{ id: '999', displayName: 'Gone' }]);
  });

  it('does not carry another user’s list over', async () => {
    const previous: FollowsState = {
      userId: 'someone-else',
      fetchedAt: 1,
      dropped: [],
      channels: [{ id: '1', login: 'x', displayName: 'X', followedAt: '' }],
    };
    fakeTwitch(offline);
    const state = await importFollows(credentials, USER, previous);
    expect(state.channels).toEqual([]);
    expect(state.fetchedAt).toBe(0);
  });

  it('throws on a 401, so the session ends', async () => {
    fakeTwitch(unauthorized);
    await expect(importFollows(credentials, USER, null)).rejects.toBeInstanceOf(TokenInvalidError);
  });
});

function liveStream(i: number, viewers: number) {
  return {
    id: `stream${i}`,
    user_id: String(300000 + i),
    user_login: `live${i}`,
    user_name: `Live${i}`,
    game_id: '1',
    game_name: 'Chess',
    type: 'live',
    title: `Stream ${i}`,
    viewer_count: viewers,
    started_at: '2026-11-29T19:00:00Z',
    language: 'en',
    thumbnail_url: '',
    tags: [],
    is_mature: false,
  };
}

describe('polling the live follows', () => {
  it('reads every page and adds the pictures', async () => {
    const streams = Array.from({ length: 130 }, (_, i) => liveStream(i, 1000 - i));
    const seen = fakeTwitch(({ url }) => {
      if (url.pathname === '/helix/users')
        return Response.json({
          data: url.searchParams.getAll('id').map((id) => helixUser(`u${id}`, id)),
        });
      const start = Number(url.searchParams.get('after') ?? 0);
      const data = streams.slice(start, start + 100);
      return Response.json({
        data,
        pagination: start + 100 < streams.length ? { cursor: String(start + 100) } : {},
      });
    });
    const state = await pollLive(credentials, USER, null, 42);
    expect(state.streams).toHaveLength(130);
    expect(state.streams[0]).toMatchObject({
      streamId: 'stream0',
      channelId: '300000',
      displayName: 'Live0',
      gameName: 'Chess',
      viewerCount: 1000,
      profileImageUrl: 'https://static-cdn.jtvnw.net/u300000.png',
    });
    expect(state.fetchedAt).toBe(42);
    expect(seen.filter((r) => r.url.pathname === '/helix/streams/followed')).toHaveLength(2);
    // Users are looked up at most 100 at a time.
    const lookups = seen.filter((r) => r.url.pathname === '/helix/users');
    expect(lookups.map((r) => r.url.searchParams.getAll('id').length)).toEqual([100, 30]);
  });

  it('keeps the last live list when a poll fails', async () => {
    fakeTwitch(({ url }) =>
      url.pathname === '/helix/users'
        ? Response.json({ data: [] })
        : Response.json({ data: [liveStream(1, 5)], pagination: {} }),
    );
    const before = await pollLive(credentials, USER, null, 100);
    fakeTwitch(offline);
    const after = await pollLive(credentials, USER, before, 200);
    expect(after.streams).toEqual(before.streams);
    expect(after.fetchedAt).toBe(100);
    expect(after.error).toBe('Could not reach Twitch.');
  });
});
