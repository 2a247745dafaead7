/**
 * Past broadcasts and clips: an archive video for every stream of a channel that keeps VODs
 * (the past streams of the named broadcasters, their current streams, and every stream started
 * while the simulator runs), and clips made during those streams. Get Videos, Get Clips and the
 * video and clip embeds answer from here.
 */
import { isoSeconds } from './ids.js';
import { seededRandom } from './random.js';
import type { Account, ChannelState, World } from './world.js';

/** Whether a channel keeps its past broadcasts, and for whom: everyone, subscribers, or none. */
export type VodMode = 'public' | 'subOnly' | 'off';

export interface Video {
  id: string;
  streamId: string;
  userId: string;
  title: string;
  description: string;
  /** Epoch ms: a few seconds after the stream's start, as Twitch creates an archive. */
  createdAt: number;
  /** Epoch ms of the stream's end; undefined while the stream is live (the video grows). */
  endedAt?: number;
  viewable: 'public' | 'private';
  viewCount: number;
  language: string;
  mutedSegments: { duration: number; offset: number }[] | null;
}

export interface Clip {
  id: string;
  broadcasterId: string;
  creatorId: string;
  videoId: string;
  gameId: string;
  language: string;
  title: string;
  viewCount: number;
  /** Epoch ms. */
  createdAt: number;
  /** Seconds, to a tenth. */
  duration: number;
  /** Seconds into the video where the clip starts; null when there is no video. */
  vodOffset: number | null;
  isFeatured: boolean;
}

/** How long after a stream's start its archive is created. */
export const ARCHIVE_DELAY_MS = 4_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The named broadcasters with archives, and how they keep them: NightOwl_TV keeps none. */
const NAMED_VODS: Record<string, VodMode> = {
  '100001': 'public',
  '100010': 'public',
  '100011': 'public',
  '100012': 'subOnly',
  '100013': 'public',
  '100014': 'off',
};

const CLIP_WORDS = [
  ['Clutch', 'Sneaky', 'Cursed', 'Perfect', 'Wild', 'Tiny', 'Golden'],
  ['Jump', 'Save', 'Fail', 'Raid', 'Combo', 'Dodge', 'Build'],
  ['Pog', 'Kappa', 'LUL', 'HeyGuys', 'NotLikeThis', 'BibleThump', 'SeemsGood'],
];
const CLIP_TITLES = [
  'that jump though',
  'chat saw it first',
  'no way that worked',
  'the raid arrives',
  'perfect timing',
  'we do not talk about this',
  'clean',
];

/** Twitch's video duration: `1h2m3s`, `2m3s` or `3s`. */
export function videoDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
}

