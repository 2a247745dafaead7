/**
 * Pictures named by Twitch (avatars, emotes, badges) are shown only from Twitch's image CDN over
 * https — the one image host the content security policy allows. Anything else, however it got
 * into a Helix answer or an EventSub frame, shows the placeholder instead.
 */
export const TWITCH_IMAGE_HOSTS: readonly string[] = ['static-cdn.jtvnw.net'];

/** `url` when it is an https address on Twitch's image CDN, else undefined. */
export function twitchImageUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const plain =
    parsed.protocol === 'https:' && !parsed.username && !parsed.password && !parsed.port;
  return plain && TWITCH_IMAGE_HOSTS.includes(parsed.hostname) ? parsed.href : undefined;
}
