/** Operations on channels and their events: trigger, setLive, updateChannel. */
import type { Core, TriggerResult } from '../core.js';
import { GENERATORS } from '../events/index.js';
import type { TriggerOptions } from '../events/index.js';
import { isPlainObject } from '../objects.js';
import { findGame } from '../world.js';
import { fail } from './errors.js';

type Delivered = TriggerResult['delivered'];

export function channelOperations(core: Core) {
  /** Change title and/or category (sends channel.update). */
  function updateChannel(opts: { channel?: string; title?: string; category?: string }): {
    delivered: Delivered;
  } {
    const { account, channel } = core.world.channelFor(opts.channel ?? 'demo');
    let changed = false;
    if (opts.title !== undefined && opts.title !== channel.title) {
      channel.title = String(opts.title).slice(0, 140);
      changed = true;
    }
    if (opts.category !== undefined) {
      const game = findGame(String(opts.category));
      if (game.id !== channel.game.id) {
        channel.game = game;
        changed = true;
      }
    }
    return {
      delivered: changed
        ? core.trigger({ type: 'channel.update', channel: account.id }).delivered
        : [],
    };
  }

  return {
    /** Generate an event of any catalogue type and deliver it to matching subscriptions. */
    trigger(opts: TriggerOptions): TriggerResult {
      if (!opts || typeof opts.type !== 'string') return fail('trigger needs a type');
      if (!GENERATORS[opts.type]) return fail(`unknown event type: ${opts.type}`);
      if (opts.overrides !== undefined && !isPlainObject(opts.overrides))
        return fail('overrides must be an object');
      return core.trigger(opts);
    },

    /** Set a channel live or offline (sends stream.online / stream.offline, and channel.update on changes). */
    setLive(opts: {
      channel?: string;
      live: boolean;
      title?: string;
      category?: string;
      viewers?: number;
      /** A stream going live that began this many seconds ago (its `started_at`, its archive's time). */
      startedAgo?: number;
    }): {
      live: boolean;
      delivered: Delivered;
    } {
      const { account, channel } = core.world.channelFor(opts.channel ?? 'demo');
      const delivered: Delivered = [];
      if (opts.title !== undefined || opts.category !== undefined) {
        delivered.push(
          ...updateChannel({
            channel: account.login,
            title: opts.title,
            category: opts.category,
          }).delivered,
        );
      }
      if (opts.viewers !== undefined) channel.viewerCount = opts.viewers;
      if (Boolean(opts.live) !== channel.live) {
        if (opts.live)
          core.world.startStream(
            channel,
            opts.viewers,
            Date.now() - Math.max(0, Number(opts.startedAgo) || 0) * 1000,
          );
        else core.world.endStream(channel);
        delivered.push(
          ...core.trigger({
            type: opts.live ? 'stream.online' : 'stream.offline',
            channel: account.id,
          }).delivered,
        );
      }
      return { live: channel.live, delivered };
    },

    updateChannel,
  };
}
