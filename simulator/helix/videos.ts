/**
 * Past broadcasts and clips: Get Videos and Get Clips, with Twitch's documented parameters,
 * fields and cursor pagination, answered from the world's archive (`archive.ts`).
 */
import { archiveTime, videoDuration, type Clip, type Video } from '../archive.js';
import type { Core } from '../core.js';
import { HttpError } from '../http.js';
import { pageSize, paginate } from './paging.js';
import { accountFields, bad, type HelixContext, type Routes } from './route.js';

export const videoRoutes = (core: Core): Routes => ({
  'GET /videos': (c) => videos(core, c),
  'GET /clips': (c) => clips(core, c),
});

const VIDEO_TYPES = ['all', 'archive', 'highlight', 'upload'];
const SORTS = ['time', 'trending', 'views'];
const PERIODS = ['all', 'day', 'week', 'month'];
const PERIOD_MS: Record<string, number> = { day: 864e5, week: 7 * 864e5, month: 30 * 864e5 };

/** Exactly one of the parameters that say what to list, as both endpoints require. */
function oneOf(c: HelixContext, names: string[]): string {
  const given = names.filter((n) => c.query.getAll(n).length > 0);
  if (given.length !== 1)
    throw bad(`Exactly one of the ${names.join(', ')} query parameters must be specified`);
  return given[0]!;
}

function oneOfValues(c: HelixContext, name: string, allowed: string[], fallback: string): string {
  const value = c.query.get(name) ?? fallback;
  if (!allowed.includes(value)) throw bad(`The parameter "${name}" was malformed`);
  return value;
}

export function videoJson(core: Core, v: Video, now = Date.now()): Record<string, unknown> {
  const a = core.world.resolve(v.userId);
  const created = archiveTime(v.createdAt);
  return {
    id: v.id,
    stream_id: v.streamId,
    ...accountFields('user', a),
    title: v.title,
    description: v.description,
    created_at: created,
    published_at: created,
    url: `https://www.twitch.tv/videos/${v.id}`,
    // A live archive has no thumbnail yet.
    thumbnail_url:
      v.endedAt === undefined
        ? ''
        : `https://static-cdn.jtvnw.net/cf_vods/d1m7jfoe9zdc1j/${a.login}_${v.streamId}_${Math.floor(v.createdAt / 1000)}/thumb/thumb0-%{width}x%{height}.jpg`,
    viewable: v.viewable,
    view_count: v.viewCount,
    language: v.language,
    type: 'archive',
    duration: videoDuration(core.world.archive.durationOf(v, now)),
    muted_segments: v.mutedSegments,
  };
}

function videos(core: Core, c: HelixContext): unknown {
  const by = oneOf(c, ['id', 'user_id', 'game_id']);
  const archive = core.world.archive;
  if (by === 'id') {
    const ids = c.query.getAll('id');
    if (ids.length > 100) throw bad('The maximum number of id parameters is 100');
    const found = archive.videos.filter((v) => ids.includes(v.id));
    if (found.length === 0) throw new HttpError(404, 'Not Found', 'Videos not found');
    return { data: found.map((v) => videoJson(core, v)), pagination: {} };
  }
  const type = oneOfValues(c, 'type', VIDEO_TYPES, 'all');
  const sort = oneOfValues(c, 'sort', SORTS, 'time');
  const period = oneOfValues(c, 'period', PERIODS, 'all');
  const language = c.query.get('language');
  const first = pageSize(c.query.get('first'), 20);
  const now = Date.now();
  let list: Video[];
  if (by === 'user_id') {
    const userId = c.query.get('user_id') ?? '';
    if (!core.world.accountById(userId)) throw bad('Invalid user_id');
    list = archive.videos.filter((v) => v.userId === userId);
  } else {
    const gameId = c.query.get('game_id') ?? '';
    list = archive.videos.filter((v) => core.world.channel(v.userId)?.game.id === gameId);
  }
  // Only archives are simulated: highlights and uploads are none.
  if (type !== 'all' && type !== 'archive') list = [];
  if (language) list = list.filter((v) => v.language === language);
  const span = PERIOD_MS[period];
  if (span) list = list.filter((v) => now - v.createdAt <= span);
  list.sort((a, b) =>
    sort === 'time'
      ? b.createdAt - a.createdAt
      : b.viewCount - a.viewCount || b.createdAt - a.createdAt,
  );
  const { page, pagination } = paginate(list, c.query.get('after'), first);
  return { data: page.map((v) => videoJson(core, v, now)), pagination };
}

export function clipJson(core: Core, clip: Clip): Record<string, unknown> {
  const broadcaster = core.world.resolve(clip.broadcasterId);
  const creator = core.world.resolve(clip.creatorId);
  return {
    id: clip.id,
    url: `https://clips.twitch.tv/${clip.id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${clip.id}`,
    broadcaster_id: broadcaster.id,
    broadcaster_name: broadcaster.displayName,
    creator_id: creator.id,
    creator_name: creator.displayName,
    video_id: clip.videoId,
    game_id: clip.gameId,
    language: clip.language,
    title: clip.title,
    view_count: clip.viewCount,
    created_at: archiveTime(clip.createdAt),
    thumbnail_url: `https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/${clip.id}/preview-480x272.jpg`,
    duration: clip.duration,
    vod_offset: clip.vodOffset,
    is_featured: clip.isFeatured,
  };
}

function time(c: HelixContext, name: string): number | undefined {
  const value = c.query.get(name);
  if (value === null) return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
    ? Date.parse(value)
    : NaN;
  if (!Number.isFinite(ms)) throw bad(`The parameter "${name}" was malformed: not RFC3339`);
  return ms;
}

function clips(core: Core, c: HelixContext): unknown {
  const by = oneOf(c, ['broadcaster_id', 'game_id', 'id']);
  const archive = core.world.archive;
  if (by === 'id') {
    const ids = c.query.getAll('id');
    if (ids.length > 100) throw bad('The maximum number of id parameters is 100');
    return {
      data: archive.clips.filter((cl) => ids.includes(cl.id)).map((cl) => clipJson(core, cl)),
    };
  }
  const first = pageSize(c.query.get('first'), 20);
  const startedAt = time(c, 'started_at');
  const endedAt = time(c, 'ended_at');
  const featured = c.query.get('is_featured');
  let list =
    by === 'broadcaster_id'
      ? archive.clips.filter((cl) => cl.broadcasterId === c.query.get('broadcaster_id'))
      : archive.clips.filter((cl) => cl.gameId === c.query.get('game_id'));
  // An end without a start is ignored; a start without an end spans a week.
  if (startedAt !== undefined) {
    const end = endedAt ?? startedAt + 7 * 864e5;
    list = list.filter((cl) => cl.createdAt >= startedAt && cl.createdAt <= end);
  }
  if (featured === 'true' || featured === 'false')
    list = list.filter((cl) => cl.isFeatured === (featured === 'true'));
  else if (featured !== null) throw bad('The parameter "is_featured" was malformed');
  list = [...list].sort((a, b) => b.viewCount - a.viewCount || b.createdAt - a.createdAt);
  const { page, pagination } = paginate(list, c.query.get('after'), first);
  return { data: page.map((cl) => clipJson(core, cl)), pagination };
}
