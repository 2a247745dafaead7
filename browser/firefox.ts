/**
 * The Firefox driver: the built add-on (.output/firefox-mv2) installed temporarily in headless
 * Firefox ESR, driven over Marionette (WebDriver BiDi refuses moz-extension:// pages), talking to
 * the Twitch simulator under Twitch's own hostnames. Firefox has no `--host-resolver-rules`: the
 * profile resolves the Twitch hosts to loopback (`network.dns.localDomains`) and the simulator
 * listens on 443. Only the simulator's certificate is trusted, imported into this throwaway
 * profile's certificate store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { firefoxPrefs } from './firefox-prefs';
import { ELEMENT_KEY, Marionette, type ElementRef } from './marionette';
import { waitFor } from './wait';

export const EXTENSION_DIR = path.resolve('.output/firefox-mv2');
/** The add-on id (`browser_specific_settings.gecko.id` in wxt.config.ts). */
export const GECKO_ID = 'companion@twitch-companion.app';
/** Pinned in the profile so the add-on's pages are moz-extension://<EXTENSION_UUID>/… */
export const EXTENSION_UUID = '5c0ffee0-7a1e-4c3b-9d2e-0f1e2d3c4b5a';
export const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** In-page: the innermost element whose text contains `arguments[0]` (like Puppeteer's ::-p-text). */
const FIND_BY_TEXT = `const text = arguments[0];
  const all = [...document.body.querySelectorAll('*')].filter((el) => el.textContent.includes(text));
  return all.find((el) => ![...el.children].some((c) => c.textContent.includes(text))) ?? null;`;

export class FirefoxPage implements BrowserPage {
  constructor(
    private readonly driver: FirefoxDriver,
    readonly handle: string,
  ) {}

  private get m(): Marionette {
    return this.driver.m;
  }

  async evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    await this.m.switchToWindow(this.handle, false);
    return this.m.execute<Awaited<R>>(
      `${NAME_SHIM} const chrome = globalThis.browser; return (${fn.toString()}).apply(null, arguments);`,
      args,
    );
  }

  async addScript(source: string): Promise<void> {
    await this.m.switchToWindow(this.handle, false);
    await this.m.execute(source);
  }

  private async find(target: Locator): Promise<ElementRef> {
    await this.m.switchToWindow(this.handle);
    return waitFor(
      () =>
        typeof target === 'string'
          ? this.m.findElement(target)
          : this.m.execute<ElementRef | null>(FIND_BY_TEXT, [target.text]),
      `${JSON.stringify(target)} in the page`,
    );
  }

  async click(target: Locator): Promise<void> {
    const element = await this.find(target);
    await this.m.command('WebDriver:ElementClick', { id: element[ELEMENT_KEY] });
  }

  async type(target: Locator, text: string, options: { submit?: boolean } = {}): Promise<void> {
    const element = await this.find(target);
    await this.m.command('WebDriver:ElementSendKeys', {
      id: element[ELEMENT_KEY],
      text: options.submit ? `${text}\uE007` : text,
    });
  }

  async frameText(selector: string): Promise<string> {
    const frame = await this.find(selector);
    await this.m.command('WebDriver:SwitchToFrame', { element: frame[ELEMENT_KEY] });
    try {
      return await this.m.execute<string>(
        `return document.location.href + ' ' + (document.body ? document.body.innerText : '')`,
      );
    } finally {
      await this.m.command('WebDriver:SwitchToParentFrame');
    }
  }

  async bringToFront(): Promise<void> {
    await this.m.switchToWindow(this.handle);
  }

  async close(): Promise<void> {
    const handles = await this.m.windowHandles();
    if (!handles.includes(this.handle)) return;
    await this.m.switchToWindow(this.handle, false);
    await this.m.closeWindow();
    const left = handles.filter((h) => h !== this.handle);
    const next = left.includes(this.driver.probe?.handle) ? this.driver.probe.handle : left[0];
    if (next) await this.m.switchToWindow(next, false);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class FirefoxDriver extends ProfileDriver implements BrowserDriver {
  readonly name = 'firefox';
  m!: Marionette;
  probe!: FirefoxPage;
  private readonly output: string[] = [];

  private constructor(
    sim: Simulator,
    readonly firefox: ChildProcess,
    profile: string,
  ) {
    super(sim, profile, ORIGIN, EXTENSION_UUID);
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
      if (process.env.FIREFOX_LOG) process.stderr.write(chunk);
    };
    firefox.stdout!.on('data', keep);
    firefox.stderr!.on('data', keep);
  }

  static async launch(options: LaunchOptions = {}): Promise<FirefoxDriver> {
    if (options.language && options.language !== 'en') {
      // Firefox's UI language comes from an installed language pack, which the tests do not add.
      throw new Error(`Firefox runs the tests in English only (asked for ${options.language})`);
    }
    requireBuilt(EXTENSION_DIR);
    if (!existsSync(FIREFOX_PATH)) {
      throw new Error(
        `No Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr, or FIREFOX_PATH)`,
      );
    }
    const sim = await startSimulator({ world: options.world ?? 'quiet', port: 443 }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
          throw new Error(
            `The simulator needs port 443 on 127.0.0.1 (${error.code}): Firefox reaches Twitch's ` +
              'hostnames there. Stop whatever listens on it, or run as a user allowed to bind it.',
          );
        }
        throw error;
      },
    );
    const profile = await mkdtemp(path.join(tmpdir(), 'companion-firefox-'));
    const port = await freePort();
    await writeFile(
      path.join(profile, 'user.js'),
      firefoxPrefs({ marionettePort: port, geckoId: GECKO_ID, uuid: EXTENSION_UUID }),
    );
    const firefox = spawn(
      FIREFOX_PATH,
      [
        '--headless',
        '--marionette',
        '--remote-allow-system-access',
        '--no-remote',
        '--profile',
        profile,
      ],
      {
        env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const driver = new FirefoxDriver(sim, firefox, profile);
    try {
      driver.m = await Marionette.connect(port);
      await driver.m.newSession({ acceptInsecureCerts: false });
      await driver.trustSimulator();
      const id = await driver.m.installAddon(EXTENSION_DIR);
      if (id !== GECKO_ID) throw new Error(`Installed ${id}, expected ${GECKO_ID}`);
      await driver.reopenProbe();
      return driver;
    } catch (error) {
      console.error(driver.output.join(''));
      await driver.close().catch(() => undefined);
      throw error;
    }
  }

  /** Imports the simulator's certificate into the profile's store as the one extra trust anchor. */
  private async trustSimulator(): Promise<void> {
    const base64 = this.sim.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    await this.m.chrome(
      `const db = Cc['@mozilla.org/security/x509certdb;1'].getService(Ci.nsIX509CertDB);
       db.addCertFromBase64(arguments[0], 'C,,');`,
      [base64],
    );
  }

  async close(): Promise<void> {
    await this.m?.quit();
    if (this.firefox.exitCode === null) {
      const exited = new Promise((resolve) => this.firefox.once('exit', resolve));
      const timer = setTimeout(() => this.firefox.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await this.release();
  }

  async reopenProbe(): Promise<void> {
    this.probe = await this.openPage('/popup.html');
    await waitFor(
      () => this.probe.evaluate(() => Boolean(document.querySelector('main'))),
      'the popup page to render',
    );
  }

  /** A tab opened with the system principal: content code may not navigate to moz-extension://. */
  async openPage(
    pagePath: string,
    options: { colorScheme?: 'light' | 'dark' } = {},
  ): Promise<FirefoxPage> {
    if (options.colorScheme)
      await this.m.chrome(
        `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', arguments[0]);`,
        [options.colorScheme === 'dark' ? 0 : 1],
      );
    const url = `${ORIGIN}${pagePath}`;
    const page = await this.pageOpenedBy(url, () =>
      this.m.chrome(
        `const win = Services.wm.getMostRecentWindow('navigator:browser');
         const tab = win.gBrowser.addTab(arguments[0], {
           triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
         });
         win.gBrowser.selectedTab = tab;`,
        [url],
      ),
    );
    await waitFor(() => page.evaluate(() => document.readyState === 'complete'), 'page load');
    return page;
  }

  async pageOpenedBy(urlPrefix: string, action: () => Promise<unknown>): Promise<FirefoxPage> {
    const before = new Set(await this.m.windowHandles());
    await action();
    const handle = await waitFor(async () => {
      for (const handle of await this.m.windowHandles()) {
        if (before.has(handle)) continue;
        await this.m.switchToWindow(handle, false);
        if ((await this.m.currentUrl()).startsWith(urlPrefix)) return handle;
      }
      return undefined;
    }, `a page at ${urlPrefix}`);
    return new FirefoxPage(this, handle);
  }

  /** The popup's page in a tab: Marionette cannot reach the toolbar panel's document. */
  async openPopup(): Promise<FirefoxPage> {
    return this.openPage('/popup.html');
  }

  async closeExtensionPages(): Promise<void> {
    await this.m.chrome(
      `const win = Services.wm.getMostRecentWindow('navigator:browser');
       const blank = win.gBrowser.addTab('about:blank', {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });
       for (const tab of [...win.gBrowser.tabs]) if (tab !== blank) win.gBrowser.removeTab(tab);`,
    );
    const [blank] = await waitFor(async () => {
      const handles = await this.m.windowHandles();
      return handles.length === 1 ? handles : undefined;
    }, 'the add-on pages to close');
    await this.m.switchToWindow(blank!, false);
  }

  /** Clicks Firefox's own alert window for the notification, as a user would. */
  async clickNotification(_id: string, text: string): Promise<void> {
    await waitFor(
      () =>
        this.m.chrome<boolean>(
          `const w = [...Services.wm.getEnumerator('alert:alert')].find((w) =>
             w.document.documentElement.textContent.includes(arguments[0]));
           if (!w) return false;
           w.document.getElementById('alertBox').click();
           return true;`,
          [text],
        ),
      'the alert window to click',
    );
  }

  async shownNotifications(): Promise<string[]> {
    return this.m.chrome<string[]>(
      `return [...Services.wm.getEnumerator('alert:alert')].map((w) =>
         w.document.documentElement.textContent.replace(/\\s+/g, ' ').trim());`,
    );
  }
}
