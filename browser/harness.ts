/**
 * The Chromium harness, in the names the fault suite, the benchmarks and the scripts use: a
 * `Harness` is the Chromium driver (`h.sim`, `h.browser`, `h.probe`), and the functions are the
 * shared ones of extension.ts or thin wrappers over the driver.
 */
import type { Target, WebWorker } from 'puppeteer';
import { ChromiumDriver } from './chromium';
import { startListening, type Access } from './extension';

export { EXTENSION_DIR, EXTENSION_ID, ORIGIN } from './chromium';
export {
  allStored,
  freshFavoritePicture,
  listenerStatus,
  readIds,
  readTable,
  sendResubs,
  sentIds,
  setFavorite,
  signIn,
  storageGet,
  storageSet,
  storedIds,
  waitForListening,
  type StatusLike,
} from './extension';
export { pause, waitFor } from './wait';

export type Harness = ChromiumDriver;

export function launch(
  options: { world?: 'quiet' | 'demo'; extensionDir?: string; language?: string } = {},
): Promise<Harness> {
  return ChromiumDriver.launch(options);
}

export function serviceWorker(h: Harness): Promise<WebWorker> {
  return h.serviceWorker();
}

/** Stops the extension's service worker, as Chrome does when it is idle. */
export function stopServiceWorker(h: Harness): Promise<void> {
  return h.stopServiceWorker();
}

export async function offscreenTarget(h: Harness): Promise<Target | undefined> {
  return h.offscreenTarget();
}

/**
 * A browser with the extension, signed in through the consent page (as `login`, with `access`),
 * `favorite` set, and listening: the starting point of most suites.
 */
export async function launchListening(
  options: {
    login?: string;
    access?: Access;
    favorite?: string;
    extensionDir?: string;
    language?: string;
  } = {},
): Promise<Harness> {
  const h = await launch({ extensionDir: options.extensionDir, language: options.language });
  try {
    await startListening(h, options);
    return h;
  } catch (error) {
    await h.close();
    throw error;
  }
}
