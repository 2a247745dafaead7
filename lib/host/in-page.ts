/**
 * Firefox: no offscreen documents, but the background page is persistent, so the listener host
 * runs right there and is called directly.
 */
import type { ListenerSink } from '../listener-protocol';
import { playNotificationSound, type ListenerHostController } from './controller';
import { createListenerHost } from './listener-host';

export function createInPageController(sink: ListenerSink): ListenerHostController {
  const host = createListenerHost(sink);
  return {
    start: (config, retention) => host.start(config, retention),
    stop: (options) => host.stop(options),
    check: async () => ({ alive: true, listening: host.state().listening }),
    playSound: playNotificationSound,
  };
}
