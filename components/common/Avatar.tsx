import { twitchImageUrl } from '../../lib/twitch/images';

/** A channel's picture, or its initial while there is none (or it is not on Twitch's image CDN). */
export function Avatar({ url, name, size = 40 }: { url?: string; name: string; size?: number }) {
  const style = { width: size, height: size };
  const src = twitchImageUrl(url);
  if (src) {
    return (
      <img
        src={src}
        alt=""
        style={style}
        className="shrink-0 rounded-full bg-zinc-200 object-cover dark:bg-zinc-700"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      style={style}
      className="flex shrink-0 items-center justify-center rounded-full bg-twitch font-bold text-white"
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
