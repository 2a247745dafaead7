/**
 * What a user may type as their favorite streamer: a login, a display name or a twitch.tv URL.
 * Returns the login to look up, or an error message.
 */
import { LOGIN_PATTERN } from './helix';
import { t } from '../i18n';

const RESERVED_PATHS = new Set([
  'directory',
  'videos',
  'settings',
  'search',
  'p',
  'downloads',
  'jobs',
  'turbo',
]);

export type ChannelInput = { ok: true; login: string } | { ok: false; error: string };

export function parseChannelInput(input: string): ChannelInput {
  const text = input.trim();
  if (!text) return { ok: false, error: t('errors.typeName') };

  let candidate = text;
  if (/^(https?:\/\/)?([a-z]+\.)?twitch\.tv(\/|$)/i.test(text)) {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    } catch {
      return { ok: false, error: t('errors.unreadableLink') };
    }
    const first = url.pathname.split('/').filter(Boolean)[0];
    if (!first || RESERVED_PATHS.has(first.toLowerCase())) {
      return { ok: false, error: t('errors.notAChannelLink') };
    }
    candidate = first;
  } else if (/^https?:\/\//i.test(text)) {
    return { ok: false, error: t('errors.onlyTwitchLinks') };
  }

  const login = candidate.replace(/^@/, '').toLowerCase();
  if (!LOGIN_PATTERN.test(login)) {
    return {
      ok: false,
      error: `“${candidate.slice(0, 40)}” is not a valid Twitch name (letters, digits and _ only).`,
    };
  }
  return { ok: true, login };
}
