import { beforeAll, describe, expect, it } from 'vitest';
import { parseDuration, videoDuration } from '../archive.js';
import { DEMO, helixFetch, useTestSim } from './support.js';

const sim = useTestSim();
let viewer: string;
beforeAll(async () => {
  viewer = await sim.token('demo_viewer', []);
});

interface Page<T> {
  data: T[];
  pagination: { cursor?: string };
}
type Video = Record<string, unknown> & { id: string; stream_id: string; created_at: string };
type Clip = Record<string, unknown> & { id: string; created_at: string; view_count: number };

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await helixFetch(path, viewer);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

const VIDEO_FIELDS = [
  'id',
  'stream_id',
  'user_id',
  'user_login',
  'user_name',
  'title',
  'description',
  'created_at',
  'published_at',
  'url',
  'thumbnail_url',
  'viewable',
  'view_count',
  'language',
  'type',
  'duration',
  'muted_segments',
];
const CLIP_FIELDS = [
  'id',
  'url',
  'embed_url',
  'broadcaster_id',
  'broadcaster_name',
  'creator_id',
  'creator_name',
  'video_id',
  'game_id',
  'language',
  'title',
  'view_count',
  'created_at',
  'thumbnail_url',
  'duration',
  'vod_offset',
  'is_featured',
];

