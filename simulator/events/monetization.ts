import {
  CHARITIES,
  SUB_MESSAGES,
  actor,
  broadcaster,
  charityLogo,
  nobody,
  nowIso,
  pick,
  randInt,
  secondsFromNow,
  tierOf,
  uuid,
  who,
} from './common.js';
import type { EventData, GenContext, Generator } from './common.js';
import { fragmentsFor } from './chat.js';

export const subscribe: Generator = (ctx) => ({
  event: {
    ...who('user', actor(ctx)),
    ...broadcaster(ctx.channel),
    tier: tierOf(ctx),
    is_gift: false,
  },
  channelId: ctx.channel.id,
});

/** Twitch's subscription end carries the same fields as the subscription. */
export const subscriptionEnd: Generator = subscribe;

export const subscriptionGift: Generator = (ctx) => {
  const anonymous = ctx.opts.user === undefined && Math.random() < 0.15;
  const total = ctx.opts.amount ?? pick([1, 5, 10, 20]);
  return {
    event: {
      ...(anonymous ? nobody('user') : who('user', actor(ctx))),
      ...broadcaster(ctx.channel),
      total,
      tier: tierOf(ctx),
      cumulative_total: anonymous ? null : total + randInt(0, 150),
      is_anonymous: anonymous,
    },
    channelId: ctx.channel.id,
  };
};

export const subscriptionMessage: Generator = (ctx) => {
  const months = ctx.opts.amount ?? randInt(2, 36);
  const text = ctx.opts.text ?? pick(SUB_MESSAGES.filter((m) => m !== ''));
  const emotes: EventData[] = [];
  const idx = text.indexOf('<3');
  if (idx >= 0) emotes.push({ begin: idx, end: idx + 1, id: '9' });
  return {
    event: {
      ...who('user', actor(ctx)),
      ...broadcaster(ctx.channel),
      tier: tierOf(ctx),
      message: { text, emotes },
      cumulative_months: months,
      streak_months: Math.max(1, months - randInt(0, 4)),
      duration_months: 1,
    },
    channelId: ctx.channel.id,
  };
};

export const cheer: Generator = (ctx) => {
  const anonymous = ctx.opts.user === undefined && Math.random() < 0.1;
  const bits = ctx.opts.bits ?? ctx.opts.amount ?? pick([100, 100, 250, 500, 1000, 5000]);
  return {
    event: {
      is_anonymous: anonymous,
      ...(anonymous ? nobody('user') : who('user', actor(ctx))),
      ...broadcaster(ctx.channel),
      message: ctx.opts.text ?? `Cheer${bits} keep up the great work!`,
      bits,
    },
    channelId: ctx.channel.id,
  };
};

const REWARDS = [
  {
    id: 'f2b9a6c4-1f4c-4d38-9b3e-5d6f7a8b9c01',
    title: 'Hydrate!',
    cost: 500,
    prompt: 'Make the streamer drink water',
  },
  {
    id: 'a1c3e5f7-2b4d-4f6a-8c9e-0d1f2a3b4c5d',
    title: 'Pick the next song',
    cost: 2000,
    prompt: 'Type a song name',
  },
  {
    id: 'b7d9f1a3-5c7e-4a9b-8d0f-1e2a3b4c5d6e',
    title: 'Name a variable',
    cost: 1000,
    prompt: 'Choose the next variable name',
  },
];

export const redemption =
  (phase: 'add' | 'update'): Generator =>
  (ctx) => {
    const prev =
      phase === 'update' ? ctx.memory.get<EventData>(ctx.channel.id, 'redemption') : undefined;
    const reward = pick(REWARDS);
    const base: EventData = prev ?? {
      id: uuid(),
      ...broadcaster(ctx.channel),
      ...who('user', actor(ctx)),
      user_input:
        reward.title === 'Hydrate!'
          ? ''
          : (ctx.opts.text ?? pick(['isLoadingReally', 'Never Gonna Give You Up', 'fooBarBaz'])),
      status: 'unfulfilled',
      reward,
      redeemed_at: nowIso(),
    };
    const event = phase === 'update' ? { ...base, status: pick(['fulfilled', 'canceled']) } : base;
    if (phase === 'add') ctx.memory.set(ctx.channel.id, 'redemption', event);
    return { event, channelId: ctx.channel.id };
  };

