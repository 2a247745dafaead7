import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, DEMO_REDIRECT_URI } from '../tokens.js';
import { VIEWER, helixFetch, subscribe, useTestSim, waitFor } from './support.js';

const sim = useTestSim();
let viewer: string;
beforeAll(async () => {
  viewer = await sim.token('demo_viewer', ['user:read:follows', 'user:read:chat']);
});

interface FollowedChannels {
  total: number;
  data: {
    broadcaster_id: string;
    broadcaster_login: string;
    broadcaster_name: string;
    followed_at: string;
  }[];
  pagination: { cursor?: string };
}

interface Streams {
  data: Record<string, unknown>[];
  pagination: { cursor?: string };
}

async function getJson<T>(path: string, token = viewer): Promise<T> {
  const res = await helixFetch(path, token);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Every page of a Helix list, following the cursor. */
async function allPages<T extends { pagination: { cursor?: string } }>(
  path: string,
  token = viewer,
): Promise<T[]> {
  const pages: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await getJson<T>(cursor ? `${path}${sep}after=${cursor}` : path, token);
    pages.push(page);
    cursor = page.pagination.cursor;
  } while (cursor);
  return pages;
}

const liveFollows = (login = 'demo_viewer') =>
  sim.control.follows({ login }).filter((f) => f.live === true);

