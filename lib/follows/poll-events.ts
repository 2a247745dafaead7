/**
 * What the minute poll tells of the favorites whose `stream.online`, `stream.offline` or
 * `channel.update` subscription did not fit Twitch's cost budget (or is not active): comparing
 * two polls, it sees a favorite go live, go offline, or change its title or category while live,
 * and records that as an event of the channel in the shape EventSub would have sent, marked as
 * coming from the poll.
 *
 * Never twice for one change: each event's id is derived from the change (the stream id, and for
 * an update the values before and after), so a second poll or a restart adds nothing; and a change
 * EventSub already delivered (a go-live of the same stream, an offline after the stream began, an
 * update to the same title and category) is not recorded again.
 */
import type { CompanionDatabase, StoredEvent } from '../db/database';
import { addNew } from '../db/recorder';
import { catalogEntryById } from '../twitch/catalog';
import type { Json } from '../twitch/fields';
import type {
  FavoriteChannel,
  ListenerStatus,
  LiveStream,
  PolledChannel,
  PollSnapshot,
} from '../settings';
import { POLLED_TYPES, type PolledType } from './polled-types';

export { isPolledType, POLLED_TYPES, type PolledType } from './polled-types';

/** The version the catalog subscribes to: a polled event is stored as that version's payload. */
const versionOf = (type: PolledType): string => catalogEntryById(type)!.version;

/**
 * Per favorite, the types the poll stands in for: every polled type that EventSub does not
 * deliver now (over the budget, not yet active, or the listener not connected).
 */
export function pollCoverage(
  status: ListenerStatus | null | undefined,
  favoriteIds: readonly string[],
): Map<string, Set<PolledType>> {
  const active = new Set<string>();
  if (status?.state === 'connected') {
    for (const s of status.subscriptions) {
      if (s.status === 'active' && s.channelId) active.add(`${s.channelId}/${s.id}`);
    }
  }
  const coverage = new Map<string, Set<PolledType>>();
  for (const id of favoriteIds) {
    const types = new Set(POLLED_TYPES.filter((type) => !active.has(`${id}/${type}`)));
    if (types.size > 0) coverage.set(id, types);
  }
  return coverage;
}

/** What a poll saw of a channel: its stream, or offline. */
export function polledChannel(stream: LiveStream | undefined): PolledChannel {
  if (!stream) return { live: false };
  return {
    live: true,
    streamId: stream.streamId,
    title: stream.title,
    gameId: stream.gameId ?? '',
    gameName: stream.gameName,
    startedAt: stream.startedAt,
  };
}

/** A short, stable digest of a text (FNV-1a), for event ids. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const category = (c: PolledChannel) => c.gameId || c.gameName || '';

export interface PollChangesInput {
  /** The last poll's snapshot (null: none yet, nothing to compare with). */
  previous: PollSnapshot | null;
  userId: string;
  favorites: readonly Pick<FavoriteChannel, 'id' | 'login' | 'displayName'>[];
  /** The live streams this poll saw (a favorite not among them is offline). */
  live: readonly LiveStream[];
  coverage: ReadonlyMap<string, ReadonlySet<PolledType>>;
  now: number;
}

export interface PollChanges {
  /** Events to record (not yet checked against what EventSub delivered). */
  events: StoredEvent[];
  /**
   * Per event id, since when an EventSub event of the same change would count as this one
   * (the stream's start: an offline or an update heard over EventSub after it).
   */
  since: Record<string, number>;
  snapshot: PollSnapshot;
}

/**
 * Compares this poll with the last one. A favorite the last poll did not see (just added, or the
 * first poll) only enters the snapshot: there is nothing to compare it with.
 */
