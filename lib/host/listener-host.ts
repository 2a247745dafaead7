/**
 * The listener host: owns at most one Listener at a time. Runs wherever the WebSocket may live
 * for long — the offscreen document in Chrome, the persistent background page in Firefox.
 */
import { serialQueue, singleFlight } from '../concurrency';
import { database } from '../db/database';
import { freeOldestHalf, pruneAllChannels } from '../db/retention';
import type { ListenerConfig, ListenerSink } from '../listener-protocol';
import { Listener } from '../listener/listener';
import { DEFAULT_RETENTION, type RetentionSettings } from '../settings';

export interface ListenerHost {
  start(config: ListenerConfig, retention?: RetentionSettings): Promise<void>;
  stop(options: { deleteSubscriptions: boolean }): Promise<void>;
  state(): { listening: boolean; sessionId?: string };
}

const PRUNE_EVERY_MS = 60_000;
/** A busy channel is pruned as it grows: after this share of the chat limit was recorded… */
const PRUNE_AFTER_SHARE = 0.1;
/** …but not more often than this. */
const PRUNE_AT_MOST_EVERY_MS = 2_000;

function sameTarget(a: ListenerConfig, b: ListenerConfig): boolean {
  return (
    a.accessToken === b.accessToken &&
    a.userId === b.userId &&
    JSON.stringify(a.channels) === JSON.stringify(b.channels) &&
    a.scopes.join(' ') === b.scopes.join(' ')
  );
}

export function createListenerHost(sink: ListenerSink): ListenerHost {
  let current: Listener | undefined;
  let retention: RetentionSettings = DEFAULT_RETENTION;
  let pruneTimer: ReturnType<typeof setInterval> | undefined;
  // Start and stop requests are applied one after another, in order.
  const serial = serialQueue();

  // Rows recorded since the last prune.
  let recordedSincePrune = 0;
  let lastPruneAt = 0;

  /**
   * Applies retention to every channel in the database (a former favorite's too), one prune at a
   * time; returns how many rows it removed.
   */
  const prune = singleFlight(async (): Promise<number> => {
    recordedSincePrune = 0;
    lastPruneAt = Date.now();
    try {
      const removed = await pruneAllChannels(database(), retention);
      return removed.events + removed.chat;
    } catch (error) {
      console.error('Could not apply retention', error);
      return 0;
    }
  });

  let prunePending: ReturnType<typeof setTimeout> | undefined;
  const pruneIfGrown = (rows: number) => {
    recordedSincePrune += rows;
    const threshold = Math.max(500, retention.chatPerChannel * PRUNE_AFTER_SHARE);
    if (recordedSincePrune < threshold || prunePending) return;
    // Too soon after the last one: prune as soon as allowed, so a burst that just ended is
    // pruned too (not only a minute later).
    const wait = Math.max(0, lastPruneAt + PRUNE_AT_MOST_EVERY_MS - Date.now());
    prunePending = setTimeout(() => {
      prunePending = undefined;
      void prune();
    }, wait);
  };

  /**
   * A write failed. When the browser says the quota is used up, make room: retention on every
   * channel first, and if that frees nothing, the oldest half of the chat across all channels
   * (the newest lines are the ones kept, whichever channel they belong to).
   */
  const onWriteError = async (error: unknown) => {
    if (!(error instanceof Error) || !/quota/i.test(`${error.name} ${error.message}`)) return;
    const removed = await prune();
    if (removed === 0) {
      await freeOldestHalf(database()).catch((failure: unknown) => {
        console.error('Could not make room', failure);
      });
    }
  };

  const counting: ListenerSink = (event) => {
    if (event.kind !== 'recorded') return sink(event);
    const { events, chatCount = 0, forYou } = event;
    // Chat lines alone raise nothing in the background (pages read them from the database):
    // under a chat firehose, no message per write — only those "for you" travel on.
    if (events.length || forYou) sink({ kind: 'recorded', events, ...(forYou ? { forYou } : {}) });
    pruneIfGrown(events.length + chatCount);
  };

  return {
    start: (config, settings) =>
      serial(async () => {
        const changed =
          settings !== undefined && JSON.stringify(settings) !== JSON.stringify(retention);
        if (settings) retention = settings;
        if (current && sameTarget(current.config, config)) {
          // Highlights changed: the same listener matches with the new ones.
          current.updateForYou(config);
          // New limits apply now, not at the next round of the timer.
          if (changed) void prune();
          return;
        }
        if (current) {
          // Other channels (or user): the old subscriptions are deleted before the new ones, so
          // the cost budget is free for them.
          await current.stop({
            deleteSubscriptions:
              current.config.channels.map((c) => c.id).join() !==
              config.channels.map((c) => c.id).join(),
          });
        }
        current = new Listener(config, counting, database(), { onWriteError });
        current.start();
        pruneTimer ??= setInterval(() => void prune(), PRUNE_EVERY_MS);
        void prune();
      }),
    stop: (options) =>
      serial(async () => {
        if (pruneTimer) clearInterval(pruneTimer);
        pruneTimer = undefined;
        if (prunePending) clearTimeout(prunePending);
        prunePending = undefined;
        const listener = current;
        current = undefined;
        await listener?.stop(options);
      }),
    state: () => ({ listening: Boolean(current), sessionId: current?.sessionId }),
  };
}
