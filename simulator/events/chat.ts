/** channel.chat.message, its badges, fragments and replies, and the other chat events (delete, clear, settings). */
import type { Account } from '../world.js';
import { actor, broadcaster, CHAT_LINES, GLOBAL_EMOTES, pick, uuid, who } from './common.js';
import type { EventData, GenContext, Generated, Generator } from './common.js';

export interface Badge {
  set_id: string;
  id: string;
  info: string;
}

export function badgesFor(ctx: GenContext, a: Account): Badge[] {
  const badges: Badge[] = [];
  if (a.id === ctx.channel.id) badges.push({ set_id: 'broadcaster', id: '1', info: '' });
  else if (ctx.world.isModerator(a.id, ctx.channel.id))
    badges.push({ set_id: 'moderator', id: '1', info: '' });
  const n = Number(a.id) % 4;
  if (n === 1) badges.push({ set_id: 'subscriber', id: '12', info: '14' });
  if (n === 2) badges.push({ set_id: 'subscriber', id: '3', info: '3' });
  if (n === 3) badges.push({ set_id: 'premium', id: '1', info: '' });
  if (Number(a.id) % 5 === 0) badges.push({ set_id: 'bits', id: '1000', info: '' });
  return badges;
}

/** Split text into Twitch message fragments: text, emote, mention and cheermote. */
export function fragmentsFor(ctx: GenContext, text: string, cheer: boolean): EventData[] {
  const out: EventData[] = [];
  const pushText = (t: string): void => {
    const last = out[out.length - 1];
    if (last && last.type === 'text') last.text = `${String(last.text)}${t}`;
    else out.push({ type: 'text', text: t, cheermote: null, emote: null, mention: null });
  };
  const parts = text.split(/(\s+)/);
  for (const part of parts) {
    if (part === '') continue;
    const emote = GLOBAL_EMOTES.find((e) => e.name === part);
    const cheerMatch = cheer ? /^(cheer|biblethump|kappa|pogchamp)(\d+)$/i.exec(part) : null;
    const mention = part.startsWith('@') ? ctx.world.accountByLogin(part.slice(1)) : undefined;
    if (emote) {
      out.push({
        type: 'emote',
        text: part,
        cheermote: null,
        mention: null,
        emote: { id: emote.id, emote_set_id: '0', owner_id: '0', format: ['static'] },
      });
    } else if (cheerMatch) {
      const bits = Number(cheerMatch[2]);
      const tier =
        bits >= 10000 ? 10000 : bits >= 5000 ? 5000 : bits >= 1000 ? 1000 : bits >= 100 ? 100 : 1;
      out.push({
        type: 'cheermote',
        text: part,
        emote: null,
        mention: null,
        cheermote: { prefix: (cheerMatch[1] ?? 'cheer').toLowerCase(), bits, tier },
      });
    } else if (mention) {
      out.push({
        type: 'mention',
        text: part,
        cheermote: null,
        emote: null,
        mention: { user_id: mention.id, user_name: mention.displayName, user_login: mention.login },
      });
    } else {
      pushText(part);
    }
  }
  return out;
}

export const sharedChatNulls = (): EventData => ({
  source_broadcaster_user_id: null,
  source_broadcaster_user_login: null,
  source_broadcaster_user_name: null,
  source_message_id: null,
  source_badges: null,
});

/** The `reply` object of a channel.chat.message answering `parent` (the thread is the parent). */
export function replyTo(parent: {
  messageId: string;
  text: string;
  userId: string;
  userName: string;
  userLogin: string;
}): EventData {
  return {
    parent_message_id: parent.messageId,
    parent_message_body: parent.text,
    parent_user_id: parent.userId,
    parent_user_name: parent.userName,
    parent_user_login: parent.userLogin,
    thread_message_id: parent.messageId,
    thread_user_id: parent.userId,
    thread_user_name: parent.userName,
    thread_user_login: parent.userLogin,
  };
}

