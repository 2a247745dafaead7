/** Streams: Get Streams, and the stream object every stream endpoint answers with. */
import type { Core } from '../core.js';
import { streamThumbnailUrl, type ChannelState } from '../world.js';
import { pageSize, paginate } from './paging.js';
import { accountFields, bad, type HelixContext, type Routes } from './route.js';

export const streamRoutes = (core: Core): Routes => ({
  'GET /streams': (c) => streams(core, c),
});

/** A live channel as Get Streams and Get Followed Streams answer it. */
export function streamJson(core: Core, ch: ChannelState): Record<string, unknown> {
  const a = core.world.resolve(ch.broadcasterId);
  return {
    id: ch.streamId,
    ...accountFields('user', a),
    game_id: ch.game.id,
    game_name: ch.game.name,
    type: 'live',
    title: ch.title,
    tags: ch.tags,
    viewer_count: ch.viewerCount,
    started_at: ch.startedAt,
    language: ch.language,
    thumbnail_url: streamThumbnailUrl(a.login),
    tag_ids: [],
    is_mature: ch.isMature,
  };
}

/** Most viewers first. */
export const byViewers = (a: ChannelState, b: ChannelState): number =>
  b.viewerCount - a.viewerCount;

function streams(core: Core, c: HelixContext): unknown {
  const ids = c.query.getAll('user_id');
  const logins = c.query.getAll('user_login');
  if (ids.length > 100 || logins.length > 100)
    throw bad('The maximum number of user_id or user_login parameters is 100');
  const first = pageSize(c.query.get('first'), 20);
  const world = core.world;
  const type = c.query.get('type') ?? 'all';
  let live = [...world.channels.values()].filter((ch) => ch.live);
  if (ids.length || logins.length) {
    const wanted = new Set([...ids, ...logins.map((l) => world.accountByLogin(l)?.id ?? '')]);
    live = live.filter((ch) => wanted.has(ch.broadcasterId));
  }
  if (type !== 'all' && type !== 'live') live = [];
  live.sort(byViewers);
  const { page, pagination } = paginate(live, c.query.get('after'), first);
  return { data: page.map((ch) => streamJson(core, ch)), pagination };
}
