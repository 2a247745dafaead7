import { beforeEach, describe, expect, it } from 'vitest';
import { toggleFavorite } from '../../../lib/background/favorite';
import { MAX_FAVORITES, favorites, type FavoriteChannel } from '../../../lib/settings';

const channel = (n: number) => ({
  id: String(100 + n),
  login: `channel${n}`,
  displayName: `Channel ${n}`,
});

const stored = (n: number): FavoriteChannel => ({ ...channel(n), addedAt: 1 });

beforeEach(async () => {
  await favorites.setValue([stored(1)]);
});

describe('toggleFavorite', () => {
  it('adds a channel at the end of the favorites', async () => {
    expect(await toggleFavorite({ ...channel(2), profileImageUrl: 'https://x/p.png' })).toEqual({
      ok: true,
    });
    const list = await favorites.getValue();
    expect(list.map((f) => f.login)).toEqual(['channel1', 'channel2']);
    expect(list[1]).toMatchObject({ displayName: 'Channel 2', profileImageUrl: 'https://x/p.png' });
  });

  it('removes a channel that is a favorite', async () => {
    await toggleFavorite(channel(2));
    expect(await toggleFavorite(channel(1))).toEqual({ ok: true });
    expect((await favorites.getValue()).map((f) => f.login)).toEqual(['channel2']);
  });

  it('refuses an eleventh favorite with a clear error, and keeps the ten', async () => {
    await favorites.setValue(Array.from({ length: MAX_FAVORITES }, (_, i) => stored(i)));
    const result = await toggleFavorite(channel(50));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('10 favorites') });
    expect(await favorites.getValue()).toHaveLength(MAX_FAVORITES);
    // Removing still works at the limit.
    expect(await toggleFavorite(channel(3))).toEqual({ ok: true });
    expect(await favorites.getValue()).toHaveLength(MAX_FAVORITES - 1);
  });

  it('refuses what is not a Twitch channel', async () => {
    const result = await toggleFavorite({ id: 'x', login: 'Not A Login!', displayName: 'x' });
    expect(result.ok).toBe(false);
    expect(await favorites.getValue()).toEqual([stored(1)]);
  });
});
