/**
 * The listener host: owns at most one Listener at a time. Runs wherever the WebSocket may live
 * for long — the offscreen document in Chrome, the persistent background page in Firefox.
 */
import { database } from '../db/database';
import { pruneChannel } from '../db/retention';
import { Listener, type ListenerConfig, type ListenerSink } from '../listener/listener';
import { DEFAULT_RETENTION, type RetentionSettings } from '../settings';

export interface ListenerHost {
  start(config: ListenerConfig, retention?: RetentionSettings): Promise<void>;
  stop(options: { deleteSubscriptions: boolean }): Promise<void>;
  state(): { listening: boolean; sessionId?: string };
}

const PRUNE_EVERY_MS = 60_000;

function sameTarget(a: ListenerConfig, b: ListenerConfig): boolean {
  return (
    a.accessToken === b.accessToken &&
    a.userId === b.userId &&
    a.channel.id === b.channel.id &&
    a.channel.role === b.channel.role &&
    a.scopes.join(' ') === b.scopes.join(' ')
  );
}

export function createListenerHost(sink: ListenerSink): ListenerHost {
  let current: Listener | undefined;
  let retention: RetentionSettings = DEFAULT_RETENTION;
  let pruneTimer: ReturnType<typeof setInterval> | undefined;
  // Start and stop requests are applied one after another, in order.
  let queue: Promise<void> = Promise.resolve();
  const serial = (work: () => Promise<void>) => (queue = queue.then(work, work));

  const prune = async () => {
    if (!current) return;
    try {
      await current.flush();
      await pruneChannel(database(), current.config.channel.id, retention);
    } catch (error) {
      console.error('Could not apply retention', error);
    }
  };

  return {
    start: (config, settings) =>
      serial(async () => {
        if (settings) retention = settings;
        if (current && sameTarget(current.config, config)) return;
        if (current) {
          // Another channel (or user): the old subscriptions are deleted before the new ones.
          await current.stop({
            deleteSubscriptions: current.config.channel.id !== config.channel.id,
          });
        }
        current = new Listener(config, sink, database());
        current.start();
        pruneTimer ??= setInterval(() => void prune(), PRUNE_EVERY_MS);
        void prune();
      }),
    stop: (options) =>
      serial(async () => {
        if (pruneTimer) clearInterval(pruneTimer);
        pruneTimer = undefined;
        const listener = current;
        current = undefined;
        await listener?.stop(options);
      }),
    state: () => ({ listening: Boolean(current), sessionId: current?.sessionId }),
  };
}