/** `1h2m3s` (any of the parts) in seconds; null when it is not such a time. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export class Archive {
  readonly videos: Video[] = [];
  readonly clips: Clip[] = [];
  private readonly modes = new Map<string, VodMode>(Object.entries(NAMED_VODS));
  private videoSeq = 2_100_000_000;
  private readonly random = seededRandom(20_251_205);

  constructor(private readonly world: World) {
    const now = Date.now();
    for (const id of Object.keys(NAMED_VODS)) {
      const channel = world.channel(id);
      if (!channel) continue;
      // Three past streams, one a day, 2–4 hours long, each with its archive and clips.
      for (let day = 3; day >= 1; day--) {
        const startedAt = now - day * DAY - 2 * HOUR;
        const streamId = String(39_000_000_000 + Number(id) * 10 + day);
        const video = this.addVideo(channel, streamId, startedAt);
        if (video) {
          video.endedAt = startedAt + (2 + (day % 3)) * HOUR;
          video.viewCount = 200 + Math.floor(this.random() * 5000);
          this.addClips(channel, video, 3);
        }
      }
      if (channel.live) {
        const video = this.addVideo(channel, channel.streamId, Date.parse(channel.startedAt));
        if (video) this.addClips(channel, video, 2);
      }
    }
  }

  modeOf(userId: string): VodMode {
    return this.modes.get(userId) ?? 'public';
  }

  /** Changes how the channel keeps past broadcasts; `off` deletes those it has. */
  setMode(userId: string, mode: VodMode): void {
    this.modes.set(userId, mode);
    if (mode === 'off') this.deleteVideos(userId);
    for (const v of this.videos)
      if (v.userId === userId) v.viewable = mode === 'subOnly' ? 'private' : 'public';
  }

  /** The channel's archives are gone (expired or deleted); its clips stay, without a video. */
  deleteVideos(userId: string, streamId?: string): number {
    const gone = new Set(
      this.videos
        .filter((v) => v.userId === userId && (streamId === undefined || v.streamId === streamId))
        .map((v) => v.id),
    );
    for (let i = this.videos.length - 1; i >= 0; i--)
      if (gone.has(this.videos[i]!.id)) this.videos.splice(i, 1);
    for (const c of this.clips)
      if (gone.has(c.videoId)) {
        c.videoId = '';
        c.vodOffset = null;
      }
    return gone.size;
  }

  /** A stream began: its archive, unless the channel keeps none. */
  streamStarted(channel: ChannelState): void {
    this.addVideo(channel, channel.streamId, Date.parse(channel.startedAt));
  }

  /** A stream ended: its archive stops growing. */
  streamEnded(channel: ChannelState, at = Date.now()): void {
    for (const v of this.videos)
      if (v.userId === channel.broadcasterId && v.endedAt === undefined) v.endedAt = at;
  }

  /** The archive of the channel's stream, if it keeps one. */
  videoOfStream(streamId: string): Video | undefined {
    return this.videos.find((v) => v.streamId === streamId);
  }

  /** A clip of the channel's current stream made now (or of its latest archive). */
  createClip(
    channel: ChannelState,
    opts: { title?: string; creator?: Account; views?: number; at?: number } = {},
  ): Clip {
    const at = opts.at ?? Date.now();
    const video = channel.live ? this.videoOfStream(channel.streamId) : undefined;
    const creator = opts.creator ?? this.pickChatter();
    const duration = Math.round((15 + this.random() * 45) * 10) / 10;
    const clip: Clip = {
      id: this.clipSlug(),
      broadcasterId: channel.broadcasterId,
      creatorId: creator.id,
      videoId: video?.id ?? '',
      gameId: channel.game.id,
      language: channel.language,
      title: opts.title ?? CLIP_TITLES[Math.floor(this.random() * CLIP_TITLES.length)]!,
      viewCount: opts.views ?? Math.floor(this.random() * 900) + 1,
      createdAt: at,
      duration,
      vodOffset: video ? Math.max(0, Math.floor((at - video.createdAt) / 1000 - duration)) : null,
      isFeatured: false,
    };
    this.clips.push(clip);
    return clip;
  }

  /** A video's duration in seconds now. */
  durationOf(video: Video, now = Date.now()): number {
    return Math.max(0, Math.floor(((video.endedAt ?? now) - video.createdAt) / 1000));
  }

  private addVideo(channel: ChannelState, streamId: string, startedAt: number): Video | undefined {
    const mode = this.modeOf(channel.broadcasterId);
    if (mode === 'off' || !Number.isFinite(startedAt) || this.videoOfStream(streamId)) return;
    const video: Video = {
      id: String(++this.videoSeq),
      streamId,
      userId: channel.broadcasterId,
      title: channel.title,
      description: '',
      createdAt: Math.floor((startedAt + ARCHIVE_DELAY_MS) / 1000) * 1000,
      viewable: mode === 'subOnly' ? 'private' : 'public',
      viewCount: 0,
      language: channel.language,
      mutedSegments: null,
    };
    this.videos.push(video);
    return video;
  }

  /** `count` clips spread over the video's length (a live one: over the part streamed so far). */
  private addClips(channel: ChannelState, video: Video, count: number): void {
    const length = (video.endedAt ?? Date.now()) - video.createdAt;
    for (let i = 1; i <= count; i++) {
      const at = video.createdAt + Math.floor((length * i) / (count + 1));
      const clip = this.createClip(channel, { at });
      clip.videoId = video.id;
      clip.vodOffset = Math.max(0, Math.floor((at - video.createdAt) / 1000 - clip.duration));
      clip.isFeatured = i === 1;
    }
  }

  private pickChatter(): Account {
    const chatters = this.world.chatters();
    return chatters[Math.floor(this.random() * chatters.length)]!;
  }

  /** A slug like Twitch's: three words and a dash, then 16 letters and digits. */
  private clipSlug(): string {
    const word = (list: string[]) => list[Math.floor(this.random() * list.length)]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
    let tail = '';
    for (let i = 0; i < 16; i++) tail += alphabet[Math.floor(this.random() * alphabet.length)];
    return `${word(CLIP_WORDS[0]!)}${word(CLIP_WORDS[1]!)}${word(CLIP_WORDS[2]!)}-${tail}`;
  }
}

/** Twitch's timestamps for videos and clips: RFC 3339 to the second. */
export const archiveTime = (ms: number): string => isoSeconds(ms);
