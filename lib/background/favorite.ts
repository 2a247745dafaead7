/**
 * Choosing the favorite streamer: what the user typed becomes a Twitch channel, or a clear
 * error that leaves the current favorite alone.
 */
import { TWITCH_CLIENT_ID } from '../config';
import type { ActionResult, ChannelSuggestion, FavoriteToggle } from '../messaging';
import { MAX_FAVORITES, authSession, favorites, type FavoriteChannel } from '../settings';
import { TokenInvalidError } from '../twitch/auth';
import { parseChannelInput } from '../twitch/channel-input';
import {
  HelixError,
  LOGIN_PATTERN,
  getUsersByLogin,
  searchChannels as helixSearch,
  type HelixUser,
} from '../twitch/helix';
import { endSession } from './session';
import { t } from '../i18n';
import { count } from '../wording/format';

async function credentials() {
  const session = await authSession.getValue();
  return session ? { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken } : null;
}

function failure(error: unknown): ActionResult {
  if (error instanceof TokenInvalidError) {
    void endSession(t('errors.sessionEnded'));
    return { ok: false, error: t('errors.signInAgain') };
  }
  if (error instanceof HelixError)
    return { ok: false, error: t('errors.lookupFailed', [error.message]) };
  return { ok: false, error: t('errors.unreachable') };
}

export async function setFavorite(input: string): Promise<ActionResult> {
  const creds = await credentials();
  if (!creds) return { ok: false, error: t('errors.signInFirst') };
  const parsed = parseChannelInput(input);
  try {
    let user: HelixUser | undefined;
    if (parsed.ok) {
      [user] = await getUsersByLogin(creds, [parsed.login]);
    }
    if (!user && !/^https?:|twitch\.tv/i.test(input) && input.trim().length >= 2) {
      // A display name that is not a login (other scripts, spaces): match it exactly.
      const wanted = input.trim().toLowerCase();
      const match = (await helixSearch(creds, input.trim(), 20)).find(
        (c) => c.display_name.toLowerCase() === wanted,
      );
      if (match) [user] = await getUsersByLogin(creds, [match.broadcaster_login]);
    }
    if (!user) {
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
  } catch (error) {
    return failure(error);
  }
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
  const creds = await credentials();
  const text = query.trim();
  if (!creds || text.length < 2 || text.length > 100) return [];
  try {
    const results = await helixSearch(creds, text, 8);
    return results.map((c) => ({
      id: c.id,
      login: c.broadcaster_login,
      displayName: c.display_name,
      profileImageUrl: c.thumbnail_url || undefined,
      isLive: c.is_live,
      title: c.title || undefined,
      gameName: c.game_name || undefined,
    }));
  } catch {
    return [];
  }
}
