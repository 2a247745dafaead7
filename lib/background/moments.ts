/**
 * The past broadcast of a stream ("Watch this moment") and the clips of a stream, for the pages.
 * A stream's video is looked up once and remembered (found, none or gone: `isFresh` says for how
 * long) in the `streamVideos` table; one Get Videos answers every stream of the channel it lists,
 * and — while its answer is fresh for them — the streams it does not list (no VODs, or expired),
 * so a page asking about many streams of a channel costs one call; requests for one channel share
 * the call in flight. Clips are remembered for a minute.
 */
import { singleFlightBy } from '../concurrency';
import { database, type CompanionDatabase } from '../db/database';
import {
  isFresh,
  streamClipsRequest,
  streamVideoRequest,
  videoOfStream,
  type ClipsLookup,
  type StreamVideoRequest,
  type StoredStreamVideo,
  type StreamClip,
  type VideoLookup,
} from '../history/moment';
import { onMessage } from '../messaging';
import { twitchImageUrl } from '../twitch/images';
import { getArchives, getStreamClips, type HelixVideo } from '../twitch/videos';
import type { Feature } from './feature';
import { withSession } from './session';

type Remembered = StoredStreamVideo['lookup'];

async function remembered(
  db: CompanionDatabase,
  streamId: string,
  now: number,
): Promise<Remembered | undefined> {
  const entry = await db.streamVideos.get(streamId).catch(() => undefined);
  return entry && isFresh(entry, now) ? entry.lookup : undefined;
}

/** One Get Videos for the channel at a time; what it finds is stored for every stream it lists. */
const fetchArchives = singleFlightBy(async (channelId: string) => {
  const outcome = await withSession((credentials) => getArchives(credentials, channelId));
  return outcome.ok ? outcome.value : null;
});

/** Each channel's latest Get Videos answer (by database and channel), and when it was asked. */
const channelArchives = new Map<string, { checkedAt: number; archives: HelixVideo[] }>();

/** Forgets the channels' Get Videos answers (the streams' remembered lookups stay). */
export function forgetArchives(): void {
  channelArchives.clear();
}

/**
 * The past broadcast of the stream `streamId` of channel `channelId`, remembered. Questions about
 * one stream share one look (the remembered answer, else Twitch), so many rows ask Twitch once.
 */
export async function streamVideo(
  request: unknown,
  db: CompanionDatabase = database(),
  now = Date.now,
): Promise<VideoLookup> {
  const parsed = streamVideoRequest.safeParse(request);
  if (!parsed.success) return { status: 'error' };
  return lookUp({ ...parsed.data, db, now });
}

interface LookUp extends StreamVideoRequest {
  db: CompanionDatabase;
  now: () => number;
}

/** The question each stream's look in flight answers (its database and clock). */
const questions = new Map<string, LookUp>();

const lookUpShared = singleFlightBy(async (key: string): Promise<VideoLookup> => {
  try {
    return await lookUpOnce(questions.get(key)!);
  } finally {
    questions.delete(key);
  }
});

function lookUp(question: LookUp): Promise<VideoLookup> {
  const key = `${question.db.name}:${question.streamId}`;
  if (!questions.has(key)) questions.set(key, question);
  return lookUpShared(key);
}

async function lookUpOnce({
  channelId,
  streamId,
  startedAt,
  db,
  now,
}: LookUp): Promise<VideoLookup> {
  const known = await remembered(db, streamId, now());
  if (known) return known;
  // The channel's last answer, if it still answers for this stream (as a stored one would).
  const listed = channelArchives.get(`${db.name}:${channelId}`);
  if (listed) {
    const entry: StoredStreamVideo = {
      streamId,
      channelId,
      checkedAt: listed.checkedAt,
      streamStartedAt: startedAt,
      lookup: videoOfStream(listed.archives, streamId),
    };
    // A stream newer than every archive listed (or with none listed) may have begun after the
    // list was asked for: Twitch is asked.
    const newest = Math.max(...listed.archives.map((v) => Date.parse(v.created_at) || 0));
    const after = entry.lookup.status !== 'found' && startedAt > newest;
    if (!after && isFresh(entry, now())) {
      await db.streamVideos.put(entry).catch(() => undefined);
      return entry.lookup;
    }
  }
  let archives;
  try {
    archives = await fetchArchives(channelId);
  } catch {
    return { status: 'error' };
  }
  if (!archives) return { status: 'signedOut' };
  const lookup = videoOfStream(archives, streamId);
  const checkedAt = now();
  channelArchives.set(`${db.name}:${channelId}`, { checkedAt, archives });
  const rows: StoredStreamVideo[] = [
    { streamId, channelId, checkedAt, streamStartedAt: startedAt, lookup },
  ];
  for (const v of archives) {
    if (!v.stream_id || v.stream_id === streamId) continue;
    const found = videoOfStream([v], v.stream_id);
    if (found.status === 'found')
      rows.push({
        streamId: v.stream_id,
        channelId,
        checkedAt,
        streamStartedAt: found.video.createdAt,
        lookup: found,
      });
  }
  await db.streamVideos.bulkPut(rows).catch(() => undefined);
  return lookup;
}

/** How long a stream's clips are reused (new ones are made while it is live). */
export const CLIPS_TTL_MS = 60_000;
const clipsCache = new Map<string, { at: number; clips: StreamClip[] }>();

export function forgetClips(): void {
  clipsCache.clear();
}

const fetchClips = singleFlightBy(async (key: string): Promise<ClipsLookup> => {
  const [channelId, started, ended] = key.split(':');
  const outcome = await withSession((credentials) =>
    getStreamClips(credentials, channelId!, Number(started), Number(ended)),
  );
  if (!outcome.ok) return { status: 'signedOut' };
  const clips: StreamClip[] = outcome.value.map((c) => {
    const createdAt = Date.parse(c.created_at);
    const thumbnailUrl = twitchImageUrl(c.thumbnail_url);
    return {
      id: c.id,
      title: c.title,
      creatorName: c.creator_name,
      viewCount: c.view_count,
      duration: c.duration,
      createdAt: Number.isFinite(createdAt) ? createdAt : 0,
      ...(thumbnailUrl ? { thumbnailUrl } : {}),
      url: `https://clips.twitch.tv/${c.id}`,
    };
  });
  return { status: 'found', clips };
});

/** The clips made during a stream (from its start to its end, or now), most viewed first. */
export async function streamClips(request: unknown, now = Date.now): Promise<ClipsLookup> {
  const parsed = streamClipsRequest.safeParse(request);
  if (!parsed.success) return { status: 'error' };
  const { channelId, startedAt, endedAt } = parsed.data;
  // A stream with no recorded end: its clips until now.
  const key = `${channelId}:${startedAt}:${endedAt ?? ''}`;
  const cached = clipsCache.get(key);
  if (cached && now() - cached.at < CLIPS_TTL_MS) return { status: 'found', clips: cached.clips };
  let answer: ClipsLookup;
  try {
    answer = await fetchClips(`${channelId}:${startedAt}:${endedAt ?? now()}`);
  } catch {
    return { status: 'error' };
  }
  if (answer.status === 'found') clipsCache.set(key, { at: now(), clips: answer.clips });
  return answer;
}

export const momentsFeature: Feature = {
  listen() {
    onMessage('streamVideo', ({ data }) => streamVideo(data));
    onMessage('streamClips', ({ data }) => streamClips(data));
  },
};
