/** Chat: Send Chat Message, chat badges and global emotes. */
import { createHash } from 'node:crypto';
import type { Core } from '../core.js';
import { replyTo as replyObject } from '../events/chat.js';
import { GLOBAL_EMOTES } from '../events/common.js';
import { uuid } from '../ids.js';
import { isPlainObject } from '../objects.js';
import { bad, forbidden, jsonBody, requireScope, type HelixContext, type Routes } from './route.js';

export const chatRoutes = (core: Core): Routes => ({
  'POST /chat/messages': (c) => sendChat(core, c),
  'GET /chat/badges/global': () => ({ data: globalBadges() }),
  'GET /chat/badges': (c) => channelBadges(core, c),
  'GET /chat/emotes/global': () => globalEmotes(),
});

async function sendChat(core: Core, c: HelixContext): Promise<unknown> {
  requireScope(c, 'user:write:chat');
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
  const world = core.world;
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
  core.helixChat.push(record);
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
  core.trigger({
    type: 'channel.chat.message',
    channel: broadcasterId,
    user: senderId,
    text: message,
    overrides,
  });
  return { data: [{ message_id: messageId, is_sent: true, drop_reason: null }] };
}

function channelBadges(core: Core, c: HelixContext): unknown {
  const id = c.query.get('broadcaster_id');
  if (!id) throw bad('Missing required parameter "broadcaster_id"');
  if (!core.world.channel(id)) return { data: [] };
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
