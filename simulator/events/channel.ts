import {
  actor,
  broadcaster,
  moderatorOf,
  nowIso,
  otherChannel,
  randInt,
  secondsFromNow,
  uuid,
  who,
} from './common.js';
import type { Generator } from './common.js';

export const streamOnline: Generator = (ctx) => ({
  event: {
    id: ctx.state.streamId,
    ...broadcaster(ctx.channel),
    type: 'live',
    started_at: ctx.state.startedAt || nowIso(),
  },
  channelId: ctx.channel.id,
});

export const streamOffline: Generator = (ctx) => ({
  event: { ...broadcaster(ctx.channel) },
  channelId: ctx.channel.id,
});

export const channelUpdate: Generator = (ctx) => ({
  event: {
    ...broadcaster(ctx.channel),
    title: ctx.state.title,
    language: ctx.state.language,
    category_id: ctx.state.game.id,
    category_name: ctx.state.game.name,
    content_classification_labels: [],
  },
  channelId: ctx.channel.id,
});

export const channelRaid: Generator = (ctx) => {
  // Default: someone raids the channel. --from <channel> makes the channel the raider when --to is absent.
  const to = ctx.opts.to
    ? ctx.world.resolve(ctx.opts.to)
    : ctx.opts.from
      ? otherChannel(ctx)
      : ctx.channel;
  const from = ctx.opts.from ? ctx.world.resolve(ctx.opts.from) : otherChannel(ctx);
  const viewers = ctx.opts.amount ?? randInt(12, 480);
  return {
    event: {
      ...who('from_broadcaster_user', from),
      ...who('to_broadcaster_user', to),
      viewers,
    },
    channelId: to.id,
    raid: { fromId: from.id, toId: to.id },
  };
};

const sessionKey = 'shared_chat';

export const sharedChat =
  (phase: 'begin' | 'update' | 'end'): Generator =>
  (ctx) => {
    let session = ctx.memory.get<{ id: string; hostId: string; participants: string[] }>(
      ctx.channel.id,
      sessionKey,
    );
    if (!session || phase === 'begin') {
      const partner = otherChannel(ctx, ctx.opts.from);
      session = {
        id: uuid().replace(/-/g, '').slice(0, 26),
        hostId: partner.id,
        participants: [partner.id, ctx.channel.id],
      };
      ctx.memory.set(ctx.channel.id, sessionKey, session);
    }
    if (phase === 'update') {
      const extra = otherChannel(ctx);
      if (!session.participants.includes(extra.id)) session.participants.push(extra.id);
    }
    const host = ctx.world.resolve(session.hostId);
    const event: Record<string, unknown> = {
      session_id: session.id,
      ...broadcaster(ctx.channel),
      ...who('host_broadcaster_user', host),
    };
    if (phase !== 'end') {
      event.participants = session.participants.map((id) =>
        who('broadcaster_user', ctx.world.resolve(id)),
      );
    } else {
      ctx.memory.delete(ctx.channel.id, sessionKey);
    }
    return { event, channelId: ctx.channel.id };
  };

export const channelFollow: Generator = (ctx) => ({
  event: { ...who('user', actor(ctx)), ...broadcaster(ctx.channel), followed_at: nowIso() },
  channelId: ctx.channel.id,
});

export const shoutoutCreate: Generator = (ctx) => {
  const target = otherChannel(ctx, ctx.opts.to);
  const moderator = moderatorOf(ctx);
  return {
    event: {
      ...broadcaster(ctx.channel),
      ...who('to_broadcaster_user', target),
      ...who('moderator_user', moderator),
      viewer_count: ctx.state.viewerCount,
      started_at: nowIso(),
      cooldown_ends_at: secondsFromNow(120),
      target_cooldown_ends_at: secondsFromNow(3600),
    },
    channelId: ctx.channel.id,
  };
};

export const shoutoutReceive: Generator = (ctx) => {
  const from = otherChannel(ctx, ctx.opts.from);
  return {
    event: {
      ...broadcaster(ctx.channel),
      ...who('from_broadcaster_user', from),
      viewer_count: ctx.opts.amount ?? randInt(100, 2500),
      started_at: nowIso(),
    },
    channelId: ctx.channel.id,
  };
};

export const adBreakBegin: Generator = (ctx) => ({
  event: {
    duration_seconds: ctx.opts.amount ?? 60,
    started_at: nowIso(),
    is_automatic: ctx.opts.user === undefined,
    ...broadcaster(ctx.channel),
    ...who('requester_user', ctx.opts.user ? ctx.world.resolve(ctx.opts.user) : ctx.channel),
  },
  channelId: ctx.channel.id,
});
