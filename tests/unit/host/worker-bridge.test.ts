import { describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../../lib/db/database';
import type { ListenerHost } from '../../../lib/host/listener-host';
import {
  connectWorkerHost,
  serveHost,
  workerSink,
  type HostEvent,
  type HostRequest,
} from '../../../lib/host/worker-bridge';
import type {
  ListenerConfig,
  ListenerEvent,
  ListenerSink,
  ListenerStatus,
} from '../../../lib/listener-protocol';
import { DEFAULT_RETENTION } from '../../../lib/settings';

const config: ListenerConfig = {
  clientId: 'client',
  accessToken: 'token',
  scopes: [],
  userId: '500',
  channels: [{ id: '100001', login: 'demo', role: 'viewer' }],
};

function sink() {
  return vi.fn<ListenerSink>();
}

/** The page's end of a worker: what the page posted, and a way to answer as the worker. */
function fakeWorker() {
  const posted: HostRequest[] = [];
  const worker = {
    onmessage: null as ((e: MessageEvent<HostEvent>) => void) | null,
    postMessage: (request: HostRequest) => posted.push(request),
  };
  const answer = (event: HostEvent) =>
    worker.onmessage?.({ data: event } as MessageEvent<HostEvent>);
  return { worker: worker as unknown as Worker, posted, answer };
}

/** A host in a "worker" that talks to the page through copies of each message, asynchronously. */
function connected(host: ListenerHost, pageSink: ListenerSink = sink()) {
  const page = { onmessage: null as ((e: MessageEvent<HostEvent>) => void) | null };
  const scope = {
    onmessage: null as ((e: MessageEvent<HostRequest>) => void) | null,
    postMessage: (event: HostEvent) =>
      setTimeout(() => page.onmessage?.({ data: structuredClone(event) } as MessageEvent)),
  };
  const worker = {
    set onmessage(handler: (e: MessageEvent<HostEvent>) => void) {
      page.onmessage = handler;
    },
    postMessage: (request: HostRequest) =>
      setTimeout(() => scope.onmessage?.({ data: structuredClone(request) } as MessageEvent)),
  };
  serveHost(scope, host);
  return { remote: connectWorkerHost(worker as unknown as Worker, pageSink), scope };
}

function fakeHost(state: ReturnType<ListenerHost['state']> = { listening: true, sessionId: 's1' }) {
  return {
    start: vi.fn(async () => undefined),
    stop: vi.fn(async () => undefined),
    state: vi.fn(() => state),
  } satisfies ListenerHost;
}

/** Whether a promise has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
}

describe('worker bridge: requests and answers', () => {
  it('starts the host in the worker with the config and retention, then reports its state', async () => {
    const host = fakeHost();
    const { remote } = connected(host);
    expect(remote.state()).toEqual({ listening: false });
    const retention = { ...DEFAULT_RETENTION, chatDays: 3 };
    await remote.start(config, retention);
    expect(host.start).toHaveBeenCalledWith(config, retention);
    expect(host.stop).not.toHaveBeenCalled();
    expect(remote.state()).toEqual({ listening: true, sessionId: 's1' });
  });

  it('sends the default retention when none is given', async () => {
    const host = fakeHost();
    const { remote } = connected(host);
    await remote.start(config);
    expect(host.start).toHaveBeenCalledWith(config, DEFAULT_RETENTION);
  });

  it('stops the host with the options given', async () => {
    const host = fakeHost({ listening: false });
    const { remote } = connected(host);
    await remote.stop({ deleteSubscriptions: true });
    expect(host.stop).toHaveBeenCalledWith({ deleteSubscriptions: true });
    expect(host.start).not.toHaveBeenCalled();
    expect(remote.state()).toEqual({ listening: false });
  });

  it('a state request answers with the state and starts or stops nothing', async () => {
    const host = fakeHost();
    const events: HostEvent[] = [];
    const scope = {
      onmessage: null as ((e: MessageEvent<HostRequest>) => void) | null,
      postMessage: (event: HostEvent) => events.push(event),
    };
    serveHost(scope, host);
    scope.onmessage!({ data: { id: 7, kind: 'state' } } as MessageEvent<HostRequest>);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toEqual({
      kind: 'answer',
      id: 7,
      ok: true,
      state: { listening: true, sessionId: 's1' },
    });
    expect(host.start).not.toHaveBeenCalled();
    expect(host.stop).not.toHaveBeenCalled();
  });

  it('pairs each answer with its request, whatever order they come back in', async () => {
    const { worker, posted, answer } = fakeWorker();
    const remote = connectWorkerHost(worker, sink());
    const first = remote.start(config);
    const second = remote.stop({ deleteSubscriptions: false });
    expect(posted.map((r) => r.kind)).toEqual(['start', 'stop']);
    const [a, b] = posted as [HostRequest, HostRequest];
    expect(a.id).not.toBe(b.id);
    answer({ kind: 'answer', id: b.id, ok: false, error: 'stop failed' });
    answer({ kind: 'answer', id: a.id, ok: true, state: { listening: true } });
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('stop failed');
  });

  it('keeps the last state when an answer carries none', async () => {
    const { worker, posted, answer } = fakeWorker();
    const remote = connectWorkerHost(worker, sink());
    const first = remote.start(config);
    answer({
      kind: 'answer',
      id: posted[0]!.id,
      ok: true,
      state: { listening: true, sessionId: 's1' },
    });
    await first;
    const second = remote.start(config);
    answer({ kind: 'answer', id: posted[1]!.id, ok: false, error: 'no' });
    await expect(second).rejects.toThrow('no');
    expect(remote.state()).toEqual({ listening: true, sessionId: 's1' });
  });

  it('ignores an answer to no request', async () => {
    const { worker, posted, answer } = fakeWorker();
    const remote = connectWorkerHost(worker, sink());
    const pending = remote.start(config);
    expect(() => answer({ kind: 'answer', id: posted[0]!.id + 100, ok: true })).not.toThrow();
    expect(await settled(pending)).toBe(false);
  });
});

describe('worker bridge: errors', () => {
  it("passes the host's error message back to the page", async () => {
    const host = fakeHost();
    host.start.mockRejectedValueOnce(new Error('Twitch refused the token'));
    const { remote } = connected(host);
    await expect(remote.start(config)).rejects.toThrow('Twitch refused the token');
  });

  it('passes something thrown that is not an Error as its text', async () => {
    const host = fakeHost();
    host.stop.mockRejectedValueOnce('database closed');
    const { remote } = connected(host);
    await expect(remote.stop({ deleteSubscriptions: false })).rejects.toThrow('database closed');
  });

  it('serves the next request after a failed one', async () => {
    const host = fakeHost();
    host.start.mockRejectedValueOnce(new Error('once'));
    const { remote } = connected(host);
    await expect(remote.start(config)).rejects.toThrow('once');
    await expect(remote.start(config)).resolves.toBeUndefined();
    expect(host.start).toHaveBeenCalledTimes(2);
  });

  it('a worker that dies before answering: the request is not taken as done, and the state stays the last one answered', async () => {
    const { worker, posted, answer } = fakeWorker();
    const remote = connectWorkerHost(worker, sink());
    const first = remote.start(config);
    answer({ kind: 'answer', id: posted[0]!.id, ok: true, state: { listening: true } });
    await first;
    // The worker is gone: nothing answers any more.
    const stopping = remote.stop({ deleteSubscriptions: true });
    expect(await settled(stopping)).toBe(false);
    expect(remote.state()).toEqual({ listening: true });
  });
});

describe('worker bridge: is the worker still there?', () => {
  it('check asks the worker for its state and answers with it', async () => {
    const host = fakeHost({ listening: true, sessionId: 's9' });
    const { remote } = connected(host);
    await expect(remote.check(1_000)).resolves.toEqual({ listening: true, sessionId: 's9' });
    expect(host.state).toHaveBeenCalled();
  });

  it('check gives up on a worker that does not answer in time', async () => {
    const { worker, posted } = fakeWorker();
    const remote = connectWorkerHost(worker, sink());
    await expect(remote.check(20)).rejects.toThrow('The listener worker does not answer');
    expect(posted.map((r) => r.kind)).toEqual(['state']);
  });
});

describe('worker bridge: what the worker forwards to the page', () => {
  it("forwards the listener's status, recorded events and the end of the session", async () => {
    const pageSink = sink();
    const host = fakeHost();
    const { scope } = connected(host, pageSink);
    const forward = workerSink(scope);
    const status = { state: 'connected' } as unknown as ListenerStatus;
    const events = [{ id: 'e1' }] as unknown as StoredEvent[];
    const sent: ListenerEvent[] = [
      { kind: 'status', status },
      { kind: 'recorded', events },
      { kind: 'sessionEnded', reason: 'revoked' },
    ];
    for (const event of sent) forward(event);
    await vi.waitFor(() => expect(pageSink).toHaveBeenCalledTimes(3));
    // The same events, in order, each as a copy (as a worker's messages are).
    expect(pageSink.mock.calls.map(([event]) => event)).toEqual(sent);
  });
});
