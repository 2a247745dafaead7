/**
 * The Chromium driver: the built extension (.output/chrome-mv3) in real headless Chromium over
 * Puppeteer, talking to the Twitch simulator under Twitch's own hostnames
 * (`--host-resolver-rules` and the simulator's certificate pinned). No test-only switch exists in
 * the bundle.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer';
import { startSimulator, type Simulator } from '../simulator/index';
import {
  NAME_SHIM,
  ProfileDriver,
  requireBuilt,
  type BrowserDriver,
  type BrowserPage,
  type LaunchOptions,
  type Locator,
} from './driver';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const EXTENSION_ID = 'mopegfohpfbpglfngjfcfogemppmfpeo';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

const TIMEOUT = 20_000;

const selector = (target: Locator) =>
  typeof target === 'string' ? target : `::-p-text(${target.text})`;

export class ChromiumPage implements BrowserPage {
  constructor(readonly page: Page) {}

  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    return this.page.evaluate(fn as never, ...(args as unknown as never[])) as Promise<Awaited<R>>;
  }

  async addScript(source: string): Promise<void> {
    await this.page.evaluate(source);
  }

  async click(target: Locator): Promise<void> {
    await this.page.locator(selector(target)).setTimeout(TIMEOUT).click();
  }

  async type(target: Locator, text: string, options: { submit?: boolean } = {}): Promise<void> {
    const box = await this.page.waitForSelector(selector(target), { timeout: TIMEOUT });
    await box!.type(text);
    if (options.submit) await this.page.keyboard.press('Enter');
  }

  async frameText(frameSelector: string): Promise<string> {
    const element = await this.page.waitForSelector(frameSelector, { timeout: TIMEOUT });
    const frame = await element!.contentFrame();
    if (!frame) throw new Error(`No document in ${frameSelector}`);
    return frame.evaluate(() => `${document.location.href} ${document.body?.innerText ?? ''}`);
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close().catch(() => undefined);
  }
}

export class ChromiumDriver extends ProfileDriver implements BrowserDriver {
  readonly name = 'chromium';
  probe!: ChromiumPage;
  browser!: Browser;

  private constructor(
    sim: Simulator,
    profile: string,
    private readonly extensionDir: string,
    private readonly language?: string,
  ) {
    super(sim, profile, ORIGIN, EXTENSION_ID);
  }

  static async launch(
    options: LaunchOptions & {
      /** Another copy of the built extension (default: .output/chrome-mv3). */
      extensionDir?: string;
    } = {},
  ): Promise<ChromiumDriver> {
    const extensionDir = options.extensionDir ?? EXTENSION_DIR;
    requireBuilt(extensionDir);
    const sim = await startSimulator({ world: options.world ?? 'quiet' });
    const profile = await mkdtemp(path.join(tmpdir(), 'companion-e2e-'));
    const driver = new ChromiumDriver(sim, profile, extensionDir, options.language);
    try {
      await driver.start();
    } catch (error) {
      await driver.close();
      throw error;
    }
    return driver;
  }

  private async start(): Promise<void> {
    this.browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      userDataDir: this.profile,
      enableExtensions: [this.extensionDir],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-sync',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        // The UI language: --lang on Windows and macOS, the LANGUAGE variable on Linux.
        ...(this.language ? [`--lang=${this.language}`] : []),
        ...this.sim.chromiumArgs,
      ],
      ...(this.language ? { env: { ...process.env, LANGUAGE: this.language } } : {}),
    });
    await this.serviceWorker();
    await this.reopenProbe();
  }

  async reopenProbe(): Promise<void> {
    this.probe = await this.openPage('/popup.html');
  }

  /** Closes the browser and starts it again on the same profile (a browser restart). */
  async restartBrowser(): Promise<void> {
    await this.browser.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.release();
  }

  /**
   * A new tab, with esbuild's `__name` defined in every document it loads (NAME_SHIM): how
   * scripts that use Puppeteer's page directly (the benchmarks) get a page.
   */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.evaluateOnNewDocument(NAME_SHIM);
    return page;
  }

  async openPage(
    pagePath: string,
    options: { colorScheme?: 'light' | 'dark' } = {},
  ): Promise<ChromiumPage> {
    const page = await this.newPage();
    if (options.colorScheme)
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: options.colorScheme },
      ]);
    await page.goto(`${ORIGIN}${pagePath}`);
    return new ChromiumPage(page);
  }

  async pageOpenedBy(urlPrefix: string, action: () => Promise<unknown>): Promise<ChromiumPage> {
    const before = new Set(this.browser.targets());
    const opened = this.browser.waitForTarget(
      (t) => !before.has(t) && t.url().startsWith(urlPrefix),
      { timeout: TIMEOUT },
    );
    await action();
    const page = (await (await opened).asPage())!;
    await page.evaluateOnNewDocument(NAME_SHIM);
    // The document that is already there (it may be navigating on: the next one has it too).
    await page.evaluate(NAME_SHIM).catch(() => undefined);
    return new ChromiumPage(page);
  }

  /** The real toolbar popup (not a tab), opened with `chrome.action.openPopup()`. */
  async openPopup(): Promise<ChromiumPage> {
    const worker = await this.serviceWorker();
    const popup = await this.pageOpenedBy(`${ORIGIN}/popup.html`, () =>
      worker.evaluate(() => chrome.action.openPopup()),
    );
    await popup.page.waitForSelector('h1');
    return popup;
  }

  async closeExtensionPages(): Promise<void> {
    const blank = await this.newPage();
    for (const page of await this.browser.pages())
      if (page !== blank) await page.close().catch(() => undefined);
  }

  /** Chromium draws nothing headless: the click is the `onClicked` event Chrome would fire. */
  async clickNotification(id: string): Promise<void> {
    const worker = await this.serviceWorker();
    await worker.evaluate((notificationId) => {
      (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(
        notificationId,
      );
    }, id);
  }

  /** The extension's Manifest V3 service worker. */
  async serviceWorker(): Promise<WebWorker> {
    const target = await this.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(ORIGIN),
      { timeout: TIMEOUT },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('No service worker');
    await worker.evaluate(NAME_SHIM);
    return worker;
  }

  /** Stops the extension's service worker, as Chrome does when it is idle. */
  async stopServiceWorker(): Promise<void> {
    await (await this.serviceWorker()).close();
  }

  /** The offscreen document that holds the listener (Chrome only), if it is open. */
  offscreenTarget(): Target | undefined {
    return this.browser.targets().find((t) => t.url() === `${ORIGIN}/offscreen.html`);
  }
}
