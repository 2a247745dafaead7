/**
 * The user's follows and who of them is live: the follows imported from Get Followed Channels
 * (every page) hourly and when the popup opens, the live ones polled from Get Followed Streams
 * about once a minute. A failed refresh keeps what was known and says why and since when.
 */
import { FOLLOWS_SCOPE } from '../twitch/catalog';
import { TokenInvalidError } from '../twitch/auth';
import {
  HelixError,
  getFollowedChannels,
  getFollowedStreams,
  getStreamsByIds,
  getUsersById,
  type HelixCredentials,
  type HelixFollowedStream,
} from '../twitch/helix';
import type {
  AuthSession,
  FollowedChannel,
  FollowsState,
  LiveState,
  LiveStream,
} from '../settings';
import { t } from '../i18n';

/** The follows are imported again when older than this. */
export const FOLLOWS_REFRESH_MS = 60 * 60 * 1000;

export function hasFollowsScope(session: Pick<AuthSession, 'scopes'> | null | undefined): boolean {
  return Boolean(session?.scopes.includes(FOLLOWS_SCOPE));
}

/** What to tell the user about a refresh that failed (a 401 is not one: the session ends). */
export function failureText(error: unknown): string {
  if (error instanceof HelixError) return t('errors.twitchAnswered', [error.message]);
  return t('errors.unreachableShort');
}

/**
 * Imports the follows. Channels the last list had and this one has not are noted as dropped;
 * a failure keeps the last list (`fetchedAt` stays the time it was fetched). A 401 is thrown
 * (`TokenInvalidError`): the caller ends the session.
 */
export async function importFollows(
  credentials: HelixCredentials,
  userId: string,
  previous: FollowsState | null,
  now = Date.now(),
): Promise<FollowsState> {
  const last = previous?.userId === userId ? previous : null;
  try {
    const answer = await getFollowedChannels(credentials, userId);
    const seen = new Set<string>();
    const channels: FollowedChannel[] = [];
    for (const f of answer) {
      if (seen.has(f.broadcaster_id)) continue; // a follow that moved between pages
      seen.add(f.broadcaster_id);
      channels.push({
        id: f.broadcaster_id,
        login: f.broadcaster_login,
        displayName: f.broadcaster_name || f.broadcaster_login,
        followedAt: f.followed_at,
      });
    }
    const dropped = (last?.channels ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => ({ id: c.id, displayName: c.displayName }));
    return { userId, channels, fetchedAt: now, dropped };
  } catch (error) {
    if (error instanceof TokenInvalidError) throw error;
    return {
      userId,
      channels: last?.channels ?? [],
      fetchedAt: last?.fetchedAt ?? 0,
      dropped: last?.dropped ?? [],
      error: failureText(error),
    };
  }
}

function toLive(stream: HelixFollowedStream, picture: string | undefined): LiveStream {
  return {
    streamId: stream.id,
    channelId: stream.user_id,
    login: stream.user_login,
    displayName: stream.user_name || stream.user_login,
    profileImageUrl: picture,
    title: stream.title,
    gameId: stream.game_id,
    gameName: stream.game_name,
    viewerCount: stream.viewer_count,
    startedAt: stream.started_at,
  };
}

export interface PollOptions {
  /** Whether the user granted the follows scope: Get Followed Streams is asked only then. */
  follows?: boolean;
  /** Channels asked about by id with Get Streams (favorites the user does not follow). */
  extraIds?: readonly string[];
}

/**
 * Polls the live followed channels and the `extraIds` ones, with their pictures (known ones
 * reused, the others looked up 100 at a time; a picture that cannot be had is left out). A
 * failure keeps the last list.
 */
export async function pollLive(
  credentials: HelixCredentials,
  userId: string,
  previous: LiveState | null,
  now = Date.now(),
  options: PollOptions = {},
): Promise<LiveState> {
  const last = previous?.userId === userId ? previous : null;
  const { follows = true, extraIds = [] } = options;
  try {
    const streams = follows
      ? (await getFollowedStreams(credentials, userId)).filter((s) => s.type === 'live')
      : [];
    const seen = new Set(streams.map((s) => s.user_id));
    const wanted = [...new Set(extraIds)].filter((id) => !seen.has(id));
    if (wanted.length > 0) {
      for (const s of await getStreamsByIds(credentials, wanted))
        if (s.type === 'live' && !seen.has(s.user_id)) {
          seen.add(s.user_id);
          streams.push(s);
        }
    }
    const pictures = new Map<string, string | undefined>(
      (last?.streams ?? []).map((s) => [s.channelId, s.profileImageUrl]),
    );
    const missing = streams.map((s) => s.user_id).filter((id) => !pictures.get(id));
    for (let i = 0; i < missing.length; i += 100) {
      try {
        for (const user of await getUsersById(credentials, missing.slice(i, i + 100)))
          pictures.set(user.id, user.profile_image_url || undefined);
      } catch (error) {
        if (error instanceof TokenInvalidError) throw error;
        break; // pictures are a nicety: the list is shown without them
      }
    }
    return {
      userId,
      streams: streams.map((s) => toLive(s, pictures.get(s.user_id))),
      fetchedAt: now,
    };
  } catch (error) {
    if (error instanceof TokenInvalidError) throw error;
    return {
      userId,
      streams: last?.streams ?? [],
      fetchedAt: last?.fetchedAt ?? 0,
      error: failureText(error),
    };
  }
}
