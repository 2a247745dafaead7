/**
 * Two ways work waits for other work: in turn (a serial queue) and sharing the one already
 * running (single flight). Every queue and every "one in flight" guard in the extension is one
 * of these two.
 */

/** Runs tasks one after another, each after the one before settled (a failure does not stop it). */
export interface SerialQueue {
  <T>(task: () => Promise<T> | T): Promise<T>;
  /** Settles when every task queued so far has settled. */
  idle(): Promise<void>;
}

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(task: () => Promise<T> | T): Promise<T> => {
    const result = tail.then(task, task) as Promise<T>;
    tail = result.catch(() => undefined);
    return result;
  };
  return Object.assign(run, { idle: () => tail.then(() => undefined) });
}

/**
 * While a call is running, further calls share its result instead of starting another (their
 * arguments are not used: the running call's are); the next call after it settled starts afresh.
 */
export function singleFlight<A extends unknown[], T>(
  task: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let running: Promise<T> | undefined;
  return (...args) =>
    (running ??= Promise.resolve()
      .then(() => task(...args))
      .finally(() => {
        running = undefined;
      }));
}

/** Single flight per key: calls for the same key share one run, other keys run on their own. */
export function singleFlightBy<K, T>(task: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const running = new Map<K, Promise<T>>();
  return (key) => {
    const current = running.get(key);
    if (current) return current;
    const started = Promise.resolve()
      .then(() => task(key))
      .finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}

/**
 * A serial queue shared by every context of the extension (its pages, the background, the
 * offscreen document): tasks run one at a time under the Web Lock `name`, which all contexts of
 * one origin share. Where the browser has no Web Locks (tests in Node) it is a serial queue of
 * this context only.
 */
export function sharedQueue(name: string): SerialQueue {
  const local = serialQueue();
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return local;
  const run = <T>(task: () => Promise<T> | T): Promise<T> =>
    local(() => locks.request(name, async () => await task()) as Promise<T>);
  return Object.assign(run, { idle: local.idle });
}
