import { fragmentsFor } from './chat.js';
import {
  actor,
  broadcaster,
  moderatorOf,
  nowIso,
  pick,
  secondsFromNow,
  uuid,
  who,
} from './common.js';
import type { EventData, GenContext, Generator } from './common.js';

export const shieldMode =
  (phase: 'begin' | 'end'): Generator =>
  (ctx) => ({
    event: {
      ...broadcaster(ctx.channel),
      ...who('moderator_user', moderatorOf(ctx)),
      [phase === 'begin' ? 'started_at' : 'ended_at']: nowIso(),
    },
    channelId: ctx.channel.id,
  });

export const unbanRequestCreate: Generator = (ctx) => {
  const id = uuid();
  ctx.memory.set(ctx.channel.id, 'unban_request', id);
  return {
    event: {
      id,
      ...broadcaster(ctx.channel),
      ...who('user', actor(ctx)),
      text:
        ctx.opts.text ?? 'I am sorry about the spam, it was my little brother. Please unban me!',
      created_at: nowIso(),
    },
    channelId: ctx.channel.id,
  };
};

export const unbanRequestResolve: Generator = (ctx) => {
  const status = pick(['approved', 'denied']);
  return {
    event: {
      id: ctx.memory.get<string>(ctx.channel.id, 'unban_request') ?? uuid(),
      ...broadcaster(ctx.channel),
      ...who('moderator_user', moderatorOf(ctx)),
      ...who('user', actor(ctx)),
      resolution_text:
        status === 'approved' ? 'Welcome back, please read the rules.' : 'Not this time.',
      status,
    },
    channelId: ctx.channel.id,
  };
};

export const warningSend: Generator = (ctx) => ({
  event: {
    ...broadcaster(ctx.channel),
    ...who('moderator_user', moderatorOf(ctx)),
    ...who('user', actor(ctx)),
    reason: ctx.opts.text ?? 'Please keep it friendly.',
    chat_rules_cited: ['Be kind to each other'],
  },
  channelId: ctx.channel.id,
});

export const warningAcknowledge: Generator = (ctx) => ({
  event: { ...broadcaster(ctx.channel), ...who('user', actor(ctx)) },
  channelId: ctx.channel.id,
});

export const suspiciousUserMessage: Generator = (ctx) => {
  const text = ctx.opts.text ?? 'check out cheap viewers at example dot com';
  const fragments = fragmentsFor(ctx, text, false).map((f) =>
    f.type === 'emote'
      ? { type: 'emote', text: f.text, emote: { id: (f.emote as EventData).id, emote_set_id: '0' } }
      : { type: 'text', text: f.text },
  );
  return {
    event: {
      ...broadcaster(ctx.channel),
      ...who('user', actor(ctx)),
      low_trust_status: 'active_monitoring',
      shared_ban_channel_ids: [],
      types: ['ban_evader'],
      ban_evasion_evaluation: 'likely',
      message: { message_id: uuid(), text, fragments },
    },
    channelId: ctx.channel.id,
  };
};

export const suspiciousUserUpdate: Generator = (ctx) => ({
  event: {
    ...broadcaster(ctx.channel),
    ...who('moderator_user', moderatorOf(ctx)),
    ...who('user', actor(ctx)),
    low_trust_status: pick(['restricted', 'active_monitoring', 'no_treatment']),
  },
  channelId: ctx.channel.id,
});

function heldMessage(ctx: GenContext): EventData {
  const text = ctx.opts.text ?? 'you are all absolute potatoes';
  const messageId = ctx.memory.get<string>(ctx.channel.id, 'automod_message') ?? uuid();
  ctx.memory.set(ctx.channel.id, 'automod_message', messageId);
  return {
    ...broadcaster(ctx.channel),
    ...who('user', actor(ctx)),
    message_id: messageId,
    message: {
      text,
      fragments: fragmentsFor(ctx, text, false).map((f) =>
        f.type === 'emote'
          ? { type: 'emote', text: f.text, emote: f.emote }
          : { type: 'text', text: f.text },
      ),
    },
    reason: 'automod',
    automod: { category: 'aggressive', level: 2, boundaries: [{ start_pos: 22, end_pos: 29 }] },
    blocked_term: null,
    held_at: nowIso(),
  };
}

export const automodHold: Generator = (ctx) => ({
  event: heldMessage(ctx),
  channelId: ctx.channel.id,
});

