import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../../lib/db/database';
import { createListenerHost } from '../../../lib/host/listener-host';
import type { ListenerConfig, ListenerSink, ListenerStatus } from '../../../lib/listener-protocol';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../../lib/settings';

const fake = vi.hoisted(() => {
  class FakeListener {
    static created: FakeListener[] = [];
    /** What the next `stop()` waits for (a listener flushing its last writes). */
    static stopGate: Promise<void> | undefined;
    started = false;
    stopped: { deleteSubscriptions?: boolean } | undefined;
    sessionId = 'session-1';
    constructor(
      readonly config: ListenerConfig,
      readonly sink: ListenerSink,
      readonly db: unknown,
      readonly options: { onWriteError: (error: unknown) => Promise<void> },
    ) {
      FakeListener.created.push(this);
    }
    /** The configs given while running (new highlight words or users). */
    updates: ListenerConfig[] = [];
    updateForYou(config: ListenerConfig) {
      this.updates.push(config);
    }
    start() {
      this.started = true;
    }
    async stop(options: { deleteSubscriptions?: boolean } = {}) {
      await FakeListener.stopGate;
      this.stopped = options;
    }
  }
  return {
    FakeListener,
    db: { name: 'fake database' },
    pruneAllChannels: vi.fn(async () => ({ events: 0, chat: 0 })),
    freeOldestHalf: vi.fn(async () => ({ events: 0, chat: 0 })),
  };
});

vi.mock('../../../lib/listener/listener', () => ({ Listener: fake.FakeListener }));
vi.mock('../../../lib/db/database', () => ({ database: () => fake.db }));
vi.mock('../../../lib/db/retention', () => ({
  pruneAllChannels: fake.pruneAllChannels,
  freeOldestHalf: fake.freeOldestHalf,
}));

const { FakeListener, pruneAllChannels, freeOldestHalf } = fake;

function config(change: Partial<ListenerConfig> = {}): ListenerConfig {
  return {
    clientId: 'client',
    accessToken: 'token-1',
    scopes: ['user:read:chat'],
    userId: '500',
    channels: [{ id: '100001', login: 'demo', role: 'viewer' }],
    ...change,
  };
}

function sink() {
  return vi.fn<ListenerSink>();
}

const event = { id: 'event-1' } as unknown as StoredEvent;
const last = () => FakeListener.created.at(-1)!;

