/**
 * One interface for driving the built extension in a real browser, with a Chromium implementation
 * (Puppeteer, chromium.ts) and a Firefox one (Marionette, firefox.ts). Scenarios written against
 * it run unchanged in both; what only one browser can do is on its own driver class.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Simulator } from '../simulator/index';

export type BrowserName = 'chromium' | 'firefox';

/**
 * esbuild's `__name`, for functions evaluated in a page. The scripts (bench/, scripts/) run
 * under tsx, which compiles with esbuild's keep-names on and has no setting to turn it off: a
 * named helper inside a callback (`const words = (text) => …`) becomes
 * `__name((text) => …, "words")`, with `__name` defined in the script's module, which the page
 * does not have ("__name is not defined"). Vitest compiles without keep-names, so the tests
 * never see it. The drivers define it in every context they evaluate in (each page before its
 * document runs, the service worker, each Firefox script) so that no script has to; it only
 * returns the function, as the name does not matter in the page.
 */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/**
 * What to act on in a page: a CSS selector, or `{ text }`, the innermost element whose text
 * contains it (a button, a label, a line of text).
 */
export type Locator = string | { text: string };

/** A page (or tab) of the extension, or another page the browser opened (the consent page). */
export interface BrowserPage {
  /**
   * Runs `fn(...args)` in the page and resolves with its (JSON) result; a returned promise is
   * awaited. `chrome` in `fn` is the page's extension API in both browsers.
   */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** Runs script source text in the page as the driver does (the page's policy forbids eval). */
  addScript(source: string): Promise<void>;
  /** Waits for the element, then clicks it as a user would. */
  click(target: Locator): Promise<void>;
  /** Waits for the element, then types `text` into it (Enter after it with `submit`). */
  type(target: Locator, text: string, options?: { submit?: boolean }): Promise<void>;
  /** The address and visible text of the document inside the iframe matching `selector`. */
  frameText(selector: string): Promise<string>;
  /** Makes this tab the selected one. */
  bringToFront(): Promise<void>;
  /** Closes the page; nothing happens if it has already closed (a popup that lost focus). */
  close(): Promise<void>;
}

export interface BrowserDriver {
  readonly name: BrowserName;
  readonly sim: Simulator;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: where the extension's pages live. */
  readonly origin: string;
  /** The host of that origin: the `parent` the extension gives Twitch's embeds. */
  readonly extensionHost: string;
  /** A tab on one of the extension's pages, used to read storage and the database. */
  readonly probe: BrowserPage;
  /** Opens the probe tab again, after `closeExtensionPages`. */
  reopenProbe(): Promise<void>;
  /** Opens one of the extension's pages (`/popup.html`) in a new tab. */
  openPage(pagePath: string, options?: { colorScheme?: 'light' | 'dark' }): Promise<BrowserPage>;
  /** Runs `action` and resolves with the page it made the browser open at `urlPrefix`. */
  pageOpenedBy(urlPrefix: string, action: () => Promise<unknown>): Promise<BrowserPage>;
  /**
   * The toolbar popup: the real one where the browser lets a test open it (Chromium), otherwise
   * its page in a tab.
   */
  openPopup(): Promise<BrowserPage>;
  /**
   * Closes every tab on an extension page (the probe too), leaving one blank tab: only the
   * background runs.
   */
  closeExtensionPages(): Promise<void>;
  /** Clicks the desktop notification `id` (whose text contains `text`) as a user would. */
  clickNotification(id: string, text: string): Promise<void>;
  /**
   * The texts of the notifications the browser shows in windows of its own (Firefox's alert
   * windows); absent where notifications are not drawn by the browser (headless Chromium).
   */
  shownNotifications?(): Promise<string[]>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  world?: 'quiet' | 'demo';
  /**
   * The browser's UI language ("de"), which the extension's words follow; English by default.
   * Chromium only: Firefox would need a language pack installed (README, "Languages").
   */
  language?: string;
}

/** Refuses to launch a browser before the extension has been built into `extensionDir`. */
export function requireBuilt(extensionDir: string): void {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error('Build the extension first: npm run build:demo');
  }
}

/**
 * What both drivers hold: the simulator, the browser's throwaway profile, and where the
 * extension's pages live (`origin`, `<scheme>://<extensionHost>`).
 */
export abstract class ProfileDriver {
  abstract readonly name: BrowserName;

  protected constructor(
    readonly sim: Simulator,
    protected readonly profile: string,
    readonly origin: string,
    readonly extensionHost: string,
  ) {}

  /** After the browser has quit: stops the simulator and deletes the profile. */
  protected async release(): Promise<void> {
    await this.sim.close();
    await rm(this.profile, { recursive: true, force: true });
  }
}
