/**
 * The names of the channels in the timeline: from the favorites and the follows, else from what
 * the recorded events say of their channel (Twitch names the broadcaster in every event).
 */
import type { StoredEvent } from '../db/database';
import type { FavoriteChannel, FollowedChannel } from '../settings';
import { str } from '../twitch/fields';

export interface ChannelName {
  id: string;
  login: string;
  displayName: string;
}

/** The login and name an event gives its own channel, if it gives them. */
function namedIn(event: StoredEvent): ChannelName | undefined {
  const e = event.event;
  for (const prefix of ['broadcaster_user', 'to_broadcaster_user', 'from_broadcaster_user']) {
    if (str(e, `${prefix}_id`) !== event.channelId && prefix !== 'broadcaster_user') continue;
    const login = str(e, `${prefix}_login`);
    if (login)
      return { id: event.channelId, login, displayName: str(e, `${prefix}_name`) || login };
  }
  return undefined;
}

/** Every channel's name, by id; a channel nothing names has none (the view shows its id). */
export function channelNames(
  events: readonly StoredEvent[],
  known: readonly (Pick<FavoriteChannel, 'id' | 'login' | 'displayName'> | FollowedChannel)[],
): Map<string, ChannelName> {
  const names = new Map<string, ChannelName>();
  for (const event of events) {
    if (names.has(event.channelId)) continue;
    const named = namedIn(event);
    if (named) names.set(event.channelId, named);
  }
  for (const { id, login, displayName } of known) names.set(id, { id, login, displayName });
  return names;
}
