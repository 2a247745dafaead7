/**
 * The part of the Web Locks API (`navigator.locks`) the extension uses, for tests in Node, which
 * has none: `request(name, callback)` runs the callbacks of one name one at a time, in the order
 * asked, whatever the module instance (the browser context) that asks.
 */
export function installWebLocks(): () => void {
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    request(name: string, callback: () => Promise<unknown>) {
      const before = tails.get(name) ?? Promise.resolve();
      const result = before.then(() => callback());
      tails.set(
        name,
        result.catch(() => undefined),
      );
      return result;
    },
  };
  const had = Object.getOwnPropertyDescriptor(globalThis.navigator, 'locks');
  Object.defineProperty(globalThis.navigator, 'locks', { value: locks, configurable: true });
  return () => {
    if (had) Object.defineProperty(globalThis.navigator, 'locks', had);
    else delete (globalThis.navigator as { locks?: unknown }).locks;
  };
}
