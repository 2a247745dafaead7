import { beforeEach, describe, expect, it } from 'vitest';
import { CompanionDatabase, type StoredEvent } from '../../lib/db/database';
import {
  detectPollChanges,
  pollCoverage,
  recordPollEvents,
  withoutPolledGoLives,
  type PolledType,
} from '../../lib/follows/poll-events';
import type { ListenerStatus, LiveStream, PollSnapshot } from '../../lib/settings';
import { kindOf } from '../../lib/twitch/catalog';
import { describeEvent } from '../../lib/wording';

const USER = '100003';
const FOX = { id: '200001', login: 'lumenfox', displayName: 'LumenFox' };
const OWL = { id: '200002', login: 'nightowl', displayName: 'NightOwl' };
const ALL = new Set<PolledType>(['stream.online', 'stream.offline', 'channel.update']);

function stream(channel: typeof FOX, streamId: string, patch: Partial<LiveStream> = {}) {
  return {
    streamId,
    channelId: channel.id,
    login: channel.login,
    displayName: channel.displayName,
    title: 'Morning run',
    gameId: '33',
    gameName: 'Celeste',
    viewerCount: 10,
    startedAt: '2026-11-30T00:00:00Z',
    ...patch,
  } satisfies LiveStream;
}

/** One poll after another, each compared with the last; what each detected. */
function polls(steps: LiveStream[][], coverage = new Map([[FOX.id, ALL]])) {
  let previous: PollSnapshot | null = null;
  return steps.map((live, i) => {
    const changes = detectPollChanges({
      previous,
      userId: USER,
      favorites: [FOX, OWL],
      live,
      coverage,
      now: Date.parse('2026-11-30T00:00:00Z') + (i + 1) * 60_000,
    });
    previous = changes.snapshot;
    return changes;
  });
}

