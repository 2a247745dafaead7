import { describe, expect, it } from 'vitest';
import {
  decideGoLive,
  rememberAnnounced,
  sortLive,
  type GoLiveInput,
} from '../../lib/follows/go-live';
import {
  DEFAULT_FOLLOW_NOTIFICATIONS,
  type GoLiveMemory,
  type LiveStream,
} from '../../lib/settings';

const NOW = Date.parse('2026-11-29T20:00:00Z');
const MINUTE = 60_000;

function stream(
  channelId: string,
  streamId: string,
  startedMinutesAgo = 0,
  viewers = 10,
): LiveStream {
  return {
    streamId,
    channelId,
    login: `channel${channelId}`,
    displayName: `Channel ${channelId}`,
    title: 'Playing',
    gameName: 'Just Chatting',
    viewerCount: viewers,
    startedAt: new Date(NOW - startedMinutesAgo * MINUTE).toISOString(),
  };
}

const EMPTY: GoLiveMemory = { announced: [], lastLive: {} };

function decide(live: LiveStream[], overrides: Partial<GoLiveInput> = {}) {
  return decideGoLive({
    live,
    memory: EMPTY,
    settings: DEFAULT_FOLLOW_NOTIFICATIONS,
    favoriteIds: new Set(),
    realTimeIds: new Set(),
    now: NOW,
    pollIntervalMs: MINUTE,
    ...overrides,
  });
}

const ids = (streams: LiveStream[]) => streams.map((s) => s.streamId);

describe('go-live decisions', () => {
  it('announces a stream that has just started', () => {
    expect(ids(decide([stream('1', 's1')]).notify)).toEqual(['s1']);
  });

  it('never announces one stream twice, across polls', () => {
    const first = decide([stream('1', 's1')]);
    const second = decide([stream('1', 's1')], { memory: first.memory, now: NOW + MINUTE });
    expect(second.notify).toEqual([]);
    // Even once the channel's last sighting is forgotten, the stream id is remembered.
    const later = decide([stream('1', 's1')], {
      memory: { ...first.memory, lastLive: {} },
      now: NOW + 2 * MINUTE,
    });
    expect(later.notify).toEqual([]);
  });

  it('does not announce a stream EventSub already announced', () => {
    const memory = rememberAnnounced(EMPTY, 's1');
    expect(decide([stream('1', 's1')], { memory }).notify).toEqual([]);
    expect(rememberAnnounced(memory, 's1')).toBe(memory);
  });

  it('leaves channels with real-time EventSub to it', () => {
    const result = decide([stream('1', 's1'), stream('2', 's2')], { realTimeIds: new Set(['1']) });
    expect(ids(result.notify)).toEqual(['s2']);
    expect(result.skipped).toEqual({ s1: 'real-time' });
  });

  it('treats a stream that restarts within the cooldown as the same go-live', () => {
    const first = decide([stream('1', 's1')]);
    const ended = decide([], { memory: first.memory, now: NOW + MINUTE });
    const restarted = decide([stream('1', 's2', 0)], {
      memory: ended.memory,
      now: NOW + 2 * MINUTE,
    });
    expect(restarted.notify).toEqual([]);
    expect(restarted.skipped).toEqual({ s2: 'restart' });
    // ... and is not announced by a later poll either.
    const next = decide([stream('1', 's2', 1)], {
      memory: restarted.memory,
      now: NOW + 3 * MINUTE,
    });
    expect(next.notify).toEqual([]);
  });

  it('announces a new stream once the cooldown has passed', () => {
    const first = decide([stream('1', 's1')]);
    const now = NOW + 11 * MINUTE;
    const again = decide([stream('1', 's2', 0)], { memory: first.memory, now: now });
    expect(again.notify).toEqual([]); // started "0 minutes before NOW" is 11 minutes old by now
    const fresh = { ...stream('1', 's3'), startedAt: new Date(now).toISOString() };
    expect(ids(decide([fresh], { memory: first.memory, now }).notify)).toEqual(['s3']);
  });

  it('honours a shorter cooldown setting', () => {
    const first = decide([stream('1', 's1')]);
    const now = NOW + 3 * MINUTE;
    const fresh = { ...stream('1', 's2'), startedAt: new Date(now).toISOString() };
    const settings = { ...DEFAULT_FOLLOW_NOTIFICATIONS, cooldownMinutes: 2 };
    expect(ids(decide([fresh], { memory: first.memory, now, settings }).notify)).toEqual(['s2']);
    expect(decide([fresh], { memory: first.memory, now }).notify).toEqual([]);
  });

  it('does not announce streams that started long before the poll (after sleep)', () => {
    const result = decide([stream('1', 's1', 45), stream('2', 's2', 2)]);
    expect(ids(result.notify)).toEqual(['s2']);
    expect(result.skipped).toEqual({ s1: 'stale' });
    // A stale stream is remembered: it is not announced later either.
    expect(result.memory.announced).toContain('s1');
  });

  it('judges staleness by the poll interval plus a margin', () => {
    const live = [stream('1', 's1', 8)];
    expect(decide(live).notify).toEqual([]);
    expect(ids(decide(live, { pollIntervalMs: 10 * MINUTE }).notify)).toEqual(['s1']);
  });

  it('skips muted channels', () => {
    const settings = { ...DEFAULT_FOLLOW_NOTIFICATIONS, muted: ['1'] };
    const result = decide([stream('1', 's1'), stream('2', 's2')], { settings });
    expect(ids(result.notify)).toEqual(['s2']);
    expect(result.skipped).toEqual({ s1: 'muted' });
  });

  it('follows the mode: every follow, favorites only, off', () => {
    const live = [stream('1', 's1'), stream('2', 's2')];
    const favoriteIds = new Set(['2']);
    const mode = (goLive: 'all' | 'favorites' | 'off') =>
      ids(
        decide(live, { favoriteIds, settings: { ...DEFAULT_FOLLOW_NOTIFICATIONS, goLive } }).notify,
      );
    expect(mode('all')).toEqual(['s1', 's2']);
    expect(mode('favorites')).toEqual(['s2']);
    expect(mode('off')).toEqual([]);
  });
});

describe('the Live now order', () => {
  it('puts favorites first, then the most viewers', () => {
    const live = [stream('1', 'a', 0, 50), stream('2', 'b', 0, 900), stream('3', 'c', 0, 5)];
    expect(sortLive(live, new Set()).map((s) => s.channelId)).toEqual(['2', '1', '3']);
    expect(sortLive(live, new Set(['3'])).map((s) => s.channelId)).toEqual(['3', '2', '1']);
  });
});
