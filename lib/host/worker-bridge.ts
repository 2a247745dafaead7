/**
 * The offscreen document runs the listener host in a dedicated worker, off its main thread.
 * This is the small request/answer bridge between the two.
 */
import type { ListenerConfig, ListenerSink } from '../listener/listener';
import { DEFAULT_RETENTION, type RetentionSettings } from '../settings';
import type { ListenerHost } from './listener-host';

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
  | { kind: 'status'; status: Parameters<ListenerSink['status']>[0] }
  | { kind: 'recorded'; events: Parameters<ListenerSink['recorded']>[0] }
  | { kind: 'sessionEnded'; reason: string };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Worker side: serves requests with the given host, and forwards the sink's calls. */
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

export function workerSink(scope: { postMessage(event: HostEvent): void }): ListenerSink {
  return {
    status: (status) => scope.postMessage({ kind: 'status', status }),
    recorded: (events) => scope.postMessage({ kind: 'recorded', events }),
    sessionEnded: (reason) => scope.postMessage({ kind: 'sessionEnded', reason }),
  };
}

/** A ListenerHost in a worker, which can also be asked whether the worker still answers. */
export interface WorkerHost extends ListenerHost {
  /**
   * Asks the worker for its state; rejects when it does not answer within `timeoutMs` (a worker
   * that hangs or died), so the page can replace it.
   */
  check(timeoutMs: number): Promise<ReturnType<ListenerHost['state']>>;
}

/** Page side: a ListenerHost whose work happens in `worker`; sink calls come back to `sink`. */
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
      case 'status':
        sink.status(data.status);
        break;
      case 'recorded':
        sink.recorded(data.events);
        break;
      case 'sessionEnded':
        sink.sessionEnded(data.reason);
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
