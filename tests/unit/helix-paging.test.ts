import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_LIST_ITEMS,
  MAX_LIST_PAGES,
  getFollowedChannels,
  getFollowedStreams,
  type IncompleteList,
} from '../../lib/twitch/helix';
import { fakeTwitch, type SeenRequest } from './fake-twitch';

const credentials = { clientId: 'client', accessToken: 'token' };
const USER = '100003';

let followed = 0;
/** `n` followed channels, each with a new id. */
function follows(n: number) {
  return Array.from({ length: n }, () => {
    followed += 1;
    return {
      broadcaster_id: String(followed),
      broadcaster_login: `channel${followed}`,
      broadcaster_name: `Channel${followed}`,
      followed_at: '2026-01-01T00:00:00Z',
    };
  });
}

/** A Helix that answers every request with `page(request, n)` (n counts from 1). */
function fakeHelix(page: (request: SeenRequest, n: number) => unknown): SeenRequest[] {
  let n = 0;
  return fakeTwitch((request) => Response.json(page(request, ++n)));
}

/** What the paging reported, instead of the console warning. */
function reports() {
  const seen: IncompleteList[] = [];
  return { seen, options: { onIncomplete: (incomplete: IncompleteList) => seen.push(incomplete) } };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Helix paging', () => {
  it('follows the cursor to the end of the list, 100 a page', async () => {
    const requests = fakeHelix((_, n) => ({
      data: follows(n < 25 ? 100 : 30),
      pagination: n < 25 ? { cursor: `page-${n + 1}` } : {},
    }));
    const { seen, options } = reports();
    const channels = await getFollowedChannels(credentials, USER, options);
    expect(channels).toHaveLength(2430);
    expect(new Set(channels.map((c) => c.broadcaster_id)).size).toBe(2430);
    expect(requests).toHaveLength(25);
    expect(requests[0]!.url.searchParams.get('after')).toBeNull();
    expect(requests[0]!.url.searchParams.get('first')).toBe('100');
    expect(requests[1]!.url.searchParams.get('after')).toBe('page-2');
    expect(requests[24]!.url.searchParams.get('after')).toBe('page-25');
    expect(seen).toEqual([]);
  });

  it('stops at a cursor Helix repeats forever, keeping what it read', async () => {
    const requests = fakeHelix(() => ({ data: follows(100), pagination: { cursor: 'again' } }));
    const { seen, options } = reports();
    const channels = await getFollowedChannels(credentials, USER, options);
    // The first page gives "again", the second gives it again: two requests, not a thousand.
    expect(requests).toHaveLength(2);
    expect(channels).toHaveLength(200);
    expect(seen).toEqual([
      { path: 'channels/followed', reason: 'repeatedCursor', pages: 2, items: 200 },
    ]);
  });

  it('stops at a cursor that comes back after others (a loop of three)', async () => {
    const requests = fakeHelix((_, n) => ({
      data: follows(100),
      pagination: { cursor: ['a', 'b', 'c'][n % 3] },
    }));
    const { seen, options } = reports();
    const channels = await getFollowedChannels(credentials, USER, options);
    expect(requests.map((r) => r.url.searchParams.get('after'))).toEqual([null, 'b', 'c', 'a']);
    expect(channels).toHaveLength(400);
    expect(seen.map((s) => s.reason)).toEqual(['repeatedCursor']);
  });

  it('stops after MAX_LIST_PAGES pages of a list whose cursors never end', async () => {
    const requests = fakeHelix((_, n) => ({
      data: follows(1),
      pagination: { cursor: `fresh-${n}` },
    }));
    const { seen, options } = reports();
    const channels = await getFollowedChannels(credentials, USER, options);
    expect(requests).toHaveLength(MAX_LIST_PAGES);
    expect(channels).toHaveLength(MAX_LIST_PAGES);
    expect(seen).toEqual([
      {
        path: 'channels/followed',
        reason: 'pageLimit',
        pages: MAX_LIST_PAGES,
        items: MAX_LIST_PAGES,
      },
    ]);
  });

  it('keeps at most MAX_LIST_ITEMS items, however many a page holds', async () => {
    const requests = fakeHelix((_, n) => ({
      data: follows(4_000),
      pagination: { cursor: `fresh-${n}` },
    }));
    const { seen, options } = reports();
    const channels = await getFollowedChannels(credentials, USER, options);
    expect(channels).toHaveLength(MAX_LIST_ITEMS);
    expect(requests).toHaveLength(Math.ceil(MAX_LIST_ITEMS / 4_000));
    expect(seen.map((s) => [s.reason, s.items])).toEqual([['itemLimit', MAX_LIST_ITEMS]]);
  });

  it('reads 2,000 and more follows whole', () => {
    expect(MAX_LIST_ITEMS).toBeGreaterThanOrEqual(2_000);
    expect(MAX_LIST_PAGES * 100).toBeGreaterThanOrEqual(MAX_LIST_ITEMS);
  });

  it.each([
    ['a number', { cursor: 42 }],
    ['an object', { cursor: { next: 'x' } }],
    ['an array', { cursor: ['x'] }],
    ['null', { cursor: null }],
    ['pagination a string', 'cursor'],
    ['pagination null', null],
  ])(
    'ends the list at a cursor that is not a string (%s), keeping the pages read',
    async (_, pagination) => {
      const requests = fakeHelix((_request, n) =>
        n === 1
          ? { data: follows(100), pagination: { cursor: 'page-2' } }
          : { data: follows(100), pagination },
      );
      const { seen, options } = reports();
      const channels = await getFollowedChannels(credentials, USER, options);
      expect(requests).toHaveLength(2);
      expect(channels).toHaveLength(200);
      expect(seen.map((s) => s.reason)).toEqual(['invalidCursor']);
    },
  );

  it('ends quietly at an empty cursor or an empty page', async () => {
    fakeHelix((_, n) =>
      n === 1 ? { data: follows(100), pagination: { cursor: '' } } : { data: [] },
    );
    const { seen, options } = reports();
    expect(await getFollowedChannels(credentials, USER, options)).toHaveLength(100);
    const requests = fakeHelix(() => ({ data: [], pagination: { cursor: 'more' } }));
    expect(await getFollowedChannels(credentials, USER, options)).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it('warns in the console when nobody asked to be told', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fakeHelix(() => ({
      data: [
        {
          id: 's1',
          user_id: '1',
          user_login: 'one',
          user_name: 'One',
          type: 'live',
          started_at: '2026-01-01T00:00:00Z',
        },
      ],
      pagination: { cursor: 'same' },
    }));
    expect(await getFollowedStreams(credentials, USER)).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(
      'Helix list read only in part',
      expect.objectContaining({ path: 'streams/followed', reason: 'repeatedCursor' }),
    );
  });
});
