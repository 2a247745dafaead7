/** What the pages show about a favorite channel right now: live or not, title, category, viewers. */
import { onMessage, type ChannelSummary } from '../messaging';
import { getChannelInfo, getStream } from '../twitch/helix';
import { favoriteById } from './favorite';
import type { Feature } from './feature';
import { withSession } from './session';

/** The favorite with this id (the first favorite without one), or null when it cannot be had. */
export async function channelSummary(channelId?: string): Promise<ChannelSummary | null> {
  const favorite = await favoriteById(channelId);
  if (!favorite) return null;
  const summary = await withSession(async (credentials) => {
    const [stream, info] = await Promise.all([
      getStream(credentials, favorite.id),
      getChannelInfo(credentials, favorite.id),
    ]);
    return {
      isLive: stream?.type === 'live',
      title: stream?.title || info?.title || '',
      gameName: stream?.game_name || info?.game_name || '',
      viewerCount: stream?.viewer_count,
      startedAt: stream?.started_at,
    };
  }).catch(() => null);
  return summary?.ok ? summary.value : null;
}

export const channelFeature: Feature = {
  listen() {
    onMessage('channelSummary', ({ data }) => channelSummary(data));
  },
};
