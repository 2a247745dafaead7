/**
 * The listener's events on their way to the background: each hop (Chrome: the worker to the
 * offscreen document, the offscreen document to the background; Firefox: none) forwards the same
 * event with one relay.
 */
import type { ListenerEvent, ListenerSink } from '../listener-protocol';

/**
 * A sink that forwards every event with `send`. A hop whose other end is gone (the background
 * restarting) loses nothing that matters: the next status says how things are.
 */
export function relay(send: (event: ListenerEvent) => unknown): ListenerSink {
  return (event) => {
    try {
      const sent = send(event);
      if (sent instanceof Promise) sent.catch(() => undefined);
    } catch {
      // The other end is gone; see above.
    }
  };
}
