import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../tokens.js';
import { helixFetch, useTestSim } from './support.js';

const sim = useTestSim();
let viewer: string;
beforeAll(async () => {
  viewer = await sim.token('demo_viewer', [
    'user:read:chat',
    'user:write:chat',
    'user:read:moderated_channels',
  ]);
});

describe('Helix through @twurple/api', () => {
  it('gets users by id and login', async () => {
    const api = sim.api(viewer);
    const users = await api.users.getUsersByNames(['demo', 'pixelpaladin']);
    expect(users.map((u) => u.displayName).sort()).toEqual(['Demo', 'PixelPaladin']);
    const byId = await api.users.getUserById('100002');
    expect(byId?.name).toBe('demo_mod');
    expect(byId?.profilePictureUrl).toContain('static-cdn.jtvnw.net');
  });

  it('searches channels (live_only, first) and reads streams and channels', async () => {
    const api = sim.api(viewer);
    const all = await api.search.searchChannels('a', { limit: 100 });
    expect(all.data.length).toBeGreaterThan(3);
    const live = await api.search.searchChannels('a', { liveOnly: true });
    expect(live.data.every((c) => c.isLive)).toBe(true);
    const sam = (await api.search.searchChannels('speedrun')).data[0];
    expect(sam?.name).toBe('speedrunsam');
    expect(sam?.gameName).toBe('Celeste');
    const stream = await api.streams.getStreamByUserName('demo');
    expect(stream?.type).toBe('live');
    expect(stream?.thumbnailUrl).toContain('{width}x{height}');
    const channel = await api.channels.getChannelInfoById('100001');
    expect(channel?.title).toContain('extension');
    expect(await api.streams.getStreamByUserName('cozycrafter')).toBeNull();
  });

  it('lists badges, global emotes and moderated channels', async () => {
    const api = sim.api(viewer);
    expect((await api.chat.getGlobalBadges()).map((b) => b.id)).toContain('moderator');
    expect((await api.chat.getChannelBadges('100001')).map((b) => b.id)).toContain('subscriber');
    const emotes = await api.chat.getGlobalEmotes();
    expect(emotes.find((e) => e.name === 'Kappa')?.id).toBe('25');
    const mod = await sim.token('demo_mod', ['user:read:moderated_channels']);
    const res = await helixFetch('/moderation/channels?user_id=100002', mod);
    expect(((await res.json()) as { data: unknown[] }).data).toEqual([
      { broadcaster_id: '100001', broadcaster_login: 'demo', broadcaster_name: 'Demo' },
    ]);
    const none = await helixFetch('/moderation/channels?user_id=100003', viewer);
    expect(((await none.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('sends chat messages and records them', async () => {
    const api = sim.api(viewer);
    const sent = await api.asUser('100003', (ctx) =>
      ctx.chat.sendChatMessage('100001', 'hello from the test'),
    );
    expect(sent.isSent).toBe(true);
    const rec = sim.control.chatMessages({ channel: 'demo' });
    expect(rec.at(-1)).toMatchObject({
      message: 'hello from the test',
      senderId: '100003',
      isSent: true,
    });
    const noScope = await sim.token('demo_viewer', []);
    const res = await helixFetch('/chat/messages', noScope, {
      method: 'POST',
      body: JSON.stringify({ broadcaster_id: '100001', sender_id: '100003', message: 'hi' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('Helix errors and headers', () => {
  it('sends rate-limit headers', async () => {
    const res = await helixFetch('/users', viewer);
    expect(res.headers.get('ratelimit-limit')).toBe('800');
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThan(800);
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  });

  it('answers 401 for a missing, unknown or expired token and a mismatched client id', async () => {
    const missing = await fetch('https://api.twitch.tv/helix/users', {
      headers: { 'Client-Id': DEMO_CLIENT_ID },
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: 'Unauthorized',
      status: 401,
      message: 'OAuth token is missing',
    });
    expect((await helixFetch('/users', 'not-a-token')).status).toBe(401);
    const mismatch = await fetch('https://api.twitch.tv/helix/users', {
      headers: { Authorization: `Bearer ${viewer}`, 'Client-Id': 'someotherclient' },
    });
    expect(mismatch.status).toBe(401);
    const t = await sim.token('demo', []);
    sim.control.expireToken({ token: t });
    expect((await helixFetch('/users', t)).status).toBe(401);
  });

  it('fails the next N calls to a path with 429 (Ratelimit-Reset) or 500', async () => {
    sim.control.failHelix({ path: '/streams', status: 429, count: 2, resetSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await helixFetch('/streams?user_login=demo', viewer);
      expect(res.status).toBe(429);
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(
        Math.floor(Date.now() / 1000) + 5,
      );
      expect(await res.json()).toMatchObject({ error: 'Too Many Requests', status: 429 });
    }
    expect((await helixFetch('/streams?user_login=demo', viewer)).status).toBe(200);
    expect((await sim.http('failHelix', { path: 'helix/users', status: 500 })).status).toBe(200);
    const res = await helixFetch('/users', viewer);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'Internal Server Error', status: 500 });
    expect((await helixFetch('/users', viewer)).status).toBe(200);
  });

  it('rejects bad parameters with 400 and unknown paths with 404', async () => {
    expect((await helixFetch('/channels', viewer)).status).toBe(400);
    expect((await helixFetch('/search/channels', viewer)).status).toBe(400);
    const nf = await helixFetch('/nothing/here', viewer);
    expect(nf.status).toBe(404);
    expect(await nf.json()).toMatchObject({ error: 'Not Found', status: 404 });
  });
});
