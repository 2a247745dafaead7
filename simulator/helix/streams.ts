/** Streams: Get Streams. */
import type { Core } from '../core.js';
import { streamThumbnailUrl } from '../world.js';
import { clampInt, paginate } from './paging.js';
import { bad, type HelixContext, type Routes } from './route.js';

export const streamRoutes = (core: Core): Routes => ({
  'GET /streams': (c) => streams(core, c),
});

function streams(core: Core, c: HelixContext): unknown {
  const ids = c.query.getAll('user_id');
  const logins = c.query.getAll('user_login');
  if (ids.length > 100 || logins.length > 100)
    throw bad('The maximum number of user_id or user_login parameters is 100');
  const first = clampInt(c.query.get('first'), 1, 100, 20);
  const world = core.world;
  const type = c.query.get('type') ?? 'all';
  let live = [...world.channels.values()].filter((ch) => ch.live);
  if (ids.length || logins.length) {
    const wanted = new Set([...ids, ...logins.map((l) => world.accountByLogin(l)?.id ?? '')]);
    live = live.filter((ch) => wanted.has(ch.broadcasterId));
  }
  if (type !== 'all' && type !== 'live') live = [];
  live.sort((a, b) => b.viewerCount - a.viewerCount);
  const { page, pagination } = paginate(live, c.query.get('after'), first);
  return {
    data: page.map((ch) => {
      const a = world.resolve(ch.broadcasterId);
      return {
        id: ch.streamId,
        user_id: a.id,
        user_login: a.login,
        user_name: a.displayName,
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
    }),
    pagination,
  };
}