export const automodUpdate: Generator = (ctx) => {
  const event = heldMessage(ctx);
  ctx.memory.delete(ctx.channel.id, 'automod_message');
  return {
    event: {
      ...event,
      ...who('moderator_user', moderatorOf(ctx)),
      status: pick(['approved', 'denied']),
    },
    channelId: ctx.channel.id,
  };
};

const MODERATE_KEYS = [
  'followers',
  'slow',
  'vip',
  'unvip',
  'mod',
  'unmod',
  'ban',
  'unban',
  'timeout',
  'untimeout',
  'raid',
  'unraid',
  'delete',
  'automod_terms',
  'unban_request',
  'warn',
  'shared_chat_ban',
  'shared_chat_unban',
  'shared_chat_timeout',
  'shared_chat_untimeout',
  'shared_chat_delete',
];

export const channelModerate: Generator = (ctx) => {
  const action = ctx.opts.action ?? pick(['ban', 'timeout', 'delete', 'slow', 'vip', 'warn']);
  const target = actor(ctx);
  const u = who('user', target);
  const details: Record<string, EventData> = {
    ban: { ...u, reason: 'spam' },
    unban: u,
    timeout: { ...u, reason: 'caps spam', expires_at: secondsFromNow(600) },
    untimeout: u,
    delete: { ...u, message_id: uuid(), message_body: 'buy followers at example dot com' },
    followers: { follow_duration_minutes: 10 },
    slow: { wait_time_seconds: 30 },
    vip: u,
    unvip: u,
    mod: u,
    unmod: u,
    raid: { ...u, viewer_count: 120 },
    unraid: u,
    warn: { ...u, reason: 'Please keep it friendly.', chat_rules_cited: null },
    approve_unban_request: { ...u, is_approved: true, moderator_message: 'Welcome back' },
    deny_unban_request: { ...u, is_approved: false, moderator_message: 'No' },
    add_blocked_term: { action: 'add', list: 'blocked', terms: ['spoilers'], from_automod: false },
    shared_chat_ban: { ...u, reason: 'spam' },
    shared_chat_timeout: { ...u, reason: 'spam', expires_at: secondsFromNow(600) },
    shared_chat_delete: { ...u, message_id: uuid(), message_body: 'spam' },
  };
  const event: EventData = {
    ...broadcaster(ctx.channel),
    source_broadcaster_user_id: null,
    source_broadcaster_user_login: null,
    source_broadcaster_user_name: null,
    ...who('moderator_user', moderatorOf(ctx)),
    action,
  };
  for (const key of MODERATE_KEYS) event[key] = null;
  const key =
    action === 'approve_unban_request' || action === 'deny_unban_request'
      ? 'unban_request'
      : /_(blocked|permitted)_term$/.test(action)
        ? 'automod_terms'
        : action;
  if (MODERATE_KEYS.includes(key)) event[key] = details[action] ?? u;
  return { event, channelId: ctx.channel.id };
};

const AUTOMOD_CATEGORIES = [
  'disability',
  'aggression',
  'sexuality_sex_or_gender',
  'misogyny',
  'bullying',
  'swearing',
  'race_ethnicity_or_religion',
  'sex_based_terms',
] as const;

/**
 * automod.settings.update: every category's level (0–4) and `overall_level`, which Twitch sets
 * only when every category follows one overall level (else null). `opts.amount` sets that level.
 */
export const automodSettingsUpdate: Generator = (ctx) => {
  const overall = ctx.opts.amount ?? pick([1, 2, 3, null]);
  const event: EventData = {
    ...broadcaster(ctx.channel),
    ...who('moderator_user', moderatorOf(ctx)),
    overall_level: overall,
  };
  for (const category of AUTOMOD_CATEGORIES) event[category] = overall ?? pick([0, 1, 2, 3, 4]);
  return { event, channelId: ctx.channel.id };
};

/** automod.terms.update: terms added to or removed from the blocked or permitted list. */
export const automodTermsUpdate: Generator = (ctx) => ({
  event: {
    ...broadcaster(ctx.channel),
    ...who('moderator_user', moderatorOf(ctx)),
    action:
      ctx.opts.action ??
      pick(['add_blocked', 'remove_blocked', 'add_permitted', 'remove_permitted']),
    from_automod: false,
    terms: ctx.opts.text ? [ctx.opts.text] : [pick(['spoilers', 'potato', 'example dot com'])],
  },
  channelId: ctx.channel.id,
});

/** channel.vip.add / remove and channel.moderator.add / remove: the user and the channel. */
export const roleChange: Generator = (ctx) => ({
  event: { ...who('user', actor(ctx)), ...broadcaster(ctx.channel) },
  channelId: ctx.channel.id,
});
