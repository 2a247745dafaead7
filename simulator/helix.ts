/** api.twitch.tv/helix: the endpoints the extension calls. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from './core.js';
import { replyTo as replyObject } from './events/chat.js';
import { GLOBAL_EMOTES } from './events/common.js';
import { corsHeaders } from './oauth.js';
import type { TokenRecord } from './tokens.js';
import { HttpError, readBody, sendJson } from './http.js';
import { clampInt, paginate } from './helix/paging.js';
import { isPlainObject, pushCapped } from './objects.js';
import { uuid } from './ids.js';
import type { Account, ChannelState } from './world.js';
import { offlineImageUrl, profileImageUrl, streamThumbnailUrl } from './world.js';

const RATE_LIMIT = 800;

interface Bucket {
  remaining: number;
  resetAt: number;
}

type Handler = (ctx: HelixContext) => Promise<unknown> | unknown;

interface HelixContext {
  req: IncomingMessage;
  url: URL;
  token: TokenRecord;
  query: URLSearchParams;
}

const bad = (message: string): HttpError => new HttpError(400, 'Bad Request', message);
const forbidden = (message: string): HttpError => new HttpError(403, 'Forbidden', message);

export class Helix {
  private readonly buckets = new Map<string, Bucket>();
  private readonly routes: Record<string, Handler>;

  constructor(private readonly core: Core) {
    this.routes = {
      'GET /users': (c) => this.users(c),
      'GET /search/channels': (c) => this.searchChannels(c),
      'GET /streams': (c) => this.streams(c),
      'GET /channels': (c) => this.channels(c),
      'POST /chat/messages': (c) => this.sendChat(c),
      'GET /chat/badges/global': () => ({ data: globalBadges() }),
      'GET /chat/badges': (c) => this.channelBadges(c),
      'GET /chat/emotes/global': () => globalEmotes(),
      'GET /moderation/channels': (c) => this.moderatedChannels(c),
      'POST /eventsub/subscriptions': async (c) =>
        this.core.subscriptionApi.create(c.token, await jsonBody(c.req)),
      'GET /eventsub/subscriptions': (c) => this.core.subscriptionApi.list(c.token, c.query),
      'DELETE /eventsub/subscriptions': (c) =>
        this.core.subscriptionApi.delete(c.token, c.query.get('id')),
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/helix/, '').replace(/\/+$/, '') || '/';
    const record = (status: number): void => {
      pushCapped(
        this.core.helixCalls,
        { method, path, status, at: new Date().toISOString() },
        5000,
      );
    };
    if (method === 'OPTIONS') {
      res.writeHead(204, corsHeaders());
      res.end();
      return;
    }
    const error = (
      status: number,
      errorName: string,
      message: string,
      headers: Record<string, string> = {},
    ): void => {
      record(status);
      sendJson(
        res,
        status,
        { error: errorName, status, message },
        { ...corsHeaders(), ...headers },
      );
    };

    // Authentication.
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) return error(401, 'Unauthorized', 'OAuth token is missing');
    const token = this.core.tokens.valid(m[1]);
    if (!token) return error(401, 'Unauthorized', 'Invalid OAuth token');
    const clientId = headerValue(req, 'client-id');
    if (!clientId || clientId !== token.clientId)
      return error(401, 'Unauthorized', 'Client ID and OAuth token do not match');

    // Rate limit bucket per client + user.
    const bucket = this.bucket(`${token.clientId}:${token.userId}`);
    const rl = (b: Bucket): Record<string, string> => ({
      'Ratelimit-Limit': String(RATE_LIMIT),
      'Ratelimit-Remaining': String(b.remaining),
      'Ratelimit-Reset': String(Math.ceil(b.resetAt / 1000)),
    });

    // Injected failures.
    const rule = this.core.failures.find(
      (f) =>
        f.remaining > 0 && (f.path === '*' || path === f.path || path.startsWith(`${f.path}/`)),
    );
    if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) this.core.failures = this.core.failures.filter((f) => f !== rule);
      if (rule.status === 429) {
        const resetAt = Date.now() + rule.resetSeconds * 1000;
        return error(429, 'Too Many Requests', 'Too Many Requests', {
          'Ratelimit-Limit': String(RATE_LIMIT),
          'Ratelimit-Remaining': '0',
          'Ratelimit-Reset': String(Math.ceil(resetAt / 1000)),
        });
      }
      return error(
        rule.status,
        rule.status === 500 ? 'Internal Server Error' : 'Service Unavailable',
        '',
        rl(bucket),
      );
    }
    if (bucket.remaining <= 0)
      return error(429, 'Too Many Requests', 'Too Many Requests', rl(bucket));
    bucket.remaining--;

    const handler = this.routes[`${method} ${path}`];
    if (!handler) {
      const known = Object.keys(this.routes).some((k) => k.endsWith(` ${path}`));
      return known
        ? error(405, 'Method Not Allowed', '', rl(bucket))
        : error(404, 'Not Found', '', rl(bucket));
    }
    try {
      const out = await handler({ req, url, token, query: url.searchParams });
      const headers = { ...corsHeaders(), ...rl(bucket) };
      if (isPlainObject(out) && typeof out.status === 'number' && 'body' in out) {
        record(out.status);
        if (out.status === 204) {
          res.writeHead(204, headers);
          res.end();
        } else {
          sendJson(res, out.status, out.body, headers);
        }
        return;
      }
      record(200);
      sendJson(res, 200, out, headers);
    } catch (e) {
      if (e instanceof HttpError) return error(e.status, e.error, e.message, rl(bucket));
      throw e;
    }
  }

  private bucket(key: string): Bucket {
    const now = Date.now();
    let b = this.buckets.get(key);
    if (!b || b.resetAt <= now) {
      b = { remaining: RATE_LIMIT, resetAt: now + 60_000 };
      this.buckets.set(key, b);
    }
    return b;
  }

  // ------------------------------------------------------------ users & channels

  private userJson(a: Account, token: TokenRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: a.id,
      login: a.login,
      display_name: a.displayName,
      type: '',
      broadcaster_type: a.broadcasterType,
      description: a.description,
      profile_image_url: profileImageUrl(a.login),
      offline_image_url: this.core.world.channel(a.id) ? offlineImageUrl(a.login) : '',
      view_count: 0,
      created_at: a.createdAt,
    };
    if (a.id === token.userId && token.scopes.includes('user:read:email'))
      out.email = `${a.login}@example.com`;
    return out;
  }

  private users(c: HelixContext): unknown {
    const ids = c.query.getAll('id');
    const logins = c.query.getAll('login');
    if (ids.length + logins.length > 100)
      throw bad('The maximum number of id and login parameters is 100');
    const world = this.core.world;
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
    return { data: found.map((a) => this.userJson(a, c.token)) };
  }

  private searchChannels(c: HelixContext): unknown {
    const query = (c.query.get('query') ?? '').trim().toLowerCase();
    if (!query) throw bad('Missing required parameter "query"');
    const first = clampInt(c.query.get('first'), 1, 100, 20);
    const liveOnly = c.query.get('live_only') === 'true';
    const world = this.core.world;
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

  private streams(c: HelixContext): unknown {
    const ids = c.query.getAll('user_id');
    const logins = c.query.getAll('user_login');
    if (ids.length > 100 || logins.length > 100)
      throw bad('The maximum number of user_id or user_login parameters is 100');
    const first = clampInt(c.query.get('first'), 1, 100, 20);
    const world = this.core.world;
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

  private channels(c: HelixContext): unknown {
    const ids = c.query.getAll('broadcaster_id');
    if (ids.length === 0) throw bad('Missing required parameter "broadcaster_id"');
    if (ids.length > 100) throw bad('The maximum number of broadcaster_id parameters is 100');
    const world = this.core.world;
    const data = ids
      .map((id) => ({ ch: world.channel(id), a: world.accountById(id) }))
      .filter((x): x is { ch: ChannelState; a: Account } => x.ch !== undefined && x.a !== undefined)
      .map(({ ch, a }) => ({
        broadcaster_id: a.id,
        broadcaster_login: a.login,
        broadcaster_name: a.displayName,
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

  // ------------------------------------------------------------ chat

  private async sendChat(c: HelixContext): Promise<unknown> {
    if (!c.token.scopes.includes('user:write:chat'))
      throw new HttpError(401, 'Unauthorized', 'Missing scope: user:write:chat');
    const body = await jsonBody(c.req);
    if (!isPlainObject(body)) throw bad('request body must be a JSON object');
    // Twitch takes these in the JSON body; clients such as twurple also put the ids in the query string.
    const q = (k: string): unknown => body[k] ?? c.query.get(k) ?? undefined;
    const broadcasterId = q('broadcaster_id');
    const senderId = q('sender_id');
    const message = body.message;
    const replyTo = q('reply_parent_message_id');
    if (typeof broadcasterId !== 'string' || !broadcasterId)
      throw bad('Missing required parameter "broadcaster_id"');
    if (typeof senderId !== 'string' || !senderId)
      throw bad('Missing required parameter "sender_id"');
    if (typeof message !== 'string' || message.trim() === '')
      throw bad('Missing required parameter "message"');
    if (replyTo !== undefined && typeof replyTo !== 'string')
      throw bad('The parameter "reply_parent_message_id" was malformed');
    if (senderId !== c.token.userId)
      throw forbidden('The sender must be the user in the access token');
    const world = this.core.world;
    const channel = world.channel(broadcasterId);
    if (!channel) throw bad('The broadcaster_id is not valid');
    const messageId = uuid();
    const tooLong = [...message].length > 500;
    const record = {
      messageId,
      broadcasterId,
      senderId,
      message,
      replyParentMessageId: typeof replyTo === 'string' ? replyTo : null,
      isSent: !tooLong,
      at: new Date().toISOString(),
    };
    this.core.helixChat.push(record);
    if (tooLong) {
      return {
        data: [
          {
            message_id: '',
            is_sent: false,
            drop_reason: { code: 'msg_too_long', message: 'Your message is too long.' },
          },
        ],
      };
    }
    const parent =
      typeof replyTo === 'string'
        ? world.chat.get(broadcasterId)?.find((l) => l.messageId === replyTo)
        : undefined;
    const overrides: Record<string, unknown> = { message_id: messageId };
    if (parent) {
      overrides.reply = replyObject(parent);
    }
    this.core.trigger({
      type: 'channel.chat.message',
      channel: broadcasterId,
      user: senderId,
      text: message,
      overrides,
    });
    return { data: [{ message_id: messageId, is_sent: true, drop_reason: null }] };
  }

  private channelBadges(c: HelixContext): unknown {
    const id = c.query.get('broadcaster_id');
    if (!id) throw bad('Missing required parameter "broadcaster_id"');
    if (!this.core.world.channel(id)) return { data: [] };
    return {
      data: [
        badgeSet(
          'subscriber',
          [
            ['0', 'Subscriber'],
            ['3', '3-Month Subscriber'],
            ['6', '6-Month Subscriber'],
            ['9', '9-Month Subscriber'],
            ['12', '1-Year Subscriber'],
          ],
          id,
        ),
        badgeSet(
          'bits',
          [
            ['1', 'cheer 1'],
            ['100', 'cheer 100'],
            ['1000', 'cheer 1000'],
          ],
          id,
        ),
      ],
    };
  }

  private moderatedChannels(c: HelixContext): unknown {
    const userId = c.query.get('user_id');
    if (!userId) throw bad('Missing required parameter "user_id"');
    if (!c.token.scopes.includes('user:read:moderated_channels')) {
      throw new HttpError(401, 'Unauthorized', 'Missing scope: user:read:moderated_channels');
    }
    if (userId !== c.token.userId) throw bad('The user_id must match the user in the access token');
    const first = clampInt(c.query.get('first'), 1, 100, 50);
    const list = this.core.world.moderatedChannels(userId);
    const { page, pagination } = paginate(list, c.query.get('after'), first);
    return {
      data: page.map((a) => ({
        broadcaster_id: a.id,
        broadcaster_login: a.login,
        broadcaster_name: a.displayName,
      })),
      pagination,
    };
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text) throw bad('request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad('request body is not valid JSON');
  }
}

const badgeId = (set: string, version: string, owner: string): string => {
  const h = createHash('sha1').update(`${owner}:${set}:${version}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function badgeSet(
  setId: string,
  versions: [string, string][],
  owner = 'global',
): Record<string, unknown> {
  return {
    set_id: setId,
    versions: versions.map(([id, title]) => {
      const image = `https://static-cdn.jtvnw.net/badges/v1/${badgeId(setId, id, owner)}`;
      return {
        id,
        image_url_1x: `${image}/1`,
        image_url_2x: `${image}/2`,
        image_url_4x: `${image}/3`,
        title,
        description: title,
        click_action: setId === 'subscriber' ? 'subscribe_to_channel' : null,
        click_url: null,
      };
    }),
  };
}

function globalBadges(): unknown[] {
  return [
    badgeSet('broadcaster', [['1', 'Broadcaster']]),
    badgeSet('moderator', [['1', 'Moderator']]),
    badgeSet('vip', [['1', 'VIP']]),
    badgeSet('partner', [['1', 'Verified']]),
    badgeSet('premium', [['1', 'Prime Gaming']]),
    badgeSet('turbo', [['1', 'Turbo']]),
    badgeSet('staff', [['1', 'Staff']]),
    badgeSet('sub-gifter', [
      ['1', 'Sub Gifter'],
      ['5', '5 Gift Subs'],
      ['10', '10 Gift Subs'],
    ]),
    badgeSet('bits', [
      ['1', 'cheer 1'],
      ['100', 'cheer 100'],
      ['1000', 'cheer 1000'],
      ['5000', 'cheer 5000'],
      ['10000', 'cheer 10000'],
    ]),
    badgeSet('subscriber', [
      ['0', 'Subscriber'],
      ['3', '3-Month Subscriber'],
      ['12', '1-Year Subscriber'],
    ]),
  ];
}

function globalEmotes(): unknown {
  return {
    data: GLOBAL_EMOTES.map((e) => ({
      id: e.id,
      name: e.name,
      images: {
        url_1x: `https://static-cdn.jtvnw.net/emoticons/v2/${e.id}/static/light/1.0`,
        url_2x: `https://static-cdn.jtvnw.net/emoticons/v2/${e.id}/static/light/2.0`,
        url_4x: `https://static-cdn.jtvnw.net/emoticons/v2/${e.id}/static/light/3.0`,
      },
      format: ['static'],
      scale: ['1.0', '2.0', '3.0'],
      theme_mode: ['light', 'dark'],
    })),
    template:
      'https://static-cdn.jtvnw.net/emoticons/v2/{{id}}/{{format}}/{{theme_mode}}/{{scale}}',
  };
}
