import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLIPS_TTL_MS,
  forgetArchives,
  forgetClips,
  streamClips,
  streamVideo,
} from '../../../lib/background/moments';
import { CompanionDatabase } from '../../../lib/db/database';
import { EARLY_MISSING_TTL_MS, MISSING_TTL_MS } from '../../../lib/history/moment';
import { authSession } from '../../../lib/settings';
import { fakeTwitch, viewerSession, type Answer } from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const HOUR = 3_600_000;
let db: CompanionDatabase;
let n = 0;

const archive = (id: string, streamId: string, createdAt: number, viewable = 'public') => ({
  id,
  stream_id: streamId,
  user_id: '100001',
  user_login: 'demo',
  user_name: 'Demo',
  title: 'a stream',
  description: '',
  created_at: new Date(createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  published_at: new Date(createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  url: `https://www.twitch.tv/videos/${id}`,
  thumbnail_url: '',
  viewable,
  view_count: 1,
  language: 'en',
  type: 'archive',
  duration: '2h0m0s',
  muted_segments: null,
});

/** Get Videos answering `videos` for user 100001. */
function videosAnswer(videos: () => unknown[]): Answer {
  return ({ url }) => {
    if (url.pathname !== '/helix/videos') throw new Error(`unexpected ${url}`);
    expect(url.searchParams.get('user_id')).toBe('100001');
    expect(url.searchParams.get('type')).toBe('archive');
    return Response.json({ data: videos(), pagination: {} });
  };
}

beforeEach(async () => {
  db = new CompanionDatabase(`moments-${++n}`);
  forgetClips();
  forgetArchives();
  await authSession.setValue(viewerSession());
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  db.close();
});

describe('the past broadcast of a stream', () => {
  it('is the archive whose stream_id is the stream’s, asked of Twitch once for every row and stream', async () => {
    const start = Math.floor((Date.now() - 2 * HOUR) / 1000) * 1000;
    const seen = fakeTwitch(
      videosAnswer(() => [
        archive('902', '222', start + 4000),
        archive('901', '111', start - 30 * HOUR),
      ]),
    );
    const ask = (streamId: string) =>
      streamVideo({ channelId: '100001', streamId, startedAt: start }, db);
    const answers = await Promise.all([ask('222'), ask('222'), ask('222')]);
    for (const a of answers)
      expect(a).toEqual({
        status: 'found',
        video: { id: '902', createdAt: start + 4000, subOnly: false },
      });
    // Another stream the same answer listed: remembered too, no second call.
    expect(await ask('111')).toMatchObject({ status: 'found', video: { id: '901' } });
    expect(seen).toHaveLength(1);
  });

  it('remembers that the channel keeps no VODs, and asks again only after a while', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now() - 2 * HOUR;
    const seen = fakeTwitch(videosAnswer(() => []));
    const ask = () => streamVideo({ channelId: '100001', streamId: '222', startedAt: start }, db);
    expect(await ask()).toEqual({ status: 'noVods' });
    expect(await ask()).toEqual({ status: 'noVods' });
    expect(seen).toHaveLength(1);
    vi.setSystemTime(Date.now() + MISSING_TTL_MS + 1);
    await ask();
    expect(seen).toHaveLength(2);
  });

  it('answers the streams one Get Videos does not list from it too, one after another: one call per channel', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now() - 30 * HOUR;
    const seen = fakeTwitch(
      videosAnswer(() => [archive('906', '566', start + 10 * HOUR), archive('905', '555', start)]),
    );
    const ask = (streamId: string, hoursLater: number) =>
      streamVideo({ channelId: '100001', streamId, startedAt: start + hoursLater * HOUR }, db);
    // A page scrolling through a channel's streams: expired ones asked about one at a time.
    expect(await ask('556', 1)).toEqual({ status: 'gone' });
    expect(await ask('557', 2)).toEqual({ status: 'gone' });
    expect(await ask('558', 3)).toEqual({ status: 'gone' });
    expect(await ask('555', 0)).toMatchObject({ status: 'found', video: { id: '905' } });
    expect(seen).toHaveLength(1);
    // A stream newer than every archive listed: perhaps begun after the list, so Twitch is asked.
    await ask('560', 40);
    expect(seen).toHaveLength(2);
    // Once that answer is too old for them, Twitch is asked again.
    vi.setSystemTime(Date.now() + MISSING_TTL_MS + 1);
    expect(await ask('559', 4)).toEqual({ status: 'gone' });
    expect(seen).toHaveLength(3);
  });

  it('tells an expired video (the channel has others) and a sub-only one', async () => {
    const start = Date.now() - 2 * HOUR;
    fakeTwitch(videosAnswer(() => [archive('903', '333', start, 'private')]));
    expect(
      await streamVideo({ channelId: '100001', streamId: '111', startedAt: start }, db),
    ).toEqual({ status: 'gone' });
    expect(
      await streamVideo({ channelId: '100001', streamId: '333', startedAt: start }, db),
    ).toMatchObject({ status: 'found', video: { subOnly: true } });
  });

  it('asks again within seconds when a stream that just began has no archive yet', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now() - 2000;
    let videos: unknown[] = [];
    const seen = fakeTwitch(videosAnswer(() => videos));
    const ask = () => streamVideo({ channelId: '100001', streamId: '444', startedAt: start }, db);
    expect(await ask()).toEqual({ status: 'noVods' });
    videos = [archive('904', '444', start + 4000)];
    expect(await ask()).toEqual({ status: 'noVods' });
    vi.setSystemTime(Date.now() + EARLY_MISSING_TTL_MS + 1);
    expect(await ask()).toMatchObject({ status: 'found', video: { id: '904' } });
    expect(seen).toHaveLength(2);
  });

  it('refuses a malformed request at the edge, and says so when signed out or Twitch fails', async () => {
    const seen = fakeTwitch(() => new Response('nope', { status: 500 }));
    expect(await streamVideo({ channelId: 'x', streamId: '1', startedAt: 0 }, db)).toEqual({
      status: 'error',
    });
    expect(
      await streamVideo({ channelId: '100001', streamId: '1/../2', startedAt: 0 }, db),
    ).toEqual({ status: 'error' });
    expect(seen).toHaveLength(0);
    expect(await streamVideo({ channelId: '100001', streamId: '1', startedAt: 0 }, db)).toEqual({
      status: 'error',
    });
    // Not remembered: the next question asks Twitch again.
    await streamVideo({ channelId: '100001', streamId: '1', startedAt: 0 }, db);
    expect(seen).toHaveLength(2);
    await authSession.setValue(null);
    expect(await streamVideo({ channelId: '100001', streamId: '1', startedAt: 0 }, db)).toEqual({
      status: 'signedOut',
    });
  });
});

