/**
 * How the background reaches the listener host. One interface; the Chrome implementation
 * (offscreen document) and the Firefox one (in the background page) are chosen in
 * `lib/host/index.ts` and nowhere else.
 */
import { browser } from 'wxt/browser';
import type { ListenerConfig } from '../listener-protocol';
import type { RetentionSettings } from '../settings';

export interface ListenerHostController {
  /** Makes sure the host exists and listens with this configuration. */
  start(config: ListenerConfig, retention: RetentionSettings): Promise<void>;
  /** Stops listening (the host may stay). */
  stop(options: { deleteSubscriptions: boolean }): Promise<void>;
  /** Whether the host is alive and listening (the watchdog asks). */
  check(): Promise<{ alive: boolean; listening: boolean }>;
  /** Plays the notification sound (a service worker cannot play audio). */
  playSound(): Promise<void>;
}

/** Plays the notification chime, in a context that can play audio (not a service worker). */
export function playNotificationSound(): Promise<void> {
  return new Audio(browser.runtime.getURL('/sounds/chime.wav')).play();
}