describe('Get Followed Channels', () => {
  it('pages through the demo viewer’s 150 follows, most recent first', async () => {
    const pages = await allPages<FollowedChannels>(
      `/channels/followed?user_id=${VIEWER}&first=100`,
    );
    expect(pages.map((p) => p.data.length)).toEqual([100, 50]);
    expect(pages.every((p) => p.total === 150)).toBe(true);
    const all = pages.flatMap((p) => p.data);
    expect(new Set(all.map((f) => f.broadcaster_id)).size).toBe(150);
    expect(all[0]).toEqual({
      broadcaster_id: '100001',
      broadcaster_login: 'demo',
      broadcaster_name: 'Demo',
      followed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const times = all.map((f) => Date.parse(f.followed_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The default page is 20.
    const first = await getJson<FollowedChannels>(`/channels/followed?user_id=${VIEWER}`);
    expect(first.data).toHaveLength(20);
    expect(first.pagination.cursor).toBeTruthy();
  });

  it('tells whether the user follows one broadcaster', async () => {
    const one = await getJson<FollowedChannels>(
      `/channels/followed?user_id=${VIEWER}&broadcaster_id=300007`,
    );
    expect(one.total).toBe(1);
    expect(one.data.map((f) => f.broadcaster_id)).toEqual(['300007']);
    const none = await getJson<FollowedChannels>(
      `/channels/followed?user_id=${VIEWER}&broadcaster_id=200001`,
    );
    expect(none).toEqual({ total: 0, data: [], pagination: {} });
  });

  it('is granted through the consent page with user:read:follows', async () => {
    const url = `https://id.twitch.tv/oauth2/authorize?${new URLSearchParams({
      response_type: 'token',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: DEMO_REDIRECT_URI,
      scope: 'user:read:follows',
      state: 'follows',
      force_verify: 'true',
    }).toString()}`;
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('View the list of channels you follow');
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await fetch('https://id.twitch.tv/oauth2/authorize', {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ request, login: 'demo_viewer' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const fragment = new URLSearchParams((done.headers.get('location') ?? '').split('#')[1]);
    expect(fragment.get('scope')).toBe('user:read:follows');
    const token = fragment.get('access_token') ?? '';
    const res = await helixFetch(`/channels/followed?user_id=${VIEWER}&first=1`, token);
    expect(res.status).toBe(200);
  });
});

describe('Get Followed Streams', () => {
  it('answers the live follows only, most viewers first, in pages', async () => {
    const expected = liveFollows();
    expect(expected.length).toBeGreaterThanOrEqual(15);
    expect(expected.length).toBeLessThanOrEqual(30);
    const pages = await allPages<Streams>(`/streams/followed?user_id=${VIEWER}&first=7`);
    expect(pages.slice(0, -1).every((p) => p.data.length === 7)).toBe(true);
    const streams = pages.flatMap((p) => p.data);
    expect(streams.map((s) => s.user_id).sort()).toEqual(expected.map((f) => f.id).sort());
    expect(streams.every((s) => s.type === 'live')).toBe(true);
    const viewers = streams.map((s) => s.viewer_count as number);
    expect(viewers).toEqual([...viewers].sort((a, b) => b - a));
    // The default page (100) holds them all.
    const whole = await getJson<Streams>(`/streams/followed?user_id=${VIEWER}`);
    expect(whole.data).toEqual(streams);
    expect(whole.pagination).toEqual({});
  });

  it('answers the same stream objects as Get Streams, which takes up to 100 user ids', async () => {
    const followed = await getJson<Streams>(`/streams/followed?user_id=${VIEWER}`);
    const ids = sim.control
      .follows({ login: 'demo_viewer' })
      .slice(0, 100)
      .map((f) => f.id as string);
    const query = ids.map((id) => `user_id=${id}`).join('&');
    const byId = await getJson<Streams>(`/streams?${query}&first=100`);
    const wanted = followed.data.filter((s) => ids.includes(s.user_id as string));
    expect(byId.data).toEqual(wanted);
    expect(Object.keys(byId.data[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'user_id',
        'user_login',
        'user_name',
        'game_id',
        'game_name',
        'type',
        'title',
        'viewer_count',
        'started_at',
        'language',
        'thumbnail_url',
        'tags',
        'is_mature',
      ]),
    );
    const tooMany = [...ids, '300101'].map((id) => `user_id=${id}`).join('&');
    expect((await helixFetch(`/streams?${tooMany}`, viewer)).status).toBe(400);
  });

  it('changes when a followed channel goes live or offline', async () => {
    const before = await getJson<Streams>(`/streams/followed?user_id=${VIEWER}`);
    const offline = sim.control
      .follows({ login: 'demo_viewer' })
      .find((f) => f.live === false && String(f.id).startsWith('3'));
    expect(offline).toBeDefined();
    const login = String(offline?.login);
    sim.control.setLive({ channel: login, live: true, viewers: 50_000 });
    const live = await getJson<Streams>(`/streams/followed?user_id=${VIEWER}`);
    expect(live.data).toHaveLength(before.data.length + 1);
    expect(live.data[0]).toMatchObject({ user_login: login, viewer_count: 50_000, type: 'live' });
    sim.control.setLive({ channel: login, live: false });
    const after = await getJson<Streams>(`/streams/followed?user_id=${VIEWER}`);
    expect(after.data.map((s) => s.user_id)).toEqual(before.data.map((s) => s.user_id));
  });

  it('gives every stream an id no other stream had, as Twitch does', async () => {
    type Stream = { id: string; user_login: string };
    const streamOf = async (login: string) =>
      (await getJson<{ data: Stream[] }>(`/streams?user_login=${login}`)).data[0];
    // Neighbours (broadcaster ids one apart), the second live: the first's next stream once took
    // the id of the second's, and a client that remembers stream ids took it for that one.
    const follows = sim.control.follows({ login: 'demo_viewer' });
    const live = new Map(follows.filter((f) => f.live).map((f) => [Number(f.id), String(f.login)]));
    const offline = follows.find((f) => !f.live && live.has(Number(f.id) + 1))!;
    expect(offline).toBeDefined();
    const neighbour = (await streamOf(live.get(Number(offline.id) + 1)!))!;
    const ids = new Set([neighbour.id]);
    for (const round of [1, 2, 3]) {
      sim.control.setLive({ channel: String(offline.login), live: true });
      const stream = (await streamOf(String(offline.login)))!;
      expect(ids, `stream ${round} of ${String(offline.login)}`).not.toContain(stream.id);
      ids.add(stream.id);
      sim.control.setLive({ channel: String(offline.login), live: false });
    }
  });
});

describe('through @twurple/api', () => {
  it('reads followed channels and followed streams', async () => {
    const api = sim.api(viewer);
    const page = await api.channels.getFollowedChannels(VIEWER);
    expect(page.total).toBe(150);
    expect(page.data[0]?.broadcasterName).toBe('demo');
    expect(page.data[0]?.followDate).toBeInstanceOf(Date);
    const all = await api.channels.getFollowedChannelsPaginated(VIEWER).getAll();
    expect(all).toHaveLength(150);
    const streams = await api.streams.getFollowedStreamsPaginated(VIEWER).getAll();
    expect(streams.map((s) => s.userId).sort()).toEqual(
      liveFollows()
        .map((f) => f.id)
        .sort(),
    );
    expect(streams.every((s) => s.type === 'live')).toBe(true);
  });
});

describe('errors', () => {
  it('answers 401 without a valid token or without the scope', async () => {
    for (const path of [
      `/channels/followed?user_id=${VIEWER}`,
      `/streams/followed?user_id=${VIEWER}`,
    ]) {
      const none = await fetch(`https://api.twitch.tv/helix${path}`, {
        headers: { 'Client-Id': DEMO_CLIENT_ID },
      });
      expect(none.status).toBe(401);
      expect((await helixFetch(path, 'notavalidtoken000000000000000')).status).toBe(401);
      const chatOnly = await sim.token('demo_viewer', ['user:read:chat']);
      const res = await helixFetch(path, chatOnly);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: 'Unauthorized',
        status: 401,
        message: 'Missing scope: user:read:follows',
      });
    }
  });

  it('answers 400 for another user, a missing user_id and first over 100', async () => {
    const other = await helixFetch('/streams/followed?user_id=100002', viewer);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: 'Bad Request', status: 400 });
    for (const path of [
      '/streams/followed',
      '/channels/followed',
      `/streams/followed?user_id=${VIEWER}&first=101`,
      `/channels/followed?user_id=${VIEWER}&first=101`,
      `/channels/followed?user_id=${VIEWER}&first=0`,
      '/streams?first=101',
    ]) {
      expect((await helixFetch(path, viewer)).status, path).toBe(400);
    }
    expect((await helixFetch(`/streams/followed?user_id=${VIEWER}&first=100`, viewer)).status).toBe(
      200,
    );
  });
});

describe('control', () => {
  it('sets how many and which channels a user follows', async () => {
    const mod = await sim.token('demo_mod', ['user:read:follows']);
    expect(sim.control.setFollows({ login: 'demo_mod', count: 3 })).toMatchObject({
      login: 'demo_mod',
      follows: 3,
    });
    const three = await getJson<FollowedChannels>('/channels/followed?user_id=100002', mod);
    expect(three.total).toBe(3);
    expect(three.data.map((f) => f.broadcaster_login)).toEqual([
      'demo',
      'pixelpaladin',
      'speedrunsam',
    ]);
    const res = await sim.http('setFollows', {
      login: 'demo_mod',
      channels: ['cozycrafter', '300002'],
    });
    expect(res).toEqual({ status: 200, body: { login: 'demo_mod', follows: 2, live: 0 } });
    const two = await getJson<FollowedChannels>('/channels/followed?user_id=100002', mod);
    const second = sim.control.channels().find((c) => c.id === '300002')?.login;
    expect(two.data.map((f) => f.broadcaster_login)).toEqual(['cozycrafter', second]);
    expect((await sim.http('setFollows', { login: 'demo_mod' })).status).toBe(400);
  });

  it('starts and ends streams over time only when asked to', async () => {
    expect(sim.control.setStreamSchedule({})).toMatchObject({ on: false });
    const liveIds = () =>
      new Set(
        sim.control
          .channels()
          .filter((c) => c.live)
          .map((c) => c.id as string),
      );
    const before = liveIds();
    sim.control.setStreamSchedule({ step: true });
    const after = liveIds();
    const changed = [...before, ...after].filter((id) => before.has(id) !== after.has(id));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^3/);
    // Running, it keeps changing which streams are live.
    expect(sim.control.setStreamSchedule({ on: true, intervalMs: 20 })).toEqual({
      on: true,
      intervalMs: 20,
    });
    await waitFor(() => {
      const now = liveIds();
      return [...after].filter((id) => !now.has(id)).length >= 2;
    });
    expect(sim.control.setStreamSchedule({ on: false }).on).toBe(false);
    const stopped = liveIds();
    expect(stopped.size).toBeGreaterThanOrEqual(15);
    expect(stopped.size).toBeLessThanOrEqual(30);
  });
});

describe('subscription cost', () => {
  it('counts total and total_cost per user and client, and refuses over 10 with 429', async () => {
    const s = await sim.socket();
    const session = await s.sessionId();
    const generated = sim.control
      .channels()
      .map((c) => c.id as string)
      .filter((id) => id.startsWith('3'));
    for (const [i, id] of generated.slice(0, 10).entries()) {
      const res = await subscribe(viewer, session, 'stream.online', '1', {
        broadcaster_user_id: id,
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ total: i + 1, total_cost: i + 1, max_total_cost: 10 });
      expect(res.body.data?.[0]).toMatchObject({ cost: 1 });
    }
    const next = generated[10] ?? '';
    for (const [type, version, condition] of [
      ['stream.offline', '1', { broadcaster_user_id: next }],
      ['channel.update', '2', { broadcaster_user_id: next }],
      ['channel.raid', '1', { to_broadcaster_user_id: next }],
      ['channel.shared_chat.begin', '1', { broadcaster_user_id: next }],
    ] as const) {
      const over = await subscribe(viewer, session, type, version, condition);
      expect(over.status, type).toBe(429);
    }
    // Chat as the user costs 0, even with the budget spent.
    const chat = await subscribe(viewer, session, 'channel.chat.message', '1', {
      broadcaster_user_id: next,
      user_id: VIEWER,
    });
    expect(chat.status).toBe(202);
    expect(chat.body).toMatchObject({ total: 11, total_cost: 10 });
    // Once the broadcaster has authorized the client id, its public types cost 0.
    const login = String(sim.control.channels().find((c) => c.id === next)?.login);
    sim.control.issueToken({ login });
    const authorized = await subscribe(viewer, session, 'stream.online', '1', {
      broadcaster_user_id: next,
    });
    expect(authorized.status).toBe(202);
    expect(authorized.body).toMatchObject({ total: 12, total_cost: 10 });
    expect(authorized.body.data?.[0]).toMatchObject({ cost: 0 });
    await s.close();
  });
});

describe('a population at scale', () => {
  it('grows to 2,000 broadcasters with 500 live, followed and paged like Twitch', async () => {
    expect(sim.control.populate({ count: 2000, live: 500 })).toEqual({
      generated: 2000,
      live: 500,
    });
    const set = sim.control.setFollows({ login: 'demo_viewer', count: 2000 });
    expect(set.follows).toBe(2000);
    const live = liveFollows().length;
    expect(live).toBe(set.live);
    expect(live).toBeGreaterThanOrEqual(500);

    const channels = await allPages<FollowedChannels>(
      `/channels/followed?user_id=${VIEWER}&first=100`,
    );
    expect(channels).toHaveLength(20);
    expect(new Set(channels.flatMap((p) => p.data.map((c) => c.broadcaster_id))).size).toBe(2000);
    const streams = await allPages<Streams>(`/streams/followed?user_id=${VIEWER}&first=100`);
    expect(streams.flatMap((p) => p.data)).toHaveLength(live);
    expect(streams).toHaveLength(Math.ceil(live / 100));
    // Fewer live: the others end, without a word to anyone.
    expect(sim.control.populate({ count: 2000, live: 10 }).live).toBe(10);
  });
});