describe('the clips of a stream', () => {
  const clip = (id: string, views: number, thumbnail: string) => ({
    id,
    url: `https://clips.twitch.tv/${id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${id}`,
    broadcaster_id: '100001',
    broadcaster_name: 'Demo',
    creator_id: '200001',
    creator_name: 'lurking_lucy',
    video_id: '902',
    game_id: '1',
    language: 'en',
    title: `clip ${id}`,
    view_count: views,
    created_at: '2026-12-01T20:30:00Z',
    thumbnail_url: thumbnail,
    duration: 29.5,
    vod_offset: 1790,
    is_featured: false,
  });

  it('are Get Clips for the broadcaster within the stream’s times; thumbnails only from Twitch’s image CDN', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2026-12-01T20:00:00Z');
    const end = start + 2 * HOUR;
    const seen = fakeTwitch(({ url }) => {
      expect(url.pathname).toBe('/helix/clips');
      return Response.json({
        data: [
          clip(
            'GoodClip',
            40,
            'https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/GoodClip/preview-480x272.jpg',
          ),
          clip('ElsewhereClip', 3, 'https://evil.example/x.jpg'),
        ],
        pagination: {},
      });
    });
    const answer = await streamClips({ channelId: '100001', startedAt: start, endedAt: end });
    expect(seen[0]!.url.searchParams.get('broadcaster_id')).toBe('100001');
    expect(seen[0]!.url.searchParams.get('started_at')).toBe('2026-12-01T20:00:00.000Z');
    expect(seen[0]!.url.searchParams.get('ended_at')).toBe('2026-12-01T22:00:00.000Z');
    expect(answer).toEqual({
      status: 'found',
      clips: [
        expect.objectContaining({
          id: 'GoodClip',
          title: 'clip GoodClip',
          creatorName: 'lurking_lucy',
          viewCount: 40,
          thumbnailUrl:
            'https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/GoodClip/preview-480x272.jpg',
        }),
        expect.not.objectContaining({ thumbnailUrl: expect.anything() }),
      ],
    });
    await streamClips({ channelId: '100001', startedAt: start, endedAt: end });
    expect(seen).toHaveLength(1);
    vi.setSystemTime(Date.now() + CLIPS_TTL_MS + 1);
    await streamClips({ channelId: '100001', startedAt: start, endedAt: end });
    expect(seen).toHaveLength(2);
  });
});
