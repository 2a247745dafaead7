/** Operations on past broadcasts and clips: how a channel keeps VODs, expiring them, making clips. */
import type { VodMode } from '../archive.js';
import type { Core } from '../core.js';
import { clipJson, videoJson } from '../helix/videos.js';
import { fail } from './errors.js';

const MODES: VodMode[] = ['public', 'subOnly', 'off'];

export function archiveOperations(core: Core) {
  const world = core.world;
  return {
    /** Whether the channel keeps past broadcasts: `public`, `subOnly` or `off` (deletes them). */
    setVods(opts: { channel?: string; mode?: string }): { mode: VodMode } {
      const mode = opts.mode as VodMode;
      if (!MODES.includes(mode)) return fail(`mode must be one of ${MODES.join(', ')}`);
      const { account } = world.channelFor(opts.channel ?? 'demo');
      world.archive.setMode(account.id, mode);
      return { mode };
    },

    /** The channel's archives expire (all, or the one of `streamId`). */
    deleteVideos(opts: { channel?: string; streamId?: string }): { deleted: number } {
      const { account } = world.channelFor(opts.channel ?? 'demo');
      return { deleted: world.archive.deleteVideos(account.id, opts.streamId) };
    },

    /** A viewer clips the channel's stream now; answers the clip as Get Clips does. */
    createClip(opts: {
      channel?: string;
      title?: string;
      creator?: string;
      views?: number;
    }): Record<string, unknown> {
      const { channel } = world.channelFor(opts.channel ?? 'demo');
      const clip = world.archive.createClip(channel, {
        title: opts.title,
        creator: opts.creator ? world.resolve(opts.creator) : undefined,
        views: opts.views,
      });
      return clipJson(core, clip);
    },

    /** The archives (of one channel, or all), newest first, as Get Videos answers them. */
    videos(opts: { channel?: string } = {}): Record<string, unknown>[] {
      const id = opts.channel ? world.resolve(opts.channel).id : undefined;
      return world.archive.videos
        .filter((v) => id === undefined || v.userId === id)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((v) => videoJson(core, v));
    },

    /** The clips (of one channel, or all), as Get Clips answers them. */
    clips(opts: { channel?: string } = {}): Record<string, unknown>[] {
      const id = opts.channel ? world.resolve(opts.channel).id : undefined;
      return world.archive.clips
        .filter((c) => id === undefined || c.broadcasterId === id)
        .map((c) => clipJson(core, c));
    },
  };
}
