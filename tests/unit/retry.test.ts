import { describe, expect, it, vi } from 'vitest';
import {
  constantBackoff,
  exponentialBackoff,
  fibonacciBackoff,
  retry,
  type RetryOptions,
} from '../../lib/retry';

const delays = (backoff: (n: number) => number, count: number) =>
  Array.from({ length: count }, (_, i) => backoff(i + 1));

describe('backoff schedules', () => {
  it('doubles from the first delay, up to the limit', () => {
    expect(delays(exponentialBackoff(100), 5)).toEqual([100, 200, 400, 800, 1600]);
    expect(delays(exponentialBackoff(1000, 5000), 5)).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('follows twurple’s reconnect schedule: Fibonacci seconds from zero, at most 120', () => {
    expect(delays(fibonacciBackoff(1000, 120_000), 15)).toEqual(
      [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 120, 120, 120].map((s) => s * 1000),
    );
    expect(fibonacciBackoff(1000, 120_000)(10_000)).toBe(120_000);
  });

  it('can wait the same every time', () => {
    expect(delays(constantBackoff(15_000), 3)).toEqual([15_000, 15_000, 15_000]);
  });
});

describe('retry', () => {
  const recordSleeps = () => {
    const sleeps: number[] = [];
    return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
  };

  it('returns what the first successful attempt returns, after waiting between tries', async () => {
    const { sleeps, sleep } = recordSleeps();
    const attempt = vi
      .fn<(n: number) => Promise<string>>()
      .mockRejectedValueOnce(new Error('busy'))
      .mockRejectedValueOnce(new Error('busy'))
      .mockResolvedValueOnce('done');
    await expect(
      retry(attempt, { retries: 5, backoff: exponentialBackoff(100), sleep }),
    ).resolves.toBe('done');
    expect(attempt.mock.calls.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([100, 200]);
  });

  it('throws the last failure once the retries are spent', async () => {
    const { sleeps, sleep } = recordSleeps();
    let n = 0;
    const error = await retry(
      async () => {
        n += 1;
        throw new Error(`failure ${n}`);
      },
      { retries: 2, backoff: exponentialBackoff(100), sleep },
    ).catch((e: unknown) => e);
    expect(error).toEqual(new Error('failure 3'));
    expect(sleeps).toEqual([100, 200]);
  });

  it('throws a failure that is not worth retrying at once', async () => {
    const { sleeps, sleep } = recordSleeps();
    const beforeRetry = vi.fn();
    const options: RetryOptions = {
      retries: 5,
      backoff: exponentialBackoff(100),
      retryable: (e) => e instanceof Error && e.message === 'transient',
      beforeRetry,
      sleep,
    };
    const attempt = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('transient'))
      .mockRejectedValueOnce(new Error('final'));
    await expect(retry(attempt, options)).rejects.toThrow('final');
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([100]);
    expect(beforeRetry).toHaveBeenCalledTimes(1);
  });

  it('asks the backoff with the error, and runs beforeRetry before each wait', async () => {
    const order: string[] = [];
    const failure = Object.assign(new Error('rate limited'), { waitMs: 7_000 });
    await retry(
      async (n) => {
        order.push(`attempt ${n}`);
        if (n === 1) throw failure;
      },
      {
        retries: 1,
        backoff: (_n, error) => (error as typeof failure).waitMs,
        beforeRetry: (error, n) =>
          void order.push(`before retry ${n}: ${(error as Error).message}`),
        sleep: async (ms) => void order.push(`sleep ${ms}`),
      },
    );
    expect(order).toEqual(['attempt 1', 'before retry 1: rate limited', 'sleep 7000', 'attempt 2']);
  });

  it('waits for real when no sleep is given', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const done = retry(
        async () => {
          calls += 1;
          if (calls === 1) throw new Error('busy');
          return calls;
        },
        { retries: 1, backoff: constantBackoff(15_000) },
      );
      await vi.advanceTimersByTimeAsync(14_999);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(done).resolves.toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
