/**
 * The browser the shared scenarios run in, chosen by the suite's config (COMPANION_BROWSER:
 * `chromium` for `npm run test:e2e`, `firefox` for `npm run test:firefox`), and the one way a
 * scenario file gets its browser: `useBrowser()` launches it before the file's tests and closes
 * it after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { ChromiumDriver } from '../../../browser/chromium';
import type { BrowserDriver, BrowserName, LaunchOptions } from '../../../browser/driver';
import { startListening, type Access } from '../../../browser/extension';
import { FirefoxDriver } from '../../../browser/firefox';

export const BROWSER = (process.env.COMPANION_BROWSER ?? 'chromium') as BrowserName;
export const inChromium = BROWSER === 'chromium';
export const inFirefox = BROWSER === 'firefox';

export function launch(
  options: LaunchOptions = {},
  browser: BrowserName = BROWSER,
): Promise<BrowserDriver> {
  return browser === 'firefox' ? FirefoxDriver.launch(options) : ChromiumDriver.launch(options);
}

/** The Chromium driver, in a test that runs only in Chromium. */
export function chromium(h: BrowserDriver): ChromiumDriver {
  if (h.name !== 'chromium') throw new Error('This test runs in Chromium only');
  return h as unknown as ChromiumDriver;
}

/** The Firefox driver, in a test that runs only in Firefox. */
export function firefox(h: BrowserDriver): FirefoxDriver {
  if (h.name !== 'firefox') throw new Error('This test runs in Firefox only');
  return h as unknown as FirefoxDriver;
}

export interface UseBrowserOptions {
  /** How to start the browser (Chromium only: its UI language). */
  launch?: LaunchOptions;
  listening?: { login?: string; access?: Access; favorite?: string };
  setup?: (h: BrowserDriver) => Promise<void>;
  /** The suite's browser unless given. */
  browser?: BrowserName;
}

/**
 * A browser with the extension for the tests of one file: launched before them (signed in with
 * `login` and `access`, `favorite` set and listening, when `listening` is given), closed after.
 * The returned object stands for the driver once it has started.
 */
export function useBrowser(options: UseBrowserOptions = {}): BrowserDriver {
  let driver: BrowserDriver | undefined;
  beforeAll(async () => {
    driver = await launch(options.launch, options.browser);
    if (options.listening) await startListening(driver, options.listening);
    await options.setup?.(driver);
  });
  afterAll(async () => {
    await driver?.close();
  });
  const current = () => {
    if (!driver) throw new Error('The browser has not started');
    return driver;
  };
  return new Proxy({} as BrowserDriver, {
    get(_, key) {
      const value = Reflect.get(current(), key);
      return typeof value === 'function' ? value.bind(current()) : value;
    },
    set(_, key, value) {
      return Reflect.set(current(), key, value);
    },
  });
}

/**
 * `useBrowser` for a file of Chromium-only scenarios (a `describe.skipIf(!inChromium)`, its
 * reason beside it): Chromium's driver, with what only Chromium has (the service worker, the
 * offscreen document, Puppeteer's pages and their network requests).
 */
export function useChromium(
  options: Omit<UseBrowserOptions, 'browser' | 'setup'> & {
    setup?: (h: ChromiumDriver) => Promise<void>;
  } = {},
): ChromiumDriver {
  return useBrowser({
    ...options,
    browser: 'chromium',
    setup: options.setup && ((h) => options.setup!(chromium(h))),
  }) as unknown as ChromiumDriver;
}