beforeEach(() => {
  vi.useFakeTimers();
  FakeListener.created = [];
  FakeListener.stopGate = undefined;
  pruneAllChannels.mockClear();
  pruneAllChannels.mockResolvedValue({ events: 0, chat: 0 });
  freeOldestHalf.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('listener host: starting, stopping, restarting', () => {
  it('starts one listener for the config and reports it', async () => {
    const host = createListenerHost(sink());
    expect(host.state()).toEqual({ listening: false, sessionId: undefined });
    await host.start(config());
    expect(FakeListener.created).toHaveLength(1);
    expect(last().started).toBe(true);
    expect(last().db).toBe(fake.db);
    expect(host.state()).toEqual({ listening: true, sessionId: 'session-1' });
  });

  it('keeps the running listener when asked again for the same target', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    // Same token, user, channel, role and scopes: a new array and object are still the same.
    await host.start(config({ scopes: ['user:read:chat'], clientId: 'client' }));
    expect(FakeListener.created).toHaveLength(1);
    expect(last().stopped).toBeUndefined();
  });

  it('hands new highlights to the running listener instead of starting another', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    const forYou = { login: 'someone', words: ['hype'], users: ['friend'] };
    await host.start(config({ forYou }));
    expect(FakeListener.created).toHaveLength(1);
    expect(last().stopped).toBeUndefined();
    expect(last().updates.at(-1)?.forYou).toEqual(forYou);
  });

  it('passes on what a write found "for you", even with no event in it', async () => {
    const out = sink();
    const host = createListenerHost(out);
    await host.start(config());
    const forYou = { items: [], withdrawn: ['item-1'] };
    last().sink({ kind: 'recorded', events: [], chatCount: 3, forYou });
    last().sink({ kind: 'recorded', events: [], chatCount: 3 });
    expect(out.mock.calls).toEqual([[{ kind: 'recorded', events: [], forYou }]]);
  });

  it.each([
    ['another token', { accessToken: 'token-2' }],
    ['another user', { userId: '501' }],
    ['another role', { channels: [{ id: '100001', login: 'demo', role: 'moderator' as const }] }],
    ['other scopes', { scopes: ['user:read:chat', 'moderator:read:followers'] }],
  ])('restarts for %s on the same channel, keeping its subscriptions', async (_, change) => {
    const host = createListenerHost(sink());
    await host.start(config());
    const first = last();
    await host.start(config(change));
    expect(FakeListener.created).toHaveLength(2);
    expect(first.stopped).toEqual({ deleteSubscriptions: false });
    expect(last().started).toBe(true);
  });

  it('deletes the old subscriptions when switching to another channel', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    const first = last();
    await host.start(config({ channels: [{ id: '100002', login: 'other', role: 'viewer' }] }));
    expect(first.stopped).toEqual({ deleteSubscriptions: true });
    expect(last().config.channels[0]!.id).toBe('100002');
  });

  it('starts the new listener only once the old one has stopped', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    let release!: () => void;
    FakeListener.stopGate = new Promise((resolve) => (release = resolve));
    const switching = host.start(
      config({ channels: [{ id: '100002', login: 'other', role: 'viewer' }] }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeListener.created).toHaveLength(1);
    release();
    await switching;
    expect(FakeListener.created).toHaveLength(2);
  });

  it('applies start and stop requests in the order they came', async () => {
    const host = createListenerHost(sink());
    const started = host.start(config());
    const stopped = host.stop({ deleteSubscriptions: true });
    await Promise.all([started, stopped]);
    expect(FakeListener.created).toHaveLength(1);
    expect(last().stopped).toEqual({ deleteSubscriptions: true });
    expect(host.state().listening).toBe(false);
  });

  it('waits for a stop in progress before the next start', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    let release!: () => void;
    FakeListener.stopGate = new Promise((resolve) => (release = resolve));
    const stopping = host.stop({ deleteSubscriptions: false });
    const starting = host.start(config({ accessToken: 'token-2' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeListener.created).toHaveLength(1);
    release();
    await Promise.all([stopping, starting]);
    expect(FakeListener.created).toHaveLength(2);
    expect(host.state().listening).toBe(true);
  });

  it('keeps serving requests after one failed', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    FakeListener.stopGate = Promise.reject(new Error('flush failed'));
    FakeListener.stopGate.catch(() => undefined);
    await expect(host.stop({ deleteSubscriptions: false })).rejects.toThrow('flush failed');
    FakeListener.stopGate = undefined;
    await host.start(config({ channels: [{ id: '100002', login: 'other', role: 'viewer' }] }));
    expect(last().config.channels[0]!.id).toBe('100002');
  });

  it('stops the listener with the options given, and forgets it', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    const listener = last();
    await host.stop({ deleteSubscriptions: true });
    expect(listener.stopped).toEqual({ deleteSubscriptions: true });
    expect(host.state()).toEqual({ listening: false, sessionId: undefined });
    await host.start(config());
    expect(FakeListener.created).toHaveLength(2);
  });
});

