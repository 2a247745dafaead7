import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchChannels, setFavorite, toggleFavorite } from '../../../lib/background/favorite';
import { authSession, favorites, type FavoriteChannel } from '../../../lib/settings';
import { fakeTwitch, helixUser, offline, unauthorized, type Answer } from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const current: FavoriteChannel = {
  id: '100009',
  login: 'earlier',
  displayName: 'Earlier',
  addedAt: 1,
};

/** Twitch knows `demo` (100001) and `ねこ` (login neko_jp, 100002). */
const channels: Answer = ({ url }) => {
  if (url.pathname === '/helix/users') {
    const logins = url.searchParams.getAll('login');
    const known = [helixUser('demo', '100001', 'Demo'), helixUser('neko_jp', '100002', 'ねこ')];
    return Response.json({ data: known.filter((u) => logins.includes(u.login)) });
  }
  if (url.pathname === '/helix/search/channels')
    return Response.json({
      data: [
        { id: '100004', broadcaster_login: 'neko_fan', display_name: 'ねこファン', is_live: true },
        { id: '100002', broadcaster_login: 'neko_jp', display_name: 'ねこ', is_live: false },
      ],
    });
  throw new Error(`unexpected request ${url}`);
};

beforeEach(async () => {
  await authSession.setValue({
    accessToken: 'token0123456789',
    userId: '100003',
    login: 'viewer',
    displayName: 'Viewer',
    scopes: [],
    expiresAt: Date.now() + 3_600_000,
    validatedAt: Date.now(),
  });
  await favorites.setValue([current]);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('setFavorite', () => {
  it('makes the channel typed (login or address) the favorite, in front of the others', async () => {
    const seen = fakeTwitch(channels);
    expect(await setFavorite('https://www.twitch.tv/Demo')).toEqual({ ok: true });
    expect(await favorites.getValue()).toEqual([
      {
        id: '100001',
        login: 'demo',
        displayName: 'Demo',
        profileImageUrl: 'https://static-cdn.jtvnw.net/demo.png',
        addedAt: expect.any(Number),
      },
      current,
    ]);
    expect(seen[0]!.headers.get('Authorization')).toBe('Bearer token0123456789');
    expect(seen[0]!.headers.get('Client-Id')).toBe('companiontestclient0000000');
    // Choosing one that is already listed moves it to the front, it is not listed twice.
    await favorites.setValue([current, (await favorites.getValue())[0]!]);
    expect(await setFavorite('demo')).toEqual({ ok: true });
    expect((await favorites.getValue()).map((f) => f.id)).toEqual(['100001', '100009']);
  });

  it('finds a display name that is not a login by an exact match of the search', async () => {
    fakeTwitch(channels);
    expect(await setFavorite(' ねこ ')).toEqual({ ok: true });
    expect((await favorites.getValue())[0]).toMatchObject({ id: '100002', login: 'neko_jp' });
  });

  it('keeps the old favorite when the input is no channel, and says why', async () => {
    fakeTwitch(channels);
    expect(await setFavorite('nobody_here')).toEqual({
      ok: false,
      error: 'No Twitch channel is called “nobody_here”.',
    });
    expect(await setFavorite('https://example.com/demo')).toMatchObject({ ok: false });
    expect(await setFavorite('ね')).toMatchObject({ ok: false });
    expect(await favorites.getValue()).toEqual([current]);
  });

  it('keeps the old favorite when Twitch fails, and tells why', async () => {
    fakeTwitch(() => Response.json({ message: 'Internal Server Error' }, { status: 500 }));
    expect(await setFavorite('demo')).toEqual({
      ok: false,
      error: 'Twitch could not look that up (Internal Server Error).',
    });
    fakeTwitch(offline);
    expect(await setFavorite('demo')).toEqual({
      ok: false,
      error: 'Could not reach Twitch. Check your connection and try again.',
    });
    expect(await favorites.getValue()).toEqual([current]);
  });

  it('ends the session when Twitch no longer accepts the token', async () => {
    fakeTwitch(unauthorized);
    expect(await setFavorite('demo')).toEqual({
      ok: false,
      error: 'Your Twitch session ended. Please sign in again.',
    });
    await vi.waitFor(async () => expect(await authSession.getValue()).toBeNull());
    expect(await favorites.getValue()).toEqual([current]);
  });

  it('asks Twitch only about the login the input parses to, and nothing about what is no channel', async () => {
    const seen = fakeTwitch(channels);
    expect(await setFavorite('  https://www.twitch.tv/Demo/videos?filter=all ')).toEqual({
      ok: true,
    });
    expect(seen.map((r) => [r.url.pathname, r.url.searchParams.getAll('login')])).toEqual([
      ['/helix/users', ['demo']],
    ]);
    const none = fakeTwitch(channels);
    for (const input of ['https://example.com/demo', 'twitch.tv/directory', 'www.twitch.tv/', ''])
      expect((await setFavorite(input)).ok).toBe(false);
    expect(none).toEqual([]);
  });

  it('asks to sign in first, without asking Twitch', async () => {
    await authSession.setValue(null);
    const seen = fakeTwitch(channels);
    expect(await setFavorite('demo')).toEqual({ ok: false, error: 'Sign in with Twitch first.' });
    expect(seen).toHaveLength(0);
  });
});

describe('searchChannels', () => {
  it('suggests channels, and nothing for too short a query or when Twitch fails', async () => {
    fakeTwitch(channels);
    expect(await searchChannels('neko')).toEqual([
      expect.objectContaining({ id: '100004', login: 'neko_fan', isLive: true }),
      expect.objectContaining({ id: '100002', login: 'neko_jp', isLive: false }),
    ]);
    const seen = fakeTwitch(offline);
    expect(await searchChannels('neko')).toEqual([]);
    expect(await searchChannels('n')).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('ends the session when Twitch no longer accepts the token', async () => {
    fakeTwitch(unauthorized);
    expect(await searchChannels('neko')).toEqual([]);
    expect(await authSession.getValue()).toBeNull();
  });
});

describe('toggleFavorite', () => {
  const demo = { id: '100001', login: 'demo', displayName: 'Demo' };
  const logins = async () => (await favorites.getValue()).map((f) => f.login);

  it('adds the channel at the end, and removes it when it is a favorite', async () => {
    expect(await toggleFavorite(demo)).toEqual({ ok: true });
    expect(await logins()).toEqual(['earlier', 'demo']);
    expect((await favorites.getValue())[1]).toMatchObject(demo);
    expect(await toggleFavorite(demo)).toEqual({ ok: true });
    expect(await logins()).toEqual(['earlier']);
  });

  it('refuses an 11th favorite with a clear error and changes nothing', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({
      id: `20000${i}`,
      login: `channel${i}`,
      displayName: `Channel${i}`,
      addedAt: i,
    }));
    await favorites.setValue(ten);
    const result = await toggleFavorite(demo);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/10 favorites/) });
    expect(await favorites.getValue()).toEqual(ten);
    // Removing still works at the limit.
    expect(
      await toggleFavorite({ id: '200003', login: 'channel3', displayName: 'Channel3' }),
    ).toEqual({ ok: true });
    expect(await favorites.getValue()).toHaveLength(9);
  });

  it('refuses what is not a Twitch channel', async () => {
    const result = await toggleFavorite({ id: 'x', login: 'no spaces', displayName: '' });
    expect(result.ok).toBe(false);
    expect(await logins()).toEqual(['earlier']);
  });
});
