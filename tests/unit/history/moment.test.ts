import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../lib/db/database';
import {
  EARLY_MISSING_TTL_MS,
  FOUND_TTL_MS,
  MISSING_TTL_MS,
  MOMENT_LEAD_SECONDS,
  isFresh,
  momentOf,
  momentOffset,
  streamAt,
  streamSpans,
  videoOfStream,
  type StoredStreamVideo,
} from '../../../lib/history/moment';
import {
  clipEmbedUrl,
  clipEmbedUrlPattern,
  parseTwitchTime,
  twitchTime,
  videoPlayerUrl,
  videoPlayerUrlPattern,
  videoWatchUrl,
} from '../../../lib/twitch/videos';

const T0 = Date.parse('2026-12-01T20:00:00Z');
const MIN = 60_000;

function row(
  type: string,
  occurredAt: number,
  event: Record<string, unknown> = {},
  extra: Partial<StoredEvent> = {},
): StoredEvent {
  return {
    id: `${type}:${occurredAt}:${String(event.id ?? '')}:${extra.source ?? ''}`,
    channelId: '100001',
    type,
    version: '1',
    noticeType: '',
    occurredAt,
    receivedAt: occurredAt,
    recent: 1,
    event: event as StoredEvent['event'],
    accountId: '100003',
    ...extra,
  };
}

const online = (id: string, at: number, extra: Partial<StoredEvent> = {}) =>
  row(
    'stream.online',
    at + 1500,
    { id, type: 'live', started_at: new Date(at).toISOString() },
    extra,
  );

