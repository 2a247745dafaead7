/**
 * The one place that knows which browser this is: Chrome gets the offscreen document,
 * Firefox the in-page host. Everything else uses ListenerHostController.
 */
import type { ListenerSink } from '../listener/listener';
import type { ListenerHostController } from './controller';
import { createInPageController } from './in-page';
import { createOffscreenController } from './offscreen';

export type { ListenerHostController } from './controller';

/**
 * In Chrome the sink is reached through messages from the offscreen document (see
 * `entrypoints/background`), so `sink` is only used by the in-page host.
 */
export function createListenerHostController(sink: ListenerSink): ListenerHostController {
  return import.meta.env.FIREFOX ? createInPageController(sink) : createOffscreenController();
}
