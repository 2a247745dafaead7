/**
 * Past broadcasts and clips on Twitch: Get Videos (a channel's archives) and Get Clips (within a
 * stream's times), validated before use, and the URLs that show them — the past-broadcast player
 * at a time, the clip embed, the moment on twitch.tv — with the patterns the embed rule allows.
 */
import { z } from 'zod';
import { helix, type HelixCredentials } from './helix';

const video = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  stream_id: z.string().nullish(),
  user_id: z.string(),
  created_at: z.string(),
  viewable: z.string().optional().default('public'),
  duration: z.string().optional().default(''),
  type: z.string().optional().default('archive'),
});
export type HelixVideo = z.infer<typeof video>;

const clip = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  url: z.string().optional().default(''),
  broadcaster_id: z.string(),
  creator_name: z.string().optional().default(''),
  video_id: z.string().optional().default(''),
  title: z.string().optional().default(''),
  view_count: z.number().optional().default(0),
  created_at: z.string(),
  thumbnail_url: z.string().optional().default(''),
  duration: z.number().optional().default(0),
  vod_offset: z.number().nullish(),
});
export type HelixClip = z.infer<typeof clip>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    pagination: z.object({ cursor: z.string().optional() }).partial().optional(),
  });

/** How many pages of archives are read at most: 300 archives, more than any channel keeps. */
export const MAX_ARCHIVE_PAGES = 3;

/**
 * The channel's past broadcasts (type `archive`), newest first: up to `MAX_ARCHIVE_PAGES` pages,
 * or until `stop` says the one wanted is among them.
 */
export async function getArchives(
  credentials: HelixCredentials,
  userId: string,
  stop: (videos: HelixVideo[]) => boolean = () => false,
): Promise<HelixVideo[]> {
  const videos: HelixVideo[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let pages = 0; pages < MAX_ARCHIVE_PAGES; pages++) {
    const query = new URLSearchParams({ user_id: userId, type: 'archive', first: '100' });
    if (after) query.set('after', after);
    const answer = await helix(credentials, `videos?${query}`, page(video));
    videos.push(...answer.data.filter((v) => v.user_id === userId));
    after = answer.pagination?.cursor;
    if (!after || answer.data.length === 0 || seen.has(after) || stop(videos)) break;
    seen.add(after);
  }
  return videos;
}

/** At most this many clips of a stream are shown: the most viewed (Get Clips' order). */
export const CLIPS_SHOWN = 20;

/** The broadcaster's clips made between `startedAt` and `endedAt` (epoch ms), most viewed first. */
export async function getStreamClips(
  credentials: HelixCredentials,
  broadcasterId: string,
  startedAt: number,
  endedAt: number,
): Promise<HelixClip[]> {
  const query = new URLSearchParams({
    broadcaster_id: broadcasterId,
    started_at: new Date(startedAt).toISOString(),
    ended_at: new Date(endedAt).toISOString(),
    first: String(CLIPS_SHOWN),
  });
  const answer = await helix(credentials, `clips?${query}`, page(clip));
  return answer.data.filter((c) => c.broadcaster_id === broadcasterId);
}

/** Seconds as Twitch writes a time in a video: `1h2m3s`, `2m3s`, `3s`. */
export function twitchTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
}

/** `1h2m3s` (a video's `duration`) in seconds; undefined when it is not such a time. */
export function parseTwitchTime(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const VIDEO_ID = /^\d{1,20}$/;
const CLIP_SLUG = /^[A-Za-z0-9_-]{1,100}$/;

export const isVideoId = (id: string): boolean => VIDEO_ID.test(id);
export const isClipSlug = (slug: string): boolean => CLIP_SLUG.test(slug);

/** The past-broadcast player at `seconds` into video `videoId`, for the extension's page. */
export function videoPlayerUrl(videoId: string, seconds: number, parentHost: string): string {
  const params = new URLSearchParams({
    video: `v${videoId}`,
    time: twitchTime(seconds),
    parent: parentHost,
    autoplay: 'true',
  });
  return `https://player.twitch.tv/?${params.toString()}`;
}

/** The clip's embed, for the extension's page. */
export function clipEmbedUrl(slug: string, parentHost: string): string {
  const params = new URLSearchParams({ clip: slug, parent: parentHost, autoplay: 'true' });
  return `https://clips.twitch.tv/embed?${params.toString()}`;
}

/** The same moment on twitch.tv. */
export function videoWatchUrl(videoId: string, seconds: number): string {
  return `https://www.twitch.tv/videos/${videoId}?t=${twitchTime(seconds)}`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The exact URLs `videoPlayerUrl` builds for this parent (RE2, for declarativeNetRequest). */
export function videoPlayerUrlPattern(parentHost: string): string {
  return `^https://player\\.twitch\\.tv/\\?video=v[0-9]+&time=[0-9hms]+&parent=${escapeRegex(parentHost)}&autoplay=true$`;
}

/** The exact URLs `clipEmbedUrl` builds for this parent: nothing else on clips.twitch.tv. */
export function clipEmbedUrlPattern(parentHost: string): string {
  return `^https://clips\\.twitch\\.tv/embed\\?clip=[A-Za-z0-9_-]+&parent=${escapeRegex(parentHost)}&autoplay=true$`;
}
