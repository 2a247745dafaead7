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