export const automaticRedemption: Generator = (ctx) => {
  const type = pick([
    'send_highlighted_message',
    'single_message_bypass_sub_mode',
    'random_sub_emote_unlock',
  ]);
  const text = ctx.opts.text ?? 'look at my shiny highlighted message SeemsGood';
  return {
    event: {
      ...broadcaster(ctx.channel),
      ...who('user', actor(ctx)),
      id: uuid(),
      reward: {
        type,
        channel_points: type === 'random_sub_emote_unlock' ? 2400 : 300,
        emote: type === 'random_sub_emote_unlock' ? { id: '305954156', name: 'PogChamp' } : null,
      },
      message:
        type === 'random_sub_emote_unlock'
          ? null
          : {
              text,
              fragments: [
                { type: 'text', text: 'look at my shiny highlighted message ' },
                { type: 'emote', text: 'SeemsGood', emote: { id: '64138' } },
              ],
            },
      redeemed_at: nowIso(),
    },
    channelId: ctx.channel.id,
  };
};

interface Train {
  id: string;
  level: number;
  total: number;
  progress: number;
  goal: number;
  startedAt: string;
  contributions: EventData[];
}

function trainOf(ctx: GenContext, fresh: boolean): Train {
  return ctx.memory.getOrCreate<Train>(ctx.channel.id, 'hype_train', fresh, () => ({
    id: uuid(),
    level: 1,
    total: 0,
    progress: 0,
    goal: 1800,
    startedAt: nowIso(),
    contributions: [],
  }));
}

function contribute(ctx: GenContext, t: Train): void {
  const who_ = actor(ctx);
  const bits = Math.random() < 0.5;
  const amount = bits ? pick([100, 300, 500, 1000]) : 500;
  t.total += amount;
  t.progress += amount;
  while (t.progress >= t.goal) {
    t.progress -= t.goal;
    t.level += 1;
    t.goal = Math.round(t.goal * 1.25);
  }
  t.contributions = [
    { ...who('user', who_), type: bits ? 'bits' : 'subscription', total: amount },
    ...t.contributions.filter((c) => c.user_id !== who_.id),
  ].slice(0, 3);
}

export const hypeTrain =
  (phase: 'begin' | 'progress' | 'end'): Generator =>
  (ctx) => {
    const t = trainOf(ctx, phase === 'begin');
    if (phase !== 'end') contribute(ctx, t);
    const common: EventData = {
      id: t.id,
      ...broadcaster(ctx.channel),
      type: 'regular',
      level: t.level,
      total: t.total,
      top_contributions: t.contributions,
      is_shared_train: false,
      shared_train_participants: null,
      started_at: t.startedAt,
    };
    let event: EventData;
    if (phase === 'end') {
      ctx.memory.delete(ctx.channel.id, 'hype_train');
      event = { ...common, ended_at: nowIso(), cooldown_ends_at: secondsFromNow(3600) };
    } else {
      event = { ...common, progress: t.progress, goal: t.goal, expires_at: secondsFromNow(300) };
      if (phase === 'begin')
        Object.assign(event, { all_time_high_level: 4, all_time_high_total: 9500 });
    }
    return { event, channelId: ctx.channel.id };
  };

interface Goal {
  id: string;
  type: string;
  description: string;
  current: number;
  target: number;
  startedAt: string;
}

export const goal =
  (phase: 'begin' | 'progress' | 'end'): Generator =>
  (ctx) => {
    const g = ctx.memory.getOrCreate<Goal>(ctx.channel.id, 'goal', phase === 'begin', () => ({
      id: uuid(),
      type: 'follower',
      description: 'Road to 1,000 followers!',
      current: 912,
      target: 1000,
      startedAt: nowIso(),
    }));
    if (phase === 'progress') g.current = Math.min(g.target, g.current + randInt(1, 12));
    const event: EventData = {
      id: g.id,
      ...broadcaster(ctx.channel),
      type: g.type,
      description: g.description,
      current_amount: g.current,
      target_amount: g.target,
      started_at: g.startedAt,
    };
    if (phase === 'end') {
      Object.assign(event, { is_achieved: g.current >= g.target, ended_at: nowIso() });
      ctx.memory.delete(ctx.channel.id, 'goal');
    }
    return { event, channelId: ctx.channel.id };
  };

interface Campaign {
  id: string;
  charity: (typeof CHARITIES)[number];
  current: number;
  target: number;
  startedAt: string;
}

const usd = (value: number): EventData => ({ value, decimal_places: 2, currency: 'USD' });

function campaignOf(ctx: GenContext, fresh: boolean): Campaign {
  return ctx.memory.getOrCreate<Campaign>(ctx.channel.id, 'charity', fresh, () => ({
    id: uuid(),
    charity: pick(CHARITIES),
    current: 0,
    target: 150000,
    startedAt: nowIso(),
  }));
}

const charityFields = (c: Campaign): EventData => ({
  charity_name: c.charity.name,
  charity_description: c.charity.description,
  charity_logo: charityLogo(),
  charity_website: c.charity.website,
});

const charityBroadcaster = (ctx: GenContext): EventData => who('broadcaster', ctx.channel);

