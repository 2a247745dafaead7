/** Operations on who follows whom and on streams starting and ending over time. */
import type { Core } from '../core.js';
import type { StreamSchedule } from '../stream-schedule.js';
import { fail } from './errors.js';

export function followOperations(core: Core, schedule: StreamSchedule) {
  return {
    /**
     * Set whom a user follows: `channels` (logins or ids, most recent first), or the first
     * `count` followable channels (the demo channel and named broadcasters, then generated ones).
     */
    setFollows(opts: { login: string; count?: number; channels?: string[] }): {
      login: string;
      follows: number;
      live: number;
    } {
      if (typeof opts.login !== 'string') return fail('setFollows needs a login');
      const user = core.world.resolve(opts.login);
      let ids: string[];
      if (opts.channels !== undefined) {
        if (!Array.isArray(opts.channels)) return fail('channels must be a list');
        ids = opts.channels.map((c) => core.world.channelFor(String(c)).account.id);
      } else if (opts.count !== undefined) {
        const count = Number(opts.count);
        if (!Number.isInteger(count) || count < 0) return fail('count must be 0 or more');
        ids = core.world
          .followable()
          .filter((id) => id !== user.id)
          .slice(0, count);
      } else {
        return fail('give count or channels');
      }
      const follows = core.world.setFollows(user.id, ids);
      const live = follows.filter((f) => core.world.channel(f.broadcasterId)?.live).length;
      return { login: user.login, follows: follows.length, live };
    },

    /**
     * For scale runs: grows the generated population to `count` broadcasters and, with `live`,
     * makes exactly that many of them live (spread evenly; no events are sent).
     */
    populate(opts: { count: number; live?: number }): { generated: number; live: number } {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 0 || count > 100_000)
        return fail('count must be 0 to 100000');
      core.world.growPopulation(count);
      const channels = core.world.generatedChannels();
      if (opts.live !== undefined) {
        const live = Number(opts.live);
        if (!Number.isInteger(live) || live < 0 || live > channels.length)
          return fail(`live must be 0 to ${channels.length}`);
        const step = live > 0 ? channels.length / live : 0;
        const wanted = new Set(Array.from({ length: live }, (_, i) => Math.floor(i * step)));
        channels.forEach((channel, i) => {
          if (wanted.has(i) && !channel.live)
            core.world.startStream(channel, 10 + ((i * 37) % 5000));
          else if (!wanted.has(i) && channel.live) core.world.endStream(channel);
        });
      }
      return { generated: channels.length, live: channels.filter((c) => c.live).length };
    },

    /** Whom a user follows, most recent first, with each channel's live state. */
    follows(opts: { login: string }): Record<string, unknown>[] {
      if (typeof opts.login !== 'string') return fail('follows needs a login');
      const user = core.world.resolve(opts.login);
      return core.world.followsOf(user.id).map((f) => {
        const channel = core.world.channel(f.broadcasterId);
        return {
          id: f.broadcasterId,
          login: core.world.accountById(f.broadcasterId)?.login,
          followedAt: f.followedAt,
          live: channel?.live ?? false,
          viewers: channel?.viewerCount ?? 0,
        };
      });
    },

    /**
     * Start or stop streams starting and ending over time among the generated channels (one
     * change every `intervalMs`); `step: true` makes one change now.
     */
    setStreamSchedule(opts: { on?: boolean; intervalMs?: number; step?: boolean }): {
      on: boolean;
      intervalMs: number;
    } {
      if (opts.intervalMs !== undefined) {
        const ms = Number(opts.intervalMs);
        if (!Number.isFinite(ms) || ms < 10) return fail('intervalMs must be at least 10');
        schedule.intervalMs = ms;
      }
      if (opts.step) schedule.step();
      if (opts.on === true) schedule.start(schedule.intervalMs);
      else if (opts.on === false) schedule.stop();
      else if (schedule.running && opts.intervalMs !== undefined)
        schedule.start(schedule.intervalMs);
      return { on: schedule.running, intervalMs: schedule.intervalMs };
    },
  };
}
