/**
 * Trying again after a failure: the delay schedules the extension uses, and one loop that runs
 * an attempt until it succeeds, fails for good, or runs out of retries.
 */

/** How long to wait before retry `retry` (1 for the first retry), in milliseconds. */
export type Backoff = (retry: number) => number;

/** Doubling delays: `firstMs`, twice that, four times…, never more than `maxMs`. */
export function exponentialBackoff(firstMs: number, maxMs = Infinity): Backoff {
  return (retry) => Math.min(firstMs * 2 ** (Math.max(1, retry) - 1), maxMs);
}

/**
 * Fibonacci delays starting at zero — 0, 1, 1, 2, 3, 5, 8… times `unitMs` — never more than
 * `maxMs`. twurple reconnects its EventSub socket on this schedule (in seconds, at most 120).
 */
export function fibonacciBackoff(unitMs: number, maxMs: number): Backoff {
  return (retry) => {
    let [a, b] = [0, 1];
    for (let i = 1; i < retry && a * unitMs < maxMs; i += 1) [a, b] = [b, a + b];
    return Math.min(a * unitMs, maxMs);
  };
}

/** The same delay before every retry. */
export function constantBackoff(ms: number): Backoff {
  return () => ms;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Retries after the first attempt (so at most `retries + 1` attempts). */
  retries: number;
  /** The wait before each retry; it may depend on the error (a server that says when). */
  backoff: (retry: number, error: unknown) => number;
  /** Whether this error is worth another try; by default every error is. */
  retryable?: (error: unknown) => boolean;
  /** Called after a failure that will be tried again, before the wait. */
  beforeRetry?: (error: unknown, retry: number) => Promise<void> | void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `attempt` until it resolves. A failure that is not retryable, or the one after the last
 * retry, is thrown as is.
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const retryNumber = attemptNumber;
      if (retryNumber > options.retries || !(options.retryable?.(error) ?? true)) throw error;
      await options.beforeRetry?.(error, retryNumber);
      await wait(options.backoff(retryNumber, error));
    }
  }
}
