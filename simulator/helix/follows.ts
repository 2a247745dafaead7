/** Follows: Get Followed Channels and Get Followed Streams (scope `user:read:follows`). */
import type { Core } from '../core.js';
import type { ChannelState } from '../world.js';
import { pageSize, paginate } from './paging.js';
import { accountFields, bad, requireScope, type HelixContext, type Routes } from './route.js';
import { byViewers, streamJson } from './streams.js';

export const followRoutes = (core: Core): Routes => ({
  'GET /channels/followed': (c) => followedChannels(core, c),
  'GET /streams/followed': (c) => followedStreams(core, c),
});

/** `user_id`: required, and it must be the token's user. */
function tokenUser(c: HelixContext): string {
  const userId = c.query.get('user_id');
  if (!userId) throw bad('Missing required parameter "user_id"');
  if (userId !== c.token.userId) throw bad('The user_id must match the user in the access token');
  return userId;
}

function followedChannels(core: Core, c: HelixContext): unknown {
  requireScope(c, 'user:read:follows');
  const userId = tokenUser(c);
  const first = pageSize(c.query.get('first'), 20);
  const broadcasterId = c.query.get('broadcaster_id');
  let follows = core.world.followsOf(userId);
  if (broadcasterId !== null) {
    if (!/^\d+$/.test(broadcasterId)) throw bad('The broadcaster_id is not valid');
    follows = follows.filter((f) => f.broadcasterId === broadcasterId);
  }
  const { page, pagination } = paginate(follows, c.query.get('after'), first);
  return {
    total: follows.length,
    data: page.map((f) => ({
      ...accountFields('broadcaster', core.world.resolve(f.broadcasterId)),
      followed_at: f.followedAt,
    })),
    pagination,
  };
}

function followedStreams(core: Core, c: HelixContext): unknown {
  requireScope(c, 'user:read:follows');
  const userId = tokenUser(c);
  const first = pageSize(c.query.get('first'), 100);
  const live = core.world
    .followsOf(userId)
    .map((f) => core.world.channel(f.broadcasterId))
    .filter((ch): ch is ChannelState => ch?.live === true)
    .sort(byViewers);
  const { page, pagination } = paginate(live, c.query.get('after'), first);
  return { data: page.map((ch) => streamJson(core, ch)), pagination };
}
