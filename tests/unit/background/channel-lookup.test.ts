import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LOOKUP_TTL_MS,
  channelSummary,
  forgetLookups,
  lookUpChannel,
} from '../../../lib/background/channel';
import { authSession, favorites, sessionEndedNotice } from '../../../lib/settings';
import {
  fakeTwitch,
  helixUser,
  offline,
  unauthorized,
  viewerSession,
  type Answer,
} from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const users: Answer = ({ url }) => {
  if (url.pathname !== '/helix/users') throw new Error(`unexpected ${url}`);
  const login = url.searchParams.get('login');
  return Response.json({
    data: login === 'hxf001' ? [{ ...helixUser('hxf001', '200001', 'HXF001') }] : [],
  });
};

beforeEach(async () => {
  forgetLookups();
  await authSession.setValue(viewerSession());
  await favorites.setValue([{ id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 }]);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('lookUpChannel', () => {
  it('finds a channel that is not a favorite by its login, with Helix Get Users', async () => {
    const seen = fakeTwitch(users);
    expect(await lookUpChannel(' HXF001 ')).toEqual({
      status: 'found',
      channel: expect.objectContaining({ id: '200001', login: 'hxf001', displayName: 'HXF001' }),
    });
    expect(seen.map((r) => r.url.searchParams.get('login'))).toEqual(['hxf001']);
  });

  it('remembers the answer for a few minutes, then asks Twitch again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const seen = fakeTwitch(users);
    await Promise.all([lookUpChannel('hxf001'), lookUpChannel('hxf001')]);
    await lookUpChannel('hxf001');
    expect(seen).toHaveLength(1);
    vi.setSystemTime(Date.now() + LOOKUP_TTL_MS + 1);
    await lookUpChannel('hxf001');
    expect(seen).toHaveLength(2);
  });

  it('says when no channel has that login, and when the input is not a login', async () => {
    const seen = fakeTwitch(users);
    expect(await lookUpChannel('nobody_here')).toEqual({ status: 'unknown' });
    expect(await lookUpChannel('not a login!')).toEqual({ status: 'invalid' });
    expect(await lookUpChannel(42)).toEqual({ status: 'invalid' });
    expect(seen).toHaveLength(1);
  });

  it('says signed out without asking Twitch', async () => {
    await authSession.setValue(null);
    const seen = fakeTwitch(users);
    expect(await lookUpChannel('hxf001')).toEqual({ status: 'signedOut' });
    expect(seen).toHaveLength(0);
  });

  it('ends the session when Twitch refuses the token (401)', async () => {
    fakeTwitch(unauthorized);
    expect(await lookUpChannel('hxf001')).toEqual({ status: 'signedOut' });
    expect(await authSession.getValue()).toBeNull();
    expect(await sessionEndedNotice.getValue()).not.toBeNull();
  });

  it('says Twitch could not be reached, and does not remember that', async () => {
    fakeTwitch(offline);
    expect(await lookUpChannel('hxf001')).toEqual({ status: 'error' });
    fakeTwitch(users);
    expect(await lookUpChannel('hxf001')).toMatchObject({ status: 'found' });
  });
});

describe('channelSummary of any channel', () => {
  it('asks Twitch about a channel id that is not a favorite', async () => {
    const seen = fakeTwitch(({ url }) =>
      Response.json({
        data:
          url.pathname === '/helix/streams'
            ? [
                {
                  id: 's1',
                  user_id: '200001',
                  user_login: 'hxf001',
                  user_name: 'HXF001',
                  game_name: 'Chess',
                  type: 'live',
                  title: 'Hi',
                  viewer_count: 7,
                  started_at: '2026-01-01T00:00:00Z',
                },
              ]
            : [{ broadcaster_id: '200001', title: 'Hi', game_name: 'Chess' }],
      }),
    );
    expect(await channelSummary('200001')).toMatchObject({ isLive: true, viewerCount: 7 });
    expect(seen.every((r) => /200001/.test(r.url.search))).toBe(true);
    expect(await channelSummary('not-an-id')).toBeNull();
  });
});
