/**
 * "Watch this moment": which stream a recorded event happened in, which past broadcast (VOD) is
 * that stream's, and how far into it the event is — with a few seconds of lead so the moment is
 * seen coming. Also when such a lookup may be reused. Pure: no browser, no Helix.
 */
import { z } from 'zod';
import type { StoredEvent } from '../db/database';
import type { HelixVideo } from '../twitch/videos';

/** Seconds the moment starts before the event, so it is seen coming. */
export const MOMENT_LEAD_SECONDS = 10;

/** One stream of a channel, as its go-live (and go-offline) were recorded. */
export interface StreamSpan {
  channelId: string;
  /** Twitch's stream id (`stream.online`'s `event.id`, or the minute poll's). */
  streamId: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of the recorded go-offline; undefined while live, or when none was recorded. */
  endedAt?: number;
}

const streamOnline = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  started_at: z.string().optional(),
});

/**
 * The streams the recorded `stream.online` / `stream.offline` rows tell of, oldest first. A stream
 * told twice (EventSub and the minute poll) is one. A stream ends at the first go-offline recorded
 * after its go-live was (a go-offline heard before it is an earlier stream's, even when this one's
 * `started_at` is earlier still) and before the next stream's.
 */
export function streamSpans(rows: readonly StoredEvent[]): StreamSpan[] {
  const byId = new Map<string, StreamSpan & { heardAt: number }>();
  for (const row of rows) {
    if (row.type !== 'stream.online') continue;
    const parsed = streamOnline.safeParse(row.event);
    if (!parsed.success) continue;
    const started = Date.parse(parsed.data.started_at ?? '');
    const startedAt = Number.isFinite(started) ? started : row.occurredAt;
    const known = byId.get(parsed.data.id);
    byId.set(parsed.data.id, {
      channelId: row.channelId,
      streamId: parsed.data.id,
      startedAt: Math.min(startedAt, known?.startedAt ?? Infinity),
      heardAt: Math.min(row.occurredAt, known?.heardAt ?? Infinity),
    });
  }
  const spans = [...byId.values()].sort((a, b) => a.heardAt - b.heardAt);
  const offlines = rows
    .filter((r) => r.type === 'stream.offline')
    .map((r) => r.occurredAt)
    .sort((a, b) => a - b);
  // Each go-offline ends one stream at most: the first after its go-live, up to the next
  // go-live. One heard at the same moment as the next go-live (a stream ended and a new one
  // began within a millisecond) ends the stream before, not the new one.
  let used = -1;
  return spans.map(({ heardAt, ...span }, i) => {
    const next = spans[i + 1]?.heardAt ?? Infinity;
    const index = offlines.findIndex((at, k) => k > used && at >= heardAt && at <= next);
    if (index === -1) return span;
    used = index;
    return { ...span, endedAt: offlines[index]! };
  });
}

/** A go-offline may be recorded a moment before the last events of the stream arrive. */
const END_GRACE_MS = 60_000;

/** The stream the moment `at` (epoch ms) belongs to, if it was during one. */
export function streamAt(spans: readonly StreamSpan[], at: number): StreamSpan | undefined {
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i]!;
    if (span.startedAt > at) continue;
    return span.endedAt === undefined || at <= span.endedAt + END_GRACE_MS ? span : undefined;
  }
  return undefined;
}

/** The stream's past broadcast, as much of it as a moment needs. */
export interface StreamVideo {
  id: string;
  /** Epoch ms of the video's `created_at`. */
  createdAt: number;
  /** `private`: for subscribers only. */
  subOnly: boolean;
}

/**
 * What Twitch has of a stream's past broadcast:
 * - `found`: the video
 * - `noVods`: the channel keeps no past broadcasts (none at all)
 * - `gone`: the channel has others, not this one: expired or deleted
 * - `signedOut` / `error`: could not ask (never remembered)
 */
export type VideoLookup = KnownVideo | { status: 'signedOut' | 'error' };

/** An answer Twitch gave about a stream's video: worth remembering. */
export type KnownVideo = { status: 'found'; video: StreamVideo } | { status: 'noVods' | 'gone' };