export function detectPollChanges(input: PollChangesInput): PollChanges {
  const { favorites, now } = input;
  const last = input.previous?.userId === input.userId ? input.previous : null;
  const byChannel = new Map(input.live.map((s) => [s.channelId, s]));
  const events: StoredEvent[] = [];
  const since: Record<string, number> = {};
  const channels: Record<string, PolledChannel> = {};
  for (const favorite of favorites) {
    const current = polledChannel(byChannel.get(favorite.id));
    channels[favorite.id] = current;
    const before = last?.channels[favorite.id];
    if (!before) continue;
    const covered = input.coverage.get(favorite.id);
    if (!covered) continue;
    const who = {
      broadcaster_user_id: favorite.id,
      broadcaster_user_login: favorite.login,
      broadcaster_user_name: favorite.displayName,
    };
    const startOf = (c: PolledChannel) => {
      const at = Date.parse(c.startedAt ?? '');
      return Number.isFinite(at) ? Math.min(at, now) : now;
    };
    const add = (type: PolledType, id: string, occurredAt: number, from: number, event: Json) => {
      if (!covered.has(type)) return;
      since[`poll:${type}:${id}`] = from;
      events.push({
        id: `poll:${type}:${id}`,
        channelId: favorite.id,
        type,
        version: versionOf(type),
        noticeType: '',
        occurredAt,
        receivedAt: now + events.length * 0.001,
        recent: 1,
        event,
        source: 'poll',
        accountId: input.userId,
      });
    };
    const ended = before.live && (!current.live || current.streamId !== before.streamId);
    const began = current.live && (!before.live || current.streamId !== before.streamId);
    if (ended)
      add('stream.offline', `${favorite.id}:${before.streamId ?? ''}`, now, startOf(before), {
        ...who,
      });
    if (began) {
      add(
        'stream.online',
        `${favorite.id}:${current.streamId ?? ''}`,
        startOf(current),
        startOf(current),
        {
          id: current.streamId ?? '',
          ...who,
          type: 'live',
          started_at: current.startedAt ?? new Date(now).toISOString(),
        },
      );
    }
    const sameStream = before.live && current.live && current.streamId === before.streamId;
    if (sameStream && (current.title !== before.title || category(current) !== category(before))) {
      const change = [before.title, category(before), current.title, category(current)].join('\n');
      const id = `${favorite.id}:${current.streamId ?? ''}:${digest(change)}`;
      add('channel.update', id, now, startOf(current), {
        ...who,
        title: current.title ?? '',
        language: '',
        category_id: current.gameId ?? '',
        category_name: current.gameName ?? '',
        content_classification_labels: [],
      });
    }
  }
  return { events, since, snapshot: { userId: input.userId, at: now, channels } };
}

/** How far back the channel's events are read to find what EventSub already delivered. */
const LOOK_BACK_MS = 24 * 60 * 60 * 1000;

/** Whether EventSub (or an earlier poll) already recorded the change `event` tells of. */
function alreadyHeard(event: StoredEvent, since: number, recorded: readonly StoredEvent[]) {
  const e = event.event as Record<string, unknown>;
  return recorded.some((r) => {
    if (r.id === event.id) return true;
    if (r.type !== event.type) return false;
    const heard = r.event as Record<string, unknown>;
    if (event.type === 'stream.online') return heard.id === e.id;
    if (r.source === 'poll' || r.occurredAt < since) return false;
    if (event.type === 'stream.offline') return true;
    return heard.title === e.title && (heard.category_id ?? '') === (e.category_id ?? '');
  });
}

/**
 * Records the events a poll detected, except those EventSub (or an earlier poll) already
 * delivered; returns the ones newly stored.
 */
export async function recordPollEvents(
  db: CompanionDatabase,
  changes: Pick<PollChanges, 'events' | 'since'>,
): Promise<StoredEvent[]> {
  const { events, since } = changes;
  if (events.length === 0) return [];
  const now = Math.max(...events.map((e) => e.receivedAt));
  const fresh: StoredEvent[] = [];
  for (const channelId of new Set(events.map((e) => e.channelId))) {
    const recorded = await db.events
      .where('[channelId+receivedAt]')
      .between([channelId, now - LOOK_BACK_MS], [channelId, Infinity])
      .toArray();
    for (const event of events)
      if (event.channelId === channelId && !alreadyHeard(event, since[event.id] ?? now, recorded))
        fresh.push(event);
  }
  return db.transaction('rw', db.events, () => addNew(db.events, fresh));
}

/**
 * The events to notify of, without EventSub's go-lives that the minute poll already recorded
 * (and notified of): a stream goes live once, however it was heard.
 */
export async function withoutPolledGoLives(
  db: CompanionDatabase,
  events: StoredEvent[],
): Promise<StoredEvent[]> {
  const told = new Set<string>();
  for (const event of events) {
    const streamId = (event.event as { id?: unknown }).id;
    if (event.type !== 'stream.online' || event.source === 'poll' || typeof streamId !== 'string')
      continue;
    const polled = await db.events
      .get(`poll:stream.online:${event.channelId}:${streamId}`)
      .catch(() => undefined);
    if (polled) told.add(event.id);
  }
  return told.size ? events.filter((e) => !told.has(e.id)) : events;
}
