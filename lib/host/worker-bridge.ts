/**
 * The offscreen document runs the listener host in a dedicated worker, off its main thread.
 * This is the small request/answer bridge between the two.
 */
import type { ListenerConfig, ListenerEvent, ListenerSink } from '../listener-protocol';
import { DEFAULT_RETENTION, type RetentionSettings } from '../settings';
import type { ListenerHost } from './listener-host';
import { relay } from './relay';

export type HostRequest =
  | { id: number; kind: 'start'; config: ListenerConfig; retention: RetentionSettings }
  | { id: number; kind: 'stop'; deleteSubscriptions: boolean }
  | { id: number; kind: 'state' };

export type HostEvent =
  | {
      kind: 'answer';
      id: number;
      ok: boolean;
      error?: string;
      state?: ReturnType<ListenerHost['state']>;
    }
  /** What the listener reported, on its way to the page. */
  | { kind: 'listener'; event: ListenerEvent };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Worker side: serves requests with the given host. */
export function serveHost(
  scope: {
    postMessage(event: HostEvent): void;
    onmessage: ((e: MessageEvent<HostRequest>) => void) | null;
  },
  host: ListenerHost,
): void {
  scope.onmessage = async ({ data }) => {
    try {
      if (data.kind === 'start') await host.start(data.config, data.retention);
      else if (data.kind === 'stop')
        await host.stop({ deleteSubscriptions: data.deleteSubscriptions });
      scope.postMessage({ kind: 'answer', id: data.id, ok: true, state: host.state() });
    } catch (error) {
      scope.postMessage({
        kind: 'answer',
        id: data.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
}

/** Worker side: the listener's events, relayed to the page. */
export function workerSink(scope: { postMessage(event: HostEvent): void }): ListenerSink {
  return relay((event) => scope.postMessage({ kind: 'listener', event }));
}

/** A ListenerHost in a worker, which can also be asked whether the worker still answers. */
export interface WorkerHost extends ListenerHost {
  /**
   * Asks the worker for its state; rejects when it does not answer within `timeoutMs` (a worker
   * that hangs or died), so the page can replace it.
   */
  check(timeoutMs: number): Promise<ReturnType<ListenerHost['state']>>;
}

/** Page side: a ListenerHost whose work happens in `worker`; its events come back to `sink`. */
export function connectWorkerHost(worker: Worker, sink: ListenerSink): WorkerHost {
  let nextId = 1;
  let lastState: ReturnType<ListenerHost['state']> = { listening: false };
  const waiting = new Map<number, (event: Extract<HostEvent, { kind: 'answer' }>) => void>();
  worker.onmessage = ({ data }: MessageEvent<HostEvent>) => {
    switch (data.kind) {
      case 'answer':
        if (data.state) lastState = data.state;
        waiting.get(data.id)?.(data);
        waiting.delete(data.id);
        break;
      case 'listener':
        sink(data.event);
        break;
    }
  };
  const request = (message: WithoutId<HostRequest>) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (answer) => (answer.ok ? resolve() : reject(new Error(answer.error))));
      worker.postMessage({ ...message, id });
    });
  return {
    start: (config, retention = DEFAULT_RETENTION) => request({ kind: 'start', config, retention }),
    stop: (options) => request({ kind: 'stop', deleteSubscriptions: options.deleteSubscriptions }),
    state: () => lastState,
    async check(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('The listener worker does not answer')),
          timeoutMs,
        );
      });
      try {
        await Promise.race([request({ kind: 'state' }), silent]);
        return lastState;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