export const charity =
  (phase: 'donate' | 'start' | 'progress' | 'stop'): Generator =>
  (ctx) => {
    const c = campaignOf(ctx, phase === 'start');
    if (phase === 'donate') {
      const value = ctx.opts.amount ?? pick([500, 1000, 2500, 5000]);
      c.current += value;
      return {
        event: {
          id: uuid(),
          campaign_id: c.id,
          ...charityBroadcaster(ctx),
          ...who('user', actor(ctx)),
          ...charityFields(c),
          amount: usd(value),
        },
        channelId: ctx.channel.id,
      };
    }
    const event: EventData = {
      id: c.id,
      ...charityBroadcaster(ctx),
      ...charityFields(c),
      current_amount: usd(c.current),
      target_amount: usd(c.target),
    };
    if (phase === 'start') event.started_at = c.startedAt;
    if (phase === 'stop') {
      event.stopped_at = nowIso();
      ctx.memory.delete(ctx.channel.id, 'charity');
    }
    return { event, channelId: ctx.channel.id };
  };

const POWER_UPS = ['message_effect', 'celebration', 'gigantify_an_emote'] as const;

/**
 * channel.bits.use: every use of bits — a cheer (`type: cheer`, with the message), a Power-up
 * (`power_up`: a message effect, an on-screen celebration or a gigantified emote) or a Combo.
 * `opts.action` picks the type (`cheer`, `power_up`, `combo`).
 */
export const bitsUse: Generator = (ctx) => {
  const type =
    ctx.opts.action === 'cheer' || ctx.opts.action === 'power_up' || ctx.opts.action === 'combo'
      ? ctx.opts.action
      : pick(['cheer', 'power_up', 'power_up', 'combo']);
  const powerUp = type === 'power_up' ? pick([...POWER_UPS]) : null;
  const bits =
    ctx.opts.bits ??
    ctx.opts.amount ??
    (type === 'cheer' ? pick([100, 250, 500]) : type === 'combo' ? 10 : pick([50, 100, 300]));
  const text =
    type === 'cheer'
      ? (ctx.opts.text ?? `Cheer${bits} keep up the great work!`)
      : powerUp === 'message_effect'
        ? (ctx.opts.text ?? 'this message has sparkles SeemsGood')
        : null;
  const fragments = (t: string) =>
    fragmentsFor(ctx, t, type === 'cheer').map((f) => ({
      type: f.type,
      text: f.text,
      cheermote: f.cheermote ?? null,
      emote: f.emote ?? null,
    }));
  return {
    event: {
      ...who('user', actor(ctx)),
      ...broadcaster(ctx.channel),
      bits,
      type,
      message: text === null ? null : { text, fragments: fragments(text) },
      power_up:
        powerUp === null
          ? null
          : {
              type: powerUp,
              emote: powerUp === 'gigantify_an_emote' ? { id: '25', name: 'Kappa' } : null,
              message_effect_id: powerUp === 'message_effect' ? 'cosmic-abyss' : null,
            },
    },
    channelId: ctx.channel.id,
  };
};

/** channel.channel_points_custom_reward.add / update / remove: a reward as Twitch describes it. */
export const customReward =
  (phase: 'add' | 'update' | 'remove'): Generator =>
  (ctx) => {
    const known = ctx.memory.get<EventData>(ctx.channel.id, 'custom_reward');
    const base = phase === 'add' || !known ? pick(REWARDS) : known;
    const reward: EventData = {
      id: phase === 'add' ? uuid() : base.id,
      ...broadcaster(ctx.channel),
      is_enabled: true,
      is_paused: phase === 'update' ? pick([true, false]) : false,
      is_in_stock: true,
      title: ctx.opts.text ?? base.title,
      cost: ctx.opts.amount ?? base.cost,
      prompt: base.prompt,
      is_user_input_required: base.title !== 'Hydrate!',
      should_redemptions_skip_request_queue: false,
      cooldown_expires_at: null,
      redemptions_redeemed_current_stream: phase === 'add' ? 0 : randInt(0, 12),
      max_per_stream: { is_enabled: false, value: 0 },
      max_per_user_per_stream: { is_enabled: false, value: 0 },
      global_cooldown: { is_enabled: true, seconds: 60 },
      background_color: '#9147FF',
      image: null,
      default_image: {
        url_1x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-1.png',
        url_2x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-2.png',
        url_4x: 'https://static-cdn.jtvnw.net/custom-reward-images/default-4.png',
      },
    };
    if (phase === 'remove') ctx.memory.delete(ctx.channel.id, 'custom_reward');
    else ctx.memory.set(ctx.channel.id, 'custom_reward', reward);
    return { event: reward, channelId: ctx.channel.id };
  };