/** The lookup for `streamId` among the channel's archives (newest first, as Get Videos lists them). */
export function videoOfStream(archives: readonly HelixVideo[], streamId: string): KnownVideo {
  const match = archives.find((v) => v.stream_id === streamId);
  if (match) {
    const createdAt = Date.parse(match.created_at);
    if (Number.isFinite(createdAt))
      return {
        status: 'found',
        video: { id: match.id, createdAt, subOnly: match.viewable === 'private' },
      };
  }
  return archives.length === 0 ? { status: 'noVods' } : { status: 'gone' };
}

/** Seconds into the video where the moment `at` (epoch ms) is seen coming; never below 0. */
export function momentOffset(
  at: number,
  videoCreatedAt: number,
  leadSeconds = MOMENT_LEAD_SECONDS,
): number {
  return Math.max(0, Math.floor((at - videoCreatedAt) / 1000) - leadSeconds);
}

/** What a row offers for its moment. */
export type Moment =
  | { kind: 'watch'; videoId: string; seconds: number; subOnly: boolean }
  | { kind: 'noVods' | 'gone' };

/** The moment of an event at `at` (epoch ms) in a stream whose video lookup is `lookup`. */
export function momentOf(lookup: VideoLookup | undefined, at: number): Moment | undefined {
  if (!lookup) return undefined;
  if (lookup.status === 'found')
    return {
      kind: 'watch',
      videoId: lookup.video.id,
      seconds: momentOffset(at, lookup.video.createdAt),
      subOnly: lookup.video.subOnly,
    };
  if (lookup.status === 'noVods' || lookup.status === 'gone') return { kind: lookup.status };
  return undefined;
}

/** How long a found video is trusted: it may expire, be deleted or change who may see it. */
export const FOUND_TTL_MS = 6 * 60 * 60_000;
/** How long "no video" is trusted for a stream that began long enough ago. */
export const MISSING_TTL_MS = 30 * 60_000;
/**
 * Twitch creates a stream's archive seconds after it starts: in its first minutes, "no video"
 * is asked again after this long.
 */
export const EARLY_MISSING_TTL_MS = 20_000;
export const EARLY_STREAM_MS = 10 * 60_000;

/** A remembered lookup (the `streamVideos` table). */
export interface StoredStreamVideo {
  streamId: string;
  channelId: string;
  /** When Twitch was asked, epoch ms. */
  checkedAt: number;
  /** When the stream began, epoch ms. */
  streamStartedAt: number;
  lookup: KnownVideo;
}

/** Whether a remembered lookup still answers at `now`. */
export function isFresh(entry: StoredStreamVideo, now: number): boolean {
  const age = now - entry.checkedAt;
  if (age < 0) return false;
  if (entry.lookup.status === 'found') return age < FOUND_TTL_MS;
  const early = entry.checkedAt - entry.streamStartedAt < EARLY_STREAM_MS;
  return age < (early ? EARLY_MISSING_TTL_MS : MISSING_TTL_MS);
}

/** What a page asks the background: the video of one stream of one channel. */
export const streamVideoRequest = z.object({
  channelId: z.string().regex(/^\d{1,20}$/),
  streamId: z.string().regex(/^\d{1,20}$/),
  startedAt: z.number().finite(),
});
export type StreamVideoRequest = z.infer<typeof streamVideoRequest>;

/** One clip, as the Clips region shows it. */
export interface StreamClip {
  id: string;
  title: string;
  creatorName: string;
  viewCount: number;
  /** Seconds. */
  duration: number;
  /** Epoch ms. */
  createdAt: number;
  /** Only when on Twitch's image CDN (`twitchImageUrl`). */
  thumbnailUrl?: string;
  url: string;
}

export type ClipsLookup =
  { status: 'found'; clips: StreamClip[] } | { status: 'signedOut' | 'error' };

/** What a page asks the background: the clips of a stream of a channel (times in epoch ms). */
export const streamClipsRequest = z.object({
  channelId: z.string().regex(/^\d{1,20}$/),
  startedAt: z.number().finite(),
  endedAt: z.number().finite().optional(),
});
export type StreamClipsRequest = z.infer<typeof streamClipsRequest>;