const video = (id: string, streamId: string, createdAt: number, viewable = 'public') => ({
  id,
  stream_id: streamId,
  user_id: '100001',
  created_at: new Date(createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  viewable,
  duration: '1h0m0s',
  type: 'archive',
});

describe('the streams of a channel', () => {
  it('are its go-lives, each ending at the first go-offline after it; one stream told twice is one', () => {
    const spans = streamSpans([
      online('111', T0),
      row('stream.offline', T0 + 120 * MIN),
      online('222', T0 + 24 * 60 * MIN),
      // The minute poll told of the same go-live (its time is the stream's start).
      online('222', T0 + 24 * 60 * MIN, { source: 'poll' }),
      row('channel.raid', T0 + 30 * MIN, { id: 'not a stream' }),
    ]);
    expect(spans).toEqual([
      { channelId: '100001', streamId: '111', startedAt: T0, endedAt: T0 + 120 * MIN },
      { channelId: '100001', streamId: '222', startedAt: T0 + 24 * 60 * MIN },
    ]);
  });

  it('places a moment in the stream it happened in, and none outside one', () => {
    const spans = streamSpans([
      online('111', T0),
      row('stream.offline', T0 + 120 * MIN),
      online('222', T0 + 300 * MIN),
    ]);
    expect(streamAt(spans, T0 + 30 * MIN)?.streamId).toBe('111');
    // A row recorded just after the go-offline still belongs to the stream.
    expect(streamAt(spans, T0 + 120 * MIN + 30_000)?.streamId).toBe('111');
    expect(streamAt(spans, T0 + 200 * MIN)).toBeUndefined();
    expect(streamAt(spans, T0 - MIN)).toBeUndefined();
    expect(streamAt(spans, T0 + 400 * MIN)?.streamId).toBe('222');
  });

  it('does not end a stream at the go-offline of the one before, heard just before its go-live', () => {
    // The new stream's started_at is earlier than the previous stream's go-offline was heard.
    const spans = streamSpans([
      online('111', T0),
      row('stream.offline', T0 + 120 * MIN),
      row('stream.online', T0 + 120 * MIN + 500, {
        id: '222',
        started_at: new Date(T0 + 110 * MIN).toISOString(),
      }),
    ]);
    expect(spans.map((s) => [s.streamId, s.endedAt])).toEqual([
      ['111', T0 + 120 * MIN],
      ['222', undefined],
    ]);
    expect(streamAt(spans, T0 + 200 * MIN)?.streamId).toBe('222');
  });

  it('ends the stream before, not the new one, at a go-offline heard in the same millisecond as the go-live', () => {
    const at = T0 + 120 * MIN;
    const spans = streamSpans([
      online('111', T0),
      row('stream.offline', at),
      row('stream.online', at, { id: '222', started_at: new Date(at - 600_000).toISOString() }),
    ]);
    expect(spans.map((s) => [s.streamId, s.endedAt])).toEqual([
      ['111', at],
      ['222', undefined],
    ]);
    // A stream that ended at the moment it was heard keeps its own go-offline.
    const short = streamSpans([
      online('111', T0),
      row('stream.offline', T0 + 60 * MIN),
      row('stream.online', at, { id: '222', started_at: new Date(at).toISOString() }),
      row('stream.offline', at),
    ]);
    expect(short.map((s) => [s.streamId, s.endedAt])).toEqual([
      ['111', T0 + 60 * MIN],
      ['222', at],
    ]);
  });

  it('ignores a go-live without a stream id', () => {
    expect(streamSpans([row('stream.online', T0, { type: 'live' })])).toEqual([]);
  });
});

describe('the moment in the past broadcast', () => {
  it('is the event time less the video’s start, less a few seconds of lead, never below zero', () => {
    const created = T0 + 4000;
    expect(momentOffset(created + 3723_000, created)).toBe(3723 - MOMENT_LEAD_SECONDS);
    expect(momentOffset(created + 3000, created)).toBe(0);
    expect(momentOffset(created - 60_000, created)).toBe(0);
  });

  it('finds the video whose stream_id is the stream’s, and tells none from gone', () => {
    const archives = [
      video('9002', '222', T0 + 10 * MIN),
      video('9001', '111', T0 + 4000, 'private'),
    ];
    expect(videoOfStream(archives, '111')).toEqual({
      status: 'found',
      video: { id: '9001', createdAt: T0 + 4000, subOnly: true },
    });
    expect(videoOfStream(archives, '333')).toEqual({ status: 'gone' });
    expect(videoOfStream([], '111')).toEqual({ status: 'noVods' });
  });

  it('offers to watch a found video at the moment, and says why there is none otherwise', () => {
    const lookup = videoOfStream([video('9001', '111', T0)], '111');
    expect(momentOf(lookup, T0 + 95_000)).toEqual({
      kind: 'watch',
      videoId: '9001',
      seconds: 85,
      subOnly: false,
    });
    expect(momentOf({ status: 'noVods' }, T0)).toEqual({ kind: 'noVods' });
    expect(momentOf({ status: 'gone' }, T0)).toEqual({ kind: 'gone' });
    expect(momentOf({ status: 'error' }, T0)).toBeUndefined();
    expect(momentOf(undefined, T0)).toBeUndefined();
  });
});

describe('remembering a lookup', () => {
  const entry = (lookup: StoredStreamVideo['lookup'], startedAgo: number): StoredStreamVideo => ({
    streamId: '111',
    channelId: '100001',
    checkedAt: T0,
    streamStartedAt: T0 - startedAgo,
    lookup,
  });

  it('trusts a found video for hours, "none" for half an hour, "none" early in a stream for seconds', () => {
    const found = entry(
      { status: 'found', video: { id: '1', createdAt: T0, subOnly: false } },
      3 * 60 * MIN,
    );
    expect(isFresh(found, T0 + FOUND_TTL_MS - 1)).toBe(true);
    expect(isFresh(found, T0 + FOUND_TTL_MS)).toBe(false);
    const none = entry({ status: 'noVods' }, 3 * 60 * MIN);
    expect(isFresh(none, T0 + MISSING_TTL_MS - 1)).toBe(true);
    expect(isFresh(none, T0 + MISSING_TTL_MS)).toBe(false);
    const early = entry({ status: 'gone' }, 5_000);
    expect(isFresh(early, T0 + EARLY_MISSING_TTL_MS - 1)).toBe(true);
    expect(isFresh(early, T0 + EARLY_MISSING_TTL_MS)).toBe(false);
    // A clock set back: asked again.
    expect(isFresh(found, T0 - 1)).toBe(false);
  });
});

describe('the URLs of a moment and a clip', () => {
  const HOST = 'mopegfohpfbpglfngjfcfogemppmfpeo';

  it('write Twitch’s times', () => {
    expect(twitchTime(3723)).toBe('1h2m3s');
    expect(twitchTime(63)).toBe('1m3s');
    expect(twitchTime(7)).toBe('7s');
    expect(twitchTime(-5)).toBe('0s');
    expect(parseTwitchTime('1h2m3s')).toBe(3723);
    expect(parseTwitchTime('nope')).toBeUndefined();
  });

  it('build the player, clip and twitch.tv URLs, which the embed rule (and only it) matches', () => {
    const player = videoPlayerUrl('9001', 3723, HOST);
    expect(player).toBe(
      `https://player.twitch.tv/?video=v9001&time=1h2m3s&parent=${HOST}&autoplay=true`,
    );
    expect(videoWatchUrl('9001', 3723)).toBe('https://www.twitch.tv/videos/9001?t=1h2m3s');
    const clip = clipEmbedUrl('CleverJumpPog-Ab_9-x', HOST);
    expect(clip).toBe(
      `https://clips.twitch.tv/embed?clip=CleverJumpPog-Ab_9-x&parent=${HOST}&autoplay=true`,
    );
    const videoRule = new RegExp(videoPlayerUrlPattern(HOST));
    const clipRule = new RegExp(clipEmbedUrlPattern(HOST));
    expect(videoRule.test(player)).toBe(true);
    expect(clipRule.test(clip)).toBe(true);
    for (const other of [
      `https://player.twitch.tv/?video=v9001&time=1h2m3s&parent=evil.example&autoplay=true`,
      `https://player.twitch.tv/?video=v9001&time=1h2m3s&parent=${HOST}.evil.example&autoplay=true`,
      `https://player.twitch.tv/?video=v9001&time=1h2m3s&parent=${HOST}&autoplay=true&x=1`,
      `https://clips.twitch.tv/CleverJumpPog?parent=${HOST}`,
      `https://clips.twitch.tv/embed?clip=a&parent=${HOST}&autoplay=true&extra=1`,
      `https://clips.twitch.tv/embed?clip=a/../b&parent=${HOST}&autoplay=true`,
    ])
      expect(videoRule.test(other) || clipRule.test(other), other).toBe(false);
  });
});