describe('listener host: retention', () => {
  const retention: RetentionSettings = { ...DEFAULT_RETENTION, chatPerChannel: 10_000 };

  it('prunes the channel when it starts, with the settings it was given', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
    expect(pruneAllChannels).toHaveBeenCalledWith(fake.db, retention);
  });

  it('uses the default settings until it is given some', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    expect(pruneAllChannels).toHaveBeenCalledWith(fake.db, DEFAULT_RETENTION);
  });

  it('prunes every minute while listening, with the latest settings, and not after stopping', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    const later = { ...retention, eventDays: 7 };
    await host.start(config(), later); // same target: only the settings change
    expect(FakeListener.created).toHaveLength(1);
    pruneAllChannels.mockClear();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(pruneAllChannels).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(pruneAllChannels).toHaveBeenCalledWith(fake.db, later);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pruneAllChannels).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    last().sink({ kind: 'recorded', events: [], chatCount: 5_000 }); // a prune waits for its turn
    await host.stop({ deleteSubscriptions: false });
    expect(vi.getTimerCount()).toBe(0);
    pruneAllChannels.mockClear();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(pruneAllChannels).not.toHaveBeenCalled();
  });

  it('one timer, however often it restarts', async () => {
    const host = createListenerHost(sink());
    await host.start(config());
    await host.start(config({ accessToken: 'token-2' }));
    await host.start(config({ accessToken: 'token-3' }));
    pruneAllChannels.mockClear();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
  });

  it('prunes a growing channel after a tenth of its chat limit was recorded', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention); // threshold: 1,000 rows
    await vi.advanceTimersByTimeAsync(5_000);
    pruneAllChannels.mockClear();
    last().sink({ kind: 'recorded', events: [], chatCount: 999 });
    await vi.advanceTimersByTimeAsync(0);
    expect(pruneAllChannels).not.toHaveBeenCalled();
    last().sink({ kind: 'recorded', events: [event], chatCount: 0 }); // 1,000
    await vi.advanceTimersByTimeAsync(0);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
  });

  it('counts at least 500 rows before pruning a channel with a small limit', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), { ...retention, chatPerChannel: 1_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    pruneAllChannels.mockClear();
    last().sink({ kind: 'recorded', events: [], chatCount: 499 });
    await vi.advanceTimersByTimeAsync(0);
    expect(pruneAllChannels).not.toHaveBeenCalled();
    last().sink({ kind: 'recorded', events: [], chatCount: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
  });

  it('prunes at most every two seconds, and then still once after a burst', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention); // pruned at start
    pruneAllChannels.mockClear();
    await vi.advanceTimersByTimeAsync(500);
    last().sink({ kind: 'recorded', events: [], chatCount: 5_000 });
    last().sink({ kind: 'recorded', events: [], chatCount: 5_000 });
    await vi.advanceTimersByTimeAsync(1_499);
    expect(pruneAllChannels).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
  });

  it('runs one prune at a time', async () => {
    let finish!: () => void;
    pruneAllChannels.mockImplementationOnce(
      () => new Promise((resolve) => (finish = () => resolve({ events: 0, chat: 0 }))),
    );
    const host = createListenerHost(sink());
    await host.start(config(), retention); // this prune hangs
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pruneAllChannels).toHaveBeenCalledTimes(2);
  });

  it('makes room when the quota is used up: retention on every channel first', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    await vi.advanceTimersByTimeAsync(0); // the prune at start is done
    pruneAllChannels.mockClear();
    pruneAllChannels.mockResolvedValueOnce({ events: 3, chat: 0 });
    const quota = Object.assign(new Error('Quota exceeded'), { name: 'QuotaExceededError' });
    await last().options.onWriteError(quota);
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
    expect(pruneAllChannels).toHaveBeenCalledWith(fake.db, retention);
    expect(freeOldestHalf).not.toHaveBeenCalled();
  });

  it('…and the oldest half of the chat across channels when retention frees nothing', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    await vi.advanceTimersByTimeAsync(0); // the prune at start is done
    pruneAllChannels.mockClear();
    await last().options.onWriteError(new Error('The quota has been exceeded.'));
    expect(pruneAllChannels).toHaveBeenCalledTimes(1);
    expect(freeOldestHalf).toHaveBeenCalledWith(fake.db);
  });

  it('leaves other write errors alone', async () => {
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    pruneAllChannels.mockClear();
    await last().options.onWriteError(new Error('Transaction aborted'));
    await last().options.onWriteError('quota');
    expect(pruneAllChannels).not.toHaveBeenCalled();
  });

  it('a failed prune is logged, not thrown, and does not stop the next one', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    pruneAllChannels.mockRejectedValueOnce(new Error('database closed'));
    const host = createListenerHost(sink());
    await host.start(config(), retention);
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledWith('Could not apply retention', expect.any(Error));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pruneAllChannels).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});

describe('listener host: what reaches the background', () => {
  it('forwards recorded events, without the chat count', async () => {
    const out = sink();
    const host = createListenerHost(out);
    await host.start(config());
    last().sink({ kind: 'recorded', events: [event], chatCount: 40 });
    expect(out).toHaveBeenCalledTimes(1);
    expect(out.mock.calls[0]).toEqual([{ kind: 'recorded', events: [event] }]);
  });

  it('forwards nothing for a write of chat lines alone', async () => {
    const out = sink();
    const host = createListenerHost(out);
    await host.start(config());
    last().sink({ kind: 'recorded', events: [], chatCount: 200 });
    last().sink({ kind: 'recorded', events: [] });
    expect(out).not.toHaveBeenCalled();
  });

  it('forwards status and the end of the session as they are', async () => {
    const out = sink();
    const host = createListenerHost(out);
    await host.start(config());
    const status = { state: 'connected' } as unknown as ListenerStatus;
    last().sink({ kind: 'status', status });
    last().sink({ kind: 'sessionEnded', reason: 'revoked' });
    expect(out.mock.calls).toEqual([
      [{ kind: 'status', status }],
      [{ kind: 'sessionEnded', reason: 'revoked' }],
    ]);
  });
});
