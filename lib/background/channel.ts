/**
 * What the pages show about a channel right now (live or not, title, category, viewers), and who
 * a login is: any Twitch channel, not only a favorite.
 */
import { singleFlightBy } from '../concurrency';
import { onMessage, type ChannelLookup, type ChannelSummary } from '../messaging';
import { LOGIN_PATTERN, getChannelInfo, getStream, getUsersByLogin } from '../twitch/helix';
import { favoriteById } from './favorite';
import type { Feature } from './feature';
import { withSession } from './session';

const CHANNEL_ID = /^\d{1,20}$/;

/** The channel with this id, or the first favorite without one; null when it cannot be had. */
export async function channelSummary(channelId?: string): Promise<ChannelSummary | null> {
  const id =
    typeof channelId === 'string'
      ? CHANNEL_ID.test(channelId)
        ? channelId
        : undefined
      : (await favoriteById())?.id;
  if (!id) return null;
  const summary = await withSession(async (credentials) => {
    const [stream, info] = await Promise.all([
      getStream(credentials, id),
      getChannelInfo(credentials, id),
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

/** How long who a login is (or that there is none) is remembered: a page reload or a switch back. */
export const LOOKUP_TTL_MS = 5 * 60_000;

const lookups = new Map<string, { answer: ChannelLookup; at: number }>();

/** Forgets every looked-up login (a new session, or a test). */
export function forgetLookups(): void {
  lookups.clear();
}

const fetchChannel = singleFlightBy(async (login: string): Promise<ChannelLookup> => {
  let outcome;
  try {
    outcome = await withSession((credentials) => getUsersByLogin(credentials, [login]));
  } catch {
    return { status: 'error' };
  }
  if (!outcome.ok) return { status: 'signedOut' };
  const [user] = outcome.value;
  const answer: ChannelLookup = user
    ? {
        status: 'found',
        channel: {
          id: user.id,
          login: user.login,
          displayName: user.display_name,
          ...(user.profile_image_url ? { profileImageUrl: user.profile_image_url } : {}),
        },
      }
    : { status: 'unknown' };
  lookups.set(login, { answer, at: Date.now() });
  return answer;
});

/** The Twitch channel named by `login` (Helix Get Users), remembered for a few minutes. */
export async function lookUpChannel(login: unknown): Promise<ChannelLookup> {
  const wanted = typeof login === 'string' ? login.trim().toLowerCase() : '';
  if (!LOGIN_PATTERN.test(wanted)) return { status: 'invalid' };
  const known = lookups.get(wanted);
  if (known && Date.now() - known.at < LOOKUP_TTL_MS) return known.answer;
  lookups.delete(wanted);
  return fetchChannel(wanted);
}

export const channelFeature: Feature = {
  listen() {
    onMessage('channelSummary', ({ data }) => channelSummary(data));
    onMessage('lookUpChannel', ({ data }) => lookUpChannel(data));
  },
};