export const chatMessage: Generator = (ctx) => {
  const chatter = actor(ctx);
  const bits = ctx.opts.bits;
  let text = ctx.opts.text ?? pick(chatLines(ctx));
  if (bits !== undefined && !/cheer\d+/i.test(text)) text = `Cheer${bits} ${text}`;
  const messageType = ctx.opts.messageType ?? 'text';
  const history = ctx.world.chat.get(ctx.channel.id) ?? [];
  const parent = ctx.opts.reply ? history[history.length - 1] : undefined;
  if (parent) text = `@${parent.userLogin} ${text}`;
  const event: EventData = {
    ...broadcaster(ctx.channel),
    ...who('chatter_user', chatter),
    message_id: uuid(),
    message: { text, fragments: fragmentsFor(ctx, text, bits !== undefined) },
    message_type: messageType,
    badges: badgesFor(ctx, chatter),
    cheer: bits !== undefined ? { bits } : null,
    color: chatter.color,
    reply: parent ? replyTo(parent) : null,
    channel_points_custom_reward_id: null,
    ...sharedChatNulls(),
    is_source_only: null,
  };
  return { event, channelId: ctx.channel.id };
};

function chatLines(ctx: GenContext): string[] {
  return [
    ...CHAT_LINES,
    `@${ctx.channel.login} you should try the new API for that`,
    `@${ctx.channel.login} welcome back!`,
  ];
}

/** Notice types the simulator knows how to fill; anything else is sent with an empty detail object. */
export const chatMessageDelete: Generator = (ctx) => {
  const history = ctx.world.chat.get(ctx.channel.id) ?? [];
  const last = history[history.length - 1];
  const target = last ? (ctx.world.accountById(last.userId) ?? actor(ctx)) : actor(ctx);
  return {
    event: {
      ...broadcaster(ctx.channel),
      ...who('target_user', target),
      message_id: last?.messageId ?? uuid(),
    },
    channelId: ctx.channel.id,
  };
};

export const chatClear: Generator = (ctx) => ({
  event: { ...broadcaster(ctx.channel) },
  channelId: ctx.channel.id,
});

export const chatClearUserMessages: Generator = (ctx) => ({
  event: { ...broadcaster(ctx.channel), ...who('target_user', actor(ctx)) },
  channelId: ctx.channel.id,
});

export const chatSettingsUpdate: Generator = (ctx): Generated => {
  const slow = Math.random() < 0.5;
  const followers = Math.random() < 0.5;
  return {
    event: {
      ...broadcaster(ctx.channel),
      emote_mode: false,
      follower_mode: followers,
      follower_mode_duration_minutes: followers ? 10 : null,
      slow_mode: slow,
      slow_mode_wait_time_seconds: slow ? 30 : null,
      subscriber_mode: false,
      unique_chat_mode: false,
    },
    channelId: ctx.channel.id,
  };
};

/**
 * channel.chat.user_message_hold / user_message_update: a chatter's own message held by AutoMod,
 * and what became of it (approved, denied, or invalid once the review window passed). Only the
 * author's subscription (its `user_id`) hears of it. The update names the message last held.
 */
export const userMessage =
  (phase: 'hold' | 'update'): Generator =>
  (ctx) => {
    const author = actor(ctx);
    const key = `user_message_hold:${author.id}`;
    const held = phase === 'update' ? ctx.memory.get<EventData>(ctx.channel.id, key) : undefined;
    const text = ctx.opts.text ?? 'you are all absolute potatoes';
    const message = (held?.message as EventData | undefined) ?? {
      text,
      fragments: fragmentsFor(ctx, text, false).map((f) =>
        f.type === 'emote'
          ? { type: 'emote', text: f.text, emote: f.emote, cheermote: null }
          : { type: 'text', text: f.text, emote: null, cheermote: null },
      ),
    };
    const event: EventData = {
      ...broadcaster(ctx.channel),
      ...who('user', author),
      message_id: (held?.message_id as string | undefined) ?? uuid(),
      message,
    };
    if (phase === 'hold') ctx.memory.set(ctx.channel.id, key, event);
    else {
      ctx.memory.delete(ctx.channel.id, key);
      event.status = ctx.opts.action ?? pick(['approved', 'denied', 'invalid']);
    }
    return { event, channelId: ctx.channel.id, recipientId: author.id };
  };
