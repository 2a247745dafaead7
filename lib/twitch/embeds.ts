/** URLs of Twitch's player and chat embeds for the extension's own page (`parent` = its host). */

const LOGIN = /^[A-Za-z0-9_]{1,25}$/;

export function isEmbeddableLogin(login: string): boolean {
  return LOGIN.test(login);
}

export function playerUrl(login: string, parentHost: string): string {
  const params = new URLSearchParams({
    channel: login,
    parent: parentHost,
    muted: 'true',
    autoplay: 'true',
  });
  return `https://player.twitch.tv/?${params.toString()}`;
}

export function chatEmbedUrl(login: string, parentHost: string, dark: boolean): string {
  const params = new URLSearchParams({ parent: parentHost });
  return `https://www.twitch.tv/embed/${encodeURIComponent(login)}/chat?${params.toString()}${dark ? '&darkpopout' : ''}`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * The exact player URLs `playerUrl` builds for this parent, as a regular expression (RE2 syntax,
 * for declarativeNetRequest): nothing else on player.twitch.tv matches. (A bounded repeat such as
 * `{1,25}` exceeds Chrome's memory limit for a rule's expression; `isEmbeddableLogin` bounds the
 * login before any URL is built.)
 */
export function playerUrlPattern(parentHost: string): string {
  return `^https://player\\.twitch\\.tv/\\?channel=[A-Za-z0-9_]+&parent=${escapeRegex(parentHost)}&muted=true&autoplay=true$`;
}

/** The exact chat URLs `chatEmbedUrl` builds for this parent: nothing else on www.twitch.tv. */
export function chatEmbedUrlPattern(parentHost: string): string {
  return `^https://www\\.twitch\\.tv/embed/[A-Za-z0-9_]+/chat\\?parent=${escapeRegex(parentHost)}(&darkpopout)?$`;
}

/**
 * What the embeds may do inside their sandbox: run their scripts with their own origin (the
 * player's stream, the chat's session), open links in a new tab that is not itself sandboxed —
 * but never navigate the extension's page, open modal dialogs or download.
 */
export const PLAYER_SANDBOX =
  'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
export const CHAT_SANDBOX = `${PLAYER_SANDBOX} allow-forms allow-storage-access-by-user-activation`;
