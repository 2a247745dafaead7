/**
 * The one place that knows which browser this is: Chrome gets the offscreen document,
 * Firefox the in-page host; the toolbar button is `action` in Chrome (Manifest V3) and
 * `browserAction` in Firefox (Manifest V2). Everything else uses what this module returns.
 */
import { browser } from 'wxt/browser';
import type { ListenerSink } from '../listener-protocol';
import type { ListenerHostController } from './controller';
import { createInPageController } from './in-page';
import { createOffscreenController } from './offscreen';

export type { ListenerHostController } from './controller';

/**
 * In Chrome the sink is reached through the `hostEvent` message from the offscreen document (the
 * background hands it to the same sink), so `sink` is only called directly by the in-page host.
 */
export function createListenerHostController(sink: ListenerSink): ListenerHostController {
  return import.meta.env.FIREFOX ? createInPageController(sink) : createOffscreenController();
}

/** The part of the toolbar button's API the background uses (the badge). */
export interface ToolbarAction {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** The toolbar button of this browser's manifest version. */
export function toolbarAction(): ToolbarAction {
  // Firefox's `browserAction` is promise-based; its generated types describe Chrome's callbacks.
  return import.meta.env.FIREFOX
    ? (browser.browserAction as unknown as ToolbarAction)
    : browser.action;
}

/** Whether notifications can be lists (`type: 'list'`): Chrome's can, Firefox's are basic only. */
export const notificationListsSupported = !import.meta.env.FIREFOX;