describe('durations', () => {
  it('writes and reads Twitch’s 1h2m3s', () => {
    expect(videoDuration(3723)).toBe('1h2m3s');
    expect(videoDuration(123)).toBe('2m3s');
    expect(videoDuration(5)).toBe('5s');
    expect(parseDuration('1h2m3s')).toBe(3723);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('x')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});

describe('Get Videos', () => {
  it('lists a channel’s archives newest first, with Twitch’s fields, one per stream', async () => {
    const page = await get<Page<Video>>(`/videos?user_id=${DEMO}&type=archive`);
    expect(page.data.length).toBe(4); // three past streams and the live one
    for (const v of page.data) expect(Object.keys(v).sort()).toEqual([...VIDEO_FIELDS].sort());
    const [live, ...past] = page.data;
    const [stream] = (await get<Page<{ id: string }>>(`/streams?user_id=${DEMO}`)).data;
    expect(live!.stream_id).toBe(stream!.id);
    expect(live!.thumbnail_url).toBe('');
    expect(
      past.every((v) => /^https:\/\/static-cdn\.jtvnw\.net\//.test(String(v.thumbnail_url))),
    ).toBe(true);
    const times = page.data.map((v) => Date.parse(v.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(live).toMatchObject({
      user_login: 'demo',
      user_name: 'Demo',
      type: 'archive',
      viewable: 'public',
      url: `https://www.twitch.tv/videos/${live!.id}`,
      muted_segments: null,
    });
    expect(String(past[0]!.duration)).toMatch(/^\d+h\d+m\d+s$/);
  });

  it('pages with first and after, and finds videos by id', async () => {
    const one = await get<Page<Video>>(`/videos?user_id=${DEMO}&first=3`);
    expect(one.data).toHaveLength(3);
    expect(one.pagination.cursor).toBeTruthy();
    const two = await get<Page<Video>>(
      `/videos?user_id=${DEMO}&first=3&after=${one.pagination.cursor}`,
    );
    expect(two.data).toHaveLength(1);
    expect(two.pagination).toEqual({});
    const byId = await get<Page<Video>>(`/videos?id=${two.data[0]!.id}&id=${one.data[0]!.id}`);
    expect(byId.data.map((v) => v.id).sort()).toEqual([two.data[0]!.id, one.data[0]!.id].sort());
    await get(`/videos?id=1`, 404);
  });

  it('refuses a request without exactly one of id, user_id, game_id, or with a bad type', async () => {
    await get('/videos', 400);
    await get(`/videos?user_id=${DEMO}&id=1`, 400);
    await get(`/videos?user_id=${DEMO}&type=clips`, 400);
    await get(`/videos?user_id=${DEMO}&first=101`, 400);
    expect((await get<Page<Video>>(`/videos?user_id=${DEMO}&type=highlight`)).data).toEqual([]);
  });

  it('has no archives for a channel with VODs off, private ones for sub-only VODs', async () => {
    expect((await get<Page<Video>>('/videos?user_id=100014')).data).toEqual([]);
    const sub = await get<Page<Video>>('/videos?user_id=100012');
    expect(sub.data.length).toBeGreaterThan(0);
    expect(sub.data.every((v) => v.viewable === 'private')).toBe(true);
  });

  it('archives a stream started now, a few seconds after its start, and stops it at its end', async () => {
    sim.control.setLive({ channel: 'nightowl_tv', live: false });
    sim.control.setVods({ channel: 'cozycrafter', mode: 'public' });
    sim.control.setLive({ channel: 'cozycrafter', live: true });
    const [stream] = (
      await get<Page<{ id: string; started_at: string }>>('/streams?user_id=100012')
    ).data;
    const channel = { streamId: stream!.id, startedAt: stream!.started_at };
    const [video] = (await get<Page<Video>>('/videos?user_id=100012&type=archive')).data;
    expect(video!.stream_id).toBe(channel.streamId);
    const delay = Date.parse(video!.created_at) - Date.parse(channel.startedAt);
    expect(delay).toBeGreaterThanOrEqual(1000);
    expect(delay).toBeLessThanOrEqual(10_000);
    sim.control.setLive({ channel: 'cozycrafter', live: false });
    expect(
      sim.control.deleteVideos({ channel: 'cozycrafter', streamId: channel.streamId }),
    ).toEqual({
      deleted: 1,
    });
    const after = (await get<Page<Video>>('/videos?user_id=100012')).data;
    expect(after.some((v) => v.stream_id === channel.streamId)).toBe(false);
  });
});

describe('Get Clips', () => {
  it('lists a broadcaster’s clips within a time window, most viewed first, with Twitch’s fields', async () => {
    const videos = (await get<Page<Video>>(`/videos?user_id=${DEMO}`)).data;
    const past = videos[1]!;
    const start = past.created_at;
    const end = new Date(Date.parse(start) + 6 * 3600_000).toISOString();
    const page = await get<Page<Clip>>(
      `/clips?broadcaster_id=${DEMO}&started_at=${start}&ended_at=${end}`,
    );
    expect(page.data.length).toBe(3);
    for (const c of page.data) {
      expect(Object.keys(c).sort()).toEqual([...CLIP_FIELDS].sort());
      expect(c.video_id).toBe(past.id);
      expect(c.embed_url).toBe(`https://clips.twitch.tv/embed?clip=${c.id}`);
      expect(String(c.thumbnail_url)).toMatch(/^https:\/\/static-cdn\.jtvnw\.net\//);
      expect(typeof c.vod_offset).toBe('number');
    }
    const views = page.data.map((c) => c.view_count);
    expect([...views].sort((a, b) => b - a)).toEqual(views);
    const all = await get<Page<Clip>>(`/clips?broadcaster_id=${DEMO}&first=100`);
    expect(all.data.length).toBeGreaterThan(page.data.length);
  });

  it('pages, finds clips by id, and refuses bad parameters', async () => {
    const one = await get<Page<Clip>>(`/clips?broadcaster_id=${DEMO}&first=2`);
    expect(one.data).toHaveLength(2);
    const two = await get<Page<Clip>>(
      `/clips?broadcaster_id=${DEMO}&first=2&after=${one.pagination.cursor}`,
    );
    expect(two.data[0]!.id).not.toBe(one.data[0]!.id);
    const byId = await get<{ data: Clip[] }>(`/clips?id=${one.data[0]!.id}`);
    expect(byId.data.map((c) => c.id)).toEqual([one.data[0]!.id]);
    await get('/clips', 400);
    await get(`/clips?broadcaster_id=${DEMO}&started_at=yesterday`, 400);
  });

  it('has a clip made now in the live stream, with its video and offset', async () => {
    const clip = sim.control.createClip({ channel: 'demo', title: 'the raid arrives', views: 5 });
    const video = sim.control.videos({ channel: 'demo' })[0]!;
    expect(clip).toMatchObject({ title: 'the raid arrives', video_id: video.id });
    const since = new Date(Date.now() - 60_000).toISOString();
    const page = await get<Page<Clip>>(`/clips?broadcaster_id=${DEMO}&started_at=${since}`);
    expect(page.data.map((c) => c.id)).toContain(clip.id);
  });
});

describe('video and clip embeds', () => {
  const EXT = 'mopegfohpfbpglfngjfcfogemppmfpeo';

  it('the player shows the requested video at the requested time', async () => {
    const video = sim.control.videos({ channel: 'demo' })[1]!;
    const res = await fetch(
      `https://player.twitch.tv/?video=v${video.id}&time=1h2m3s&parent=${EXT}&autoplay=true`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors https://${EXT}`);
    const html = await res.text();
    expect(html).toContain(`data-video="${video.id}"`);
    expect(html).toContain('data-time="3723"');
    expect(sim.control.embeds().at(-1)).toMatchObject({
      kind: 'player',
      channel: 'demo',
      video: `v${video.id}`,
      time: '1h2m3s',
      status: 200,
    });
    expect((await fetch(`https://player.twitch.tv/?video=v1&parent=${EXT}`)).status).toBe(404);
  });

  it('the clip embed shows the requested clip', async () => {
    const clip = sim.control.clips({ channel: 'demo' })[0]!;
    const res = await fetch(`https://clips.twitch.tv/embed?clip=${String(clip.id)}&parent=${EXT}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors https://${EXT}`);
    expect(await res.text()).toContain(`data-clip="${String(clip.id)}"`);
    expect(sim.control.embeds().at(-1)).toMatchObject({ kind: 'clip', clip: clip.id, status: 200 });
    expect((await fetch(`https://clips.twitch.tv/embed?clip=${String(clip.id)}`)).status).toBe(400);
    const thumb = await fetch(String(clip.thumbnail_url));
    expect(thumb.headers.get('content-type')).toBe('image/svg+xml');
  });
});