describe('what the minute poll detects for favorites', () => {
  it('records nothing at the first poll: there is nothing to compare with', () => {
    const [first] = polls([[stream(FOX, 's1')]]);
    expect(first!.events).toEqual([]);
    expect(first!.snapshot.channels[FOX.id]).toMatchObject({ live: true, streamId: 's1' });
    expect(first!.snapshot.channels[OWL.id]).toEqual({ live: false });
  });

  it('sees a go-live, a title change, a category change and the end, as EventSub would send them', () => {
    const steps = polls([
      [],
      [stream(FOX, 's1')],
      [stream(FOX, 's1')],
      [stream(FOX, 's1', { title: 'Any% attempts' })],
      [stream(FOX, 's1', { title: 'Any% attempts', gameId: '44', gameName: 'Hades' })],
      [],
    ]);
    const events = steps.flatMap((s) => s.events);
    expect(events.map((e) => kindOf(e))).toEqual([
      'stream.online',
      'channel.update',
      'channel.update',
      'stream.offline',
    ]);
    expect(events.every((e) => e.source === 'poll' && e.channelId === FOX.id)).toBe(true);
    expect(events.every((e) => e.accountId === USER)).toBe(true);
    expect(events[0]!.event).toMatchObject({
      id: 's1',
      broadcaster_user_id: FOX.id,
      broadcaster_user_login: 'lumenfox',
      type: 'live',
    });
    // The go-live happened when the stream started; the others when the poll saw them.
    expect(events[0]!.occurredAt).toBe(Date.parse('2026-11-30T00:00:00Z'));
    expect(describeEvent(events[1]!).text).toBe(
      'LumenFox changed the stream to “Any% attempts” in Celeste',
    );
    expect(events[2]!.event).toMatchObject({ category_id: '44', category_name: 'Hades' });
    expect(describeEvent(events[3]!).text).toBe('LumenFox went offline');
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('sees a restart as an end and a new go-live', () => {
    const [, second] = polls([[stream(FOX, 's1')], [stream(FOX, 's2')]]);
    expect(second!.events.map((e) => e.type)).toEqual(['stream.offline', 'stream.online']);
  });

  it('records only the types EventSub does not deliver for that favorite', () => {
    const coverage = new Map([[FOX.id, new Set<PolledType>(['channel.update'])]]);
    const events = polls(
      [[], [stream(FOX, 's1')], [stream(FOX, 's1', { title: 'New title' })], []],
      coverage,
    ).flatMap((s) => s.events);
    expect(events.map((e) => e.type)).toEqual(['channel.update']);
    // OWL is covered by EventSub entirely: nothing, even though it is a favorite.
    const owl = polls([[], [stream(OWL, 'o1')]]).flatMap((s) => s.events);
    expect(owl).toEqual([]);
  });

  it('gives the same change the same id, so it is stored once', () => {
    const a = polls([[stream(FOX, 's1')], [stream(FOX, 's1', { title: 'B' })]]);
    const b = polls([[stream(FOX, 's1')], [stream(FOX, 's1', { title: 'B' })]]);
    expect(a[1]!.events.map((e) => e.id)).toEqual(b[1]!.events.map((e) => e.id));
    const c = polls([[stream(FOX, 's1')], [stream(FOX, 's1', { title: 'C' })]]);
    expect(c[1]!.events[0]!.id).not.toBe(a[1]!.events[0]!.id);
  });

  it('covers what is not active on a connected socket', () => {
    const status: ListenerStatus = {
      state: 'connected',
      subscriptions: [
        { id: 'stream.online', channelId: FOX.id, status: 'active' },
        { id: 'stream.offline', channelId: FOX.id, status: 'active' },
        { id: 'channel.update', channelId: FOX.id, status: 'polled' },
        { id: 'stream.online', channelId: OWL.id, status: 'active' },
        { id: 'stream.offline', channelId: OWL.id, status: 'active' },
        { id: 'channel.update', channelId: OWL.id, status: 'active' },
      ],
      updatedAt: 0,
    };
    const coverage = pollCoverage(status, [FOX.id, OWL.id]);
    expect([...(coverage.get(FOX.id) ?? [])]).toEqual(['channel.update']);
    expect(coverage.has(OWL.id)).toBe(false);
    // Not connected: EventSub delivers nothing, the poll stands in for every type.
    const reconnecting = pollCoverage({ ...status, state: 'reconnecting' }, [OWL.id]);
    expect(reconnecting.get(OWL.id)?.size).toBe(3);
  });
});

describe('recording what the poll detected', () => {
  let db: CompanionDatabase;
  beforeEach(async () => {
    db = new CompanionDatabase(`test-${Math.random()}`);
    await db.open();
  });

  const heard = (type: string, event: Record<string, unknown>, at: number): StoredEvent => ({
    id: `eventsub-${type}-${at}`,
    channelId: FOX.id,
    type,
    version: type === 'channel.update' ? '2' : '1',
    noticeType: '',
    occurredAt: at,
    receivedAt: at,
    recent: 1,
    event: { broadcaster_user_id: FOX.id, ...event },
    accountId: '100003',
  });

  it('stores each change once, however often it is recorded', async () => {
    const [, second] = polls([[], [stream(FOX, 's1')]]);
    expect(await recordPollEvents(db, second!)).toHaveLength(1);
    expect(await recordPollEvents(db, second!)).toEqual([]);
    expect(await db.events.count()).toBe(1);
    expect((await db.events.toArray())[0]).toMatchObject({ source: 'poll', recent: 1 });
  });

  it('does not repeat a go-live, an offline or an update EventSub delivered', async () => {
    const steps = polls([
      [],
      [stream(FOX, 's1')],
      [stream(FOX, 's1', { title: 'Heard' })],
      [stream(FOX, 's1', { title: 'Not heard' })],
      [],
    ]);
    const started = Date.parse('2026-11-30T00:00:00Z');
    await db.events.bulkAdd([
      heard('stream.online', { id: 's1', type: 'live' }, started + 1_000),
      heard('channel.update', { title: 'Heard', category_id: '33' }, started + 90_000),
      heard('stream.offline', {}, started + 250_000),
    ]);
    const stored = [];
    for (const step of steps) stored.push(...(await recordPollEvents(db, step)));
    expect(stored.map((e) => [e.type, (e.event as { title?: string }).title])).toEqual([
      ['channel.update', 'Not heard'],
    ]);
  });

  it('records an offline when the one EventSub delivered belongs to an earlier stream', async () => {
    const steps = polls([[stream(FOX, 's1')], []]);
    await db.events.add(heard('stream.offline', {}, Date.parse('2026-11-29T00:00:00Z')));
    expect((await recordPollEvents(db, steps[1]!)).map((e) => e.type)).toEqual(['stream.offline']);
  });

  it('does not notify a go-live EventSub delivers after the poll recorded it', async () => {
    const [, second] = polls([[], [stream(FOX, 's1')]]);
    await recordPollEvents(db, second!);
    const started = Date.parse('2026-11-30T00:00:00Z');
    const same = heard('stream.online', { id: 's1', type: 'live' }, started + 70_000);
    const next = heard('stream.online', { id: 's2', type: 'live' }, started + 80_000);
    const update = heard('channel.update', { title: 'x' }, started + 90_000);
    const left = await withoutPolledGoLives(db, [same, next, update]);
    expect(left.map((e) => e.id)).toEqual([next.id, update.id]);
  });
});
