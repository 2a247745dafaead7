/** Users and channels: Get Users, Search Channels, Get Channel Information, Get Moderated Channels. */
import type { Core } from '../core.js';
import type { TokenRecord } from '../tokens.js';
import type { Account, ChannelState } from '../world.js';
import { offlineImageUrl, profileImageUrl } from '../world.js';
import { clampInt, paginate } from './paging.js';
import { accountFields, bad, requireScope, type HelixContext, type Routes } from './route.js';

export const userRoutes = (core: Core): Routes => ({
  'GET /users': (c) => users(core, c),
  'GET /search/channels': (c) => searchChannels(core, c),
  'GET /channels': (c) => channels(core, c),
  'GET /moderation/channels': (c) => moderatedChannels(core, c),
});

function userJson(core: Core, a: Account, token: TokenRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    login: a.login,
    display_name: a.displayName,
    type: '',
    broadcaster_type: a.broadcasterType,
    description: a.description,
    profile_image_url: profileImageUrl(a.login),
    offline_image_url: core.world.channel(a.id) ? offlineImageUrl(a.login) : '',
    view_count: 0,
    created_at: a.createdAt,
  };
  if (a.id === token.userId && token.scopes.includes('user:read:email'))
    out.email = `${a.login}@example.com`;
  return out;
}

function users(core: Core, c: HelixContext): unknown {
  const ids = c.query.getAll('id');
  const logins = c.query.getAll('login');
  if (ids.length + logins.length > 100)
    throw bad('The maximum number of id and login parameters is 100');
  const world = core.world;
  let found: Account[];
  if (ids.length + logins.length === 0) {
    const me = world.accountById(c.token.userId);
    found = me ? [me] : [];
  } else {
    const seen = new Set<string>();
    found = [];
    for (const a of [
      ...ids.map((id) => world.accountById(id)),
      ...logins.map((l) => world.accountByLogin(l)),
    ]) {
      if (a && !seen.has(a.id)) {
        seen.add(a.id);
        found.push(a);
      }
    }
  }
  return { data: found.map((a) => userJson(core, a, c.token)) };
}

function searchChannels(core: Core, c: HelixContext): unknown {
  const query = (c.query.get('query') ?? '').trim().toLowerCase();
  if (!query) throw bad('Missing required parameter "query"');
  const first = clampInt(c.query.get('first'), 1, 100, 20);
  const liveOnly = c.query.get('live_only') === 'true';
  const world = core.world;
  const matches = [...world.channels.values()]
    .map((ch) => ({ ch, a: world.accountById(ch.broadcasterId) }))
    .filter((x): x is { ch: ChannelState; a: Account } => x.a !== undefined)
    .filter(({ ch }) => !liveOnly || ch.live)
    .filter(({ ch, a }) =>
      [
        a.login,
        a.displayName.toLowerCase(),
        ch.title.toLowerCase(),
        ch.game.name.toLowerCase(),
      ].some((f) => f.includes(query)),
    )
    .sort(
      (x, y) =>
        Number(y.a.login.startsWith(query)) - Number(x.a.login.startsWith(query)) ||
        Number(y.ch.live) - Number(x.ch.live),
    );
  const { page, pagination } = paginate(matches, c.query.get('after'), first);
  return {
    data: page.map(({ ch, a }) => ({
      broadcaster_language: ch.language,
      broadcaster_login: a.login,
      display_name: a.displayName,
      game_id: ch.game.id,
      game_name: ch.game.name,
      id: a.id,
      is_live: ch.live,
      tag_ids: [],
      tags: ch.tags,
      thumbnail_url: profileImageUrl(a.login),
      title: ch.title,
      started_at: ch.live ? ch.startedAt : '',
    })),
    pagination,
  };
}

function channels(core: Core, c: HelixContext): unknown {
  const ids = c.query.getAll('broadcaster_id');
  if (ids.length === 0) throw bad('Missing required parameter "broadcaster_id"');
  if (ids.length > 100) throw bad('The maximum number of broadcaster_id parameters is 100');
  const world = core.world;
  const data = ids
    .map((id) => ({ ch: world.channel(id), a: world.accountById(id) }))
    .filter((x): x is { ch: ChannelState; a: Account } => x.ch !== undefined && x.a !== undefined)
    .map(({ ch, a }) => ({
      ...accountFields('broadcaster', a),
      broadcaster_language: ch.language,
      game_id: ch.game.id,
      game_name: ch.game.name,
      title: ch.title,
      delay: ch.delay,
      tags: ch.tags,
      content_classification_labels: [],
      is_branded_content: false,
    }));
  return { data };
}

function moderatedChannels(core: Core, c: HelixContext): unknown {
  const userId = c.query.get('user_id');
  if (!userId) throw bad('Missing required parameter "user_id"');
  requireScope(c, 'user:read:moderated_channels');
  if (userId !== c.token.userId) throw bad('The user_id must match the user in the access token');
  const first = clampInt(c.query.get('first'), 1, 100, 50);
  const list = core.world.moderatedChannels(userId);
  const { page, pagination } = paginate(list, c.query.get('after'), first);
  return {
    data: page.map((a) => accountFields('broadcaster', a)),
    pagination,
  };
}
