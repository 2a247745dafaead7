import { describe, expect, it } from 'vitest';
import { serialQueue, sharedQueue, singleFlight, singleFlightBy } from '../../lib/concurrency';
import { installWebLocks } from './web-locks';

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('serialQueue', () => {
  it('runs each task after the one before settled, in the order queued', async () => {
    const queue = serialQueue();
    const order: string[] = [];
    const first = deferred();
    const a = queue(async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
      return 'a';
    });
    const b = queue(() => {
      order.push('b');
      return 'b';
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('goes on after a failed task, and the failure reaches only its caller', async () => {
    const queue = serialQueue();
    const failed = queue(() => Promise.reject(new Error('boom')));
    const next = queue(() => 2);
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(2);
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});

describe('singleFlight', () => {
  it('shares the running call and starts afresh once it settled', async () => {
    let runs = 0;
    const gate = deferred<number>();
    const poll = singleFlight(() => {
      runs += 1;
      return gate.promise;
    });
    const one = poll();
    const two = poll();
    expect(one).toBe(two);
    gate.resolve(7);
    expect(await one).toBe(7);
    expect(runs).toBe(1);
    await poll();
    expect(runs).toBe(2);
  });

  it('starts afresh after a failure too', async () => {
    let runs = 0;
    const task = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error('first fails');
      return runs;
    });
    await expect(task()).rejects.toThrow('first fails');
    expect(await task()).toBe(2);
  });

  it('runs with the arguments of the call that started it', async () => {
    const gate = deferred<void>();
    const seen: string[] = [];
    const task = singleFlight(async (word: string) => {
      seen.push(word);
      await gate.promise;
      return word;
    });
    const one = task('first');
    const two = task('second');
    gate.resolve();
    expect([await one, await two]).toEqual(['first', 'first']);
    expect(seen).toEqual(['first']);
  });
});

describe('singleFlightBy', () => {
  it('shares a run per key and runs other keys on their own', async () => {
    const started: string[] = [];
    const gates = new Map([
      ['a', deferred<string>()],
      ['b', deferred<string>()],
    ]);
    const fetchOne = singleFlightBy((key: string) => {
      started.push(key);
      return gates.get(key)!.promise;
    });
    const a1 = fetchOne('a');
    const a2 = fetchOne('a');
    const b = fetchOne('b');
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!.resolve('A');
    gates.get('b')!.resolve('B');
    expect(await Promise.all([a1, a2, b])).toEqual(['A', 'A', 'B']);
    expect(a1).toBe(a2);
  });
});

describe('sharedQueue', () => {
  /** Two contexts each queue a task that reads, waits and writes a shared value. */
  async function twoContexts(first: ReturnType<typeof serialQueue>, second: typeof first) {
    let shared = 0;
    const addOne = async () => {
      const read = shared;
      await new Promise((resolve) => setTimeout(resolve, 5));
      shared = read + 1;
    };
    await Promise.all([first(addOne), second(addOne), first(addOne)]);
    return shared;
  }

  it('runs the tasks of every context in turn under the Web Lock of its name', async () => {
    const uninstall = installWebLocks();
    try {
      // Each context builds its own queue (its own module instance); the lock is the browser's.
      expect(await twoContexts(sharedQueue('notes'), sharedQueue('notes'))).toBe(3);
      // Queues of other names do not wait for each other.
      expect(await twoContexts(sharedQueue('one'), sharedQueue('other'))).toBeLessThan(3);
    } finally {
      uninstall();
    }
  });

  it('is a queue of its own context where the browser has no Web Locks', async () => {
    expect('locks' in navigator).toBe(false);
    const queue = sharedQueue('notes');
    expect(await twoContexts(queue, queue)).toBe(3);
    await queue.idle();
  });
});
