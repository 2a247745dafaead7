/**
 * Choosing the favorite streamer: what the user typed becomes a Twitch channel, or a clear
 * error that leaves the current favorite alone.
 */
import {
  onMessage,
  type ActionResult,
  type ChannelSuggestion,
  type FavoriteToggle,
} from '../messaging';
import { MAX_FAVORITES, activeFavorite, favorites, type FavoriteChannel } from '../settings';
import { parseChannelInput } from '../twitch/channel-input';
import {
  HelixError,
  LOGIN_PATTERN,
  getUsersByLogin,
  searchChannels as helixSearch,
  type HelixCredentials,
  type HelixUser,
} from '../twitch/helix';
import type { Feature } from './feature';
import { withSession } from './session';
import { t } from '../i18n';
import { count } from '../wording/format';

/** The favorite with this id, or the first favorite without one. */
export async function favoriteById(id?: string): Promise<FavoriteChannel | null> {
  if (typeof id !== 'string') return activeFavorite();
  return (await favorites.getValue()).find((f) => f.id === id) ?? null;
}

/** What a search for a display name may be: not a link, and of a length a search takes. */
function displayNameQuery(input: string): string | undefined {
  const text = input.trim();
  if (/^https?:|twitch\.tv/i.test(text) || text.length < 2 || text.length > 100) return undefined;
  return text;
}

/**
 * The Twitch user `input` names: looked up by the login it parses to; else, for a display name
 * that is not a login (other scripts, spaces), the search's exact match.
 */
async function lookUp(
  credentials: HelixCredentials,
  input: string,
): Promise<HelixUser | undefined> {
  const parsed = parseChannelInput(input);
  if (parsed.ok) {
    const [user] = await getUsersByLogin(credentials, [parsed.login]);
    if (user) return user;
  }
  const query = displayNameQuery(input);
  if (!query) return undefined;
  const wanted = query.toLowerCase();
  const match = (await helixSearch(credentials, query, 20)).find(
    (c) => c.display_name.toLowerCase() === wanted,
  );
  if (!match) return undefined;
  const [user] = await getUsersByLogin(credentials, [match.broadcaster_login]);
  return user;
}

export async function setFavorite(input: string): Promise<ActionResult> {
  let found;
  try {
    found = await withSession((credentials) => lookUp(credentials, input));
  } catch (error) {
    if (error instanceof HelixError)
      return { ok: false, error: t('errors.lookupFailed', [error.message]) };
    return { ok: false, error: t('errors.unreachable') };
  }
  if (!found.ok)
    return { ok: false, error: t(found.ended ? 'errors.signInAgain' : 'errors.signInFirst') };
  const user = found.value;
  if (!user) {
    const parsed = parseChannelInput(input);
    return {
      ok: false,
      error: parsed.ok ? t('errors.noSuchChannel', [parsed.login]) : parsed.error,
    };
  }
  const channel: FavoriteChannel = {
    id: user.id,
    login: user.login,
    displayName: user.display_name,
    profileImageUrl: user.profile_image_url || undefined,
    addedAt: Date.now(),
  };
  const others = (await favorites.getValue()).filter((f) => f.id !== channel.id);
  await favorites.setValue([channel, ...others].slice(0, MAX_FAVORITES));
  return { ok: true };
}

/** Adds the channel at the end of the favorites, or removes it when it is one already. */
export async function toggleFavorite(channel: FavoriteToggle): Promise<ActionResult> {
  if (
    typeof channel?.id !== 'string' ||
    !/^\d{1,20}$/.test(channel.id) ||
    typeof channel.login !== 'string' ||
    !LOGIN_PATTERN.test(channel.login) ||
    typeof channel.displayName !== 'string' ||
    !channel.displayName.trim()
  )
    return { ok: false, error: t('errors.notAChannel') };
  const list = await favorites.getValue();
  if (list.some((f) => f.id === channel.id)) {
    await favorites.setValue(list.filter((f) => f.id !== channel.id));
    return { ok: true };
  }
  if (list.length >= MAX_FAVORITES)
    return {
      ok: false,
      error: t('errors.tooManyFavorites', [count(MAX_FAVORITES)]),
    };
  const picture = channel.profileImageUrl;
  await favorites.setValue([
    ...list,
    {
      id: channel.id,
      login: channel.login.toLowerCase(),
      displayName: channel.displayName.trim().slice(0, 100),
      ...(typeof picture === 'string' && /^https:\/\//.test(picture)
        ? { profileImageUrl: picture }
        : {}),
      addedAt: Date.now(),
    },
  ]);
  return { ok: true };
}

export async function searchChannels(query: string): Promise<ChannelSuggestion[]> {
  const text = query.trim();
  if (text.length < 2 || text.length > 100) return [];
  const found = await withSession((credentials) => helixSearch(credentials, text, 8)).catch(
    () => null,
  );
  if (!found?.ok) return [];
  return found.value.map((c) => ({
    id: c.id,
    login: c.broadcaster_login,
    displayName: c.display_name,
    profileImageUrl: c.thumbnail_url || undefined,
    isLive: c.is_live,
    title: c.title || undefined,
    gameName: c.game_name || undefined,
  }));
}

export const favoritesFeature: Feature = {
  listen() {
    onMessage('setFavorite', ({ data }) => setFavorite(data));
    onMessage('searchChannels', ({ data }) => searchChannels(data));
    onMessage('toggleFavorite', ({ data }) => toggleFavorite(data));
  },
};
