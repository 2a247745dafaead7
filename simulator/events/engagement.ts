import { broadcaster, nowIso, pick, randInt, secondsFromNow, uuid, who } from './common.js';
import type { EventData, GenContext, Generator } from './common.js';

interface Poll {
  id: string;
  title: string;
  choices: {
    id: string;
    title: string;
    votes: number;
    channel_points_votes: number;
    bits_votes: number;
  }[];
  startedAt: string;
  endsAt: string;
}

const POLLS = [
  {
    title: 'What should we build next?',
    choices: ['Dark mode', 'Notifications', 'Keyboard shortcuts'],
  },
  { title: 'Tabs or spaces?', choices: ['Tabs', 'Spaces'] },
  { title: 'Best snack for a long stream?', choices: ['Popcorn', 'Fruit', 'Chips', 'Cookies'] },
];

function pollOf(ctx: GenContext, fresh: boolean): Poll {
  return ctx.memory.getOrCreate<Poll>(ctx.channel.id, 'poll', fresh, () => {
    const spec = pick(POLLS);
    return {
      id: uuid(),
      title: ctx.opts.text ?? spec.title,
      choices: spec.choices.map((title) => ({
        id: uuid(),
        title,
        votes: 0,
        channel_points_votes: 0,
        bits_votes: 0,
      })),
      startedAt: nowIso(),
      endsAt: secondsFromNow(120),
    };
  });
}

export const poll =
  (phase: 'begin' | 'progress' | 'end'): Generator =>
  (ctx) => {
    const p = pollOf(ctx, phase === 'begin');
    if (phase === 'progress') {
      for (const c of p.choices) {
        const add = randInt(0, 25);
        c.votes += add;
        c.channel_points_votes += Math.floor(add / 3);
      }
    }
    const event: EventData = {
      id: p.id,
      ...broadcaster(ctx.channel),
      title: p.title,
      choices:
        phase === 'begin'
          ? p.choices.map((c) => ({ id: c.id, title: c.title }))
          : p.choices.map((c) => ({ ...c })),
      bits_voting: { is_enabled: false, amount_per_vote: 0 },
      channel_points_voting: { is_enabled: true, amount_per_vote: 100 },
      started_at: p.startedAt,
    };
    if (phase === 'end') {
      Object.assign(event, { status: 'completed', ended_at: nowIso() });
      ctx.memory.delete(ctx.channel.id, 'poll');
    } else {
      event.ends_at = p.endsAt;
    }
    return { event, channelId: ctx.channel.id };
  };

interface Prediction {
  id: string;
  title: string;
  outcomes: {
    id: string;
    title: string;
    color: string;
    users: number;
    channel_points: number;
    top_predictors: EventData[];
  }[];
  startedAt: string;
  locksAt: string;
}

const PREDICTIONS = [
  { title: 'Will the tests pass on the first try?', outcomes: ['Yes', 'No way'] },
  { title: 'Will we finish the feature today?', outcomes: ['Easily', 'Tomorrow'] },
];

function predictionOf(ctx: GenContext, fresh: boolean): Prediction {
  return ctx.memory.getOrCreate<Prediction>(ctx.channel.id, 'prediction', fresh, () => {
    const spec = pick(PREDICTIONS);
    return {
      id: uuid(),
      title: ctx.opts.text ?? spec.title,
      outcomes: spec.outcomes.map((title, i) => ({
        id: uuid(),
        title,
        color: i === 0 ? 'blue' : 'pink',
        users: 0,
        channel_points: 0,
        top_predictors: [],
      })),
      startedAt: nowIso(),
      locksAt: secondsFromNow(120),
    };
  });
}

export const prediction =
  (phase: 'begin' | 'progress' | 'lock' | 'end'): Generator =>
  (ctx) => {
    const p = predictionOf(ctx, phase === 'begin');
    if (phase === 'progress') {
      for (const o of p.outcomes) {
        const user = pick(ctx.world.chatters([ctx.channel.id]));
        const points = pick([100, 250, 1000, 5000]);
        o.users += 1;
        o.channel_points += points;
        o.top_predictors = [
          { ...who('user', user), channel_points_won: null, channel_points_used: points },
          ...o.top_predictors.filter((t) => t.user_id !== user.id),
        ].slice(0, 10);
      }
    }
    const winner = phase === 'end' ? pick(p.outcomes) : undefined;
    const event: EventData = {
      id: p.id,
      ...broadcaster(ctx.channel),
      title: p.title,
      outcomes:
        phase === 'begin'
          ? p.outcomes.map((o) => ({ id: o.id, title: o.title, color: o.color }))
          : p.outcomes.map((o) => ({
              ...o,
              top_predictors: o.top_predictors.map((t) => ({
                ...t,
                channel_points_won: winner
                  ? o.id === winner.id
                    ? Number(t.channel_points_used) * 2
                    : 0
                  : null,
              })),
            })),
      started_at: p.startedAt,
    };
    if (phase === 'begin' || phase === 'progress') event.locks_at = p.locksAt;
    if (phase === 'lock') event.locked_at = nowIso();
    if (phase === 'end') {
      Object.assign(event, {
        winning_outcome_id: winner?.id ?? null,
        status: 'resolved',
        ended_at: nowIso(),
      });
      ctx.memory.delete(ctx.channel.id, 'prediction');
    }
    return { event, channelId: ctx.channel.id };
  };
