/**
 * Firefox end-to-end harness: the built add-on (.output/firefox-mv2) installed temporarily in
 * headless Firefox ESR, driven over Marionette, talking to the Twitch simulator under Twitch's own
 * hostnames. Firefox has no `--host-resolver-rules`: the profile resolves the Twitch hosts to
 * loopback (`network.dns.localDomains`) and the simulator listens on 443. Only the simulator's
 * certificate is trusted, imported into this throwaway profile's certificate store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { Marionette } from './marionette';
import { READ_TABLE_SOURCE, type StoredTable } from '../../support/database';
import { pause, waitFor, waitForAll } from '../../support/wait';

export { pause, waitFor };

export const EXTENSION_DIR = path.resolve('.output/firefox-mv2');
/** The add-on id (`browser_specific_settings.gecko.id` in wxt.config.ts). */
export const GECKO_ID = 'companion@twitch-companion.app';
/** Pinned in the profile so the add-on's pages are moz-extension://<EXTENSION_UUID>/… */
export const EXTENSION_UUID = '5c0ffee0-7a1e-4c3b-9d2e-0f1e2d3c4b5a';
export const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const TWITCH_HOSTS = [
  'api.twitch.tv',
  'id.twitch.tv',
  'eventsub.wss.twitch.tv',
  'player.twitch.tv',
  'www.twitch.tv',
  'static-cdn.jtvnw.net',
];
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface Harness {
  sim: Simulator;
  firefox: ChildProcess;
  m: Marionette;
  /** The handle of a tab on one of the add-on's pages, used to read storage and the database. */
  probe: string;
  close(): Promise<void>;
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

function userJs(marionettePort: number): string {
  const prefs: Record<string, string | number | boolean> = {
    'marionette.port': marionettePort,
    // Twitch's hosts resolve to loopback, where the simulator listens on 443.
    'network.dns.localDomains': TWITCH_HOSTS.join(','),
    'network.proxy.type': 0,
    'network.dns.disableIPv6': true,
    'network.http.http3.enable': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    // Quiet offline: no first-run pages, updates, telemetry or remote services.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.page': 0,
    'browser.aboutwelcome.enabled': false,
    'startup.homepage_welcome_url': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.tabs.warnOnClose': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'services.settings.server': 'https://127.0.0.1:9/v1',
    'browser.region.network.url': '',
    'geo.provider.network.url': '',
    // Popups opened by the add-on (the toolbar popup, the sign-in window) and notifications.
    'extensions.openPopupWithoutUserGesture.enabled': true,
    'dom.disable_open_during_load': false,
    'media.autoplay.default': 0,
    // No desktop notification daemon here: Firefox's own alert window shows notifications.
    'alerts.useSystemBackend': false,
    'alerts.totalOpenTime': 60000,
  };
  return Object.entries(prefs)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`)
    .join('');
}

/** Imports the simulator's certificate into the profile's store as the one extra trust anchor. */
async function trustSimulator(m: Marionette, certPem: string): Promise<void> {
  const base64 = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  await m.chrome(
    `const db = Cc['@mozilla.org/security/x509certdb;1'].getService(Ci.nsIX509CertDB);
     db.addCertFromBase64(arguments[0], 'C,,');`,
    [base64],
  );
}

export async function launch(options: { world?: 'quiet' | 'demo' } = {}): Promise<Harness> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('Build the extension first: npm run build:demo');
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`No Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr, or FIREFOX_PATH)`);
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
  await writeFile(path.join(profile, 'user.js'), userJs(port));
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
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    if (process.env.FIREFOX_LOG) process.stderr.write(chunk);
  };
  firefox.stdout!.on('data', keep);
  firefox.stderr!.on('data', keep);

  const close = async () => {
    await h.m?.quit();
    if (firefox.exitCode === null) {
      const exited = new Promise((resolve) => firefox.once('exit', resolve));
      const timer = setTimeout(() => firefox.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await sim.close();
    await rm(profile, { recursive: true, force: true });
  };
  const h = { sim, firefox, probe: '', close } as Harness;
  try {
    h.m = await Marionette.connect(port);
    await h.m.newSession({ acceptInsecureCerts: false });
    await trustSimulator(h.m, sim.cert);
    const id = await h.m.installAddon(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`Installed ${id}, expected ${GECKO_ID}`);
    h.probe = await openExtensionPage(h, '/popup.html');
    await waitFor(
      () => execute(h, `return Boolean(document.querySelector('main'))`),
      'the popup page to render',
    );
    return h;
  } catch (error) {
    console.error(output.join(''));
    await close().catch(() => undefined);
    throw error;
  }
}

/** Opens a tab on one of the add-on's pages and returns its window handle (now the current one). */
export async function openExtensionPage(h: Harness, pagePath: string): Promise<string> {
  const before = new Set(await h.m.windowHandles());
  await h.m.chrome(
    `const win = Services.wm.getMostRecentWindow('navigator:browser');
     const tab = win.gBrowser.addTab(arguments[0], {
       triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
     });
     win.gBrowser.selectedTab = tab;`,
    [`${ORIGIN}${pagePath}`],
  );
  const handle = await waitFor(
    async () => (await h.m.windowHandles()).find((x) => !before.has(x)),
    `a tab for ${pagePath}`,
  );
  await h.m.switchToWindow(handle);
  await waitFor(
    async () => (await h.m.currentUrl()).startsWith(`${ORIGIN}${pagePath}`),
    `${pagePath} to load`,
  );
  await waitFor(() => h.m.execute(`return document.readyState === 'complete'`), 'page load');
  return handle;
}

/** Runs `script` (a function body, may return a promise) in the page of `handle` (default: probe). */
export async function execute<T = unknown>(
  h: Harness,
  script: string,
  args: unknown[] = [],
  handle = h.probe,
): Promise<T> {
  await h.m.switchToWindow(handle);
  return h.m.execute<T>(script, args);
}

export async function storageGet<T = unknown>(
  h: Harness,
  key: string,
  area: 'local' | 'session' = 'local',
): Promise<T | undefined> {
  return execute<T | undefined>(
    h,
    `return browser.storage[arguments[1]].get(arguments[0]).then((v) => v[arguments[0]] ?? null)`,
    [key, area],
  ).then((v) => v ?? undefined);
}

/** Every event, or every chat line, stored in the add-on's database (read through the probe page). */
export async function readTable<T = Record<string, unknown>>(
  h: Harness,
  table: StoredTable,
): Promise<T[]> {
  return execute<T[]>(h, `return (${READ_TABLE_SOURCE})(arguments[0], false);`, [table]);
}

/** Ids of every stored event and chat line (only the ids leave the page). */
export async function storedIds(h: Harness): Promise<Set<string>> {
  const ids = (table: StoredTable) =>
    execute<string[]>(h, `return (${READ_TABLE_SOURCE})(arguments[0], true);`, [table]);
  return new Set([...(await ids('events')), ...(await ids('chat'))]);
}

/** Waits until every one of `ids` is stored. */
export async function allStored(
  h: Harness,
  ids: string[],
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  await waitForAll(() => storedIds(h), ids, what, timeoutMs);
}

export function sentIds(h: Harness, since: number): string[] {
  return h.sim.control
    .notifications({ messageType: 'notification', since })
    .map((n) => n.messageId as string);
}

export interface StatusLike {
  state: string;
  channelId?: string;
  updatedAt: number;
  subscriptions: { id: string; status: string; reason?: string }[];
}

/** Waits until the listener is connected and no subscription is still pending. */
export async function waitForListening(h: Harness, timeoutMs = 30_000): Promise<StatusLike> {
  return waitFor(
    async () => {
      const status = await storageGet<StatusLike>(h, 'listenerStatus');
      if (status?.state !== 'connected') return undefined;
      if (!status.subscriptions.length || status.subscriptions.some((s) => s.status === 'pending'))
        return undefined;
      return status;
    },
    'the listener to be connected with every subscription settled',
    timeoutMs,
  );
}

/**
 * Signs in through the popup page and the simulator's consent page, which Firefox opens in its
 * own window for `identity.launchWebAuthFlow`. The background finishes the sign-in.
 */
export async function signIn(h: Harness, login: string): Promise<void> {
  const popup = await openExtensionPage(h, '/popup.html');
  const before = new Set(await h.m.windowHandles());
  await h.m.execute(
    `const button = [...document.querySelectorAll('button')]
       .find((b) => b.textContent.includes('Log in with Twitch'));
     button.click();`,
  );
  const consent = await waitFor(async () => {
    for (const handle of await h.m.windowHandles()) {
      if (before.has(handle)) continue;
      await h.m.switchToWindow(handle);
      if ((await h.m.currentUrl()).startsWith('https://id.twitch.tv/oauth2/authorize'))
        return handle;
    }
    return undefined;
  }, 'the Twitch consent page');
  await h.m.switchToWindow(consent);
  await waitFor(
    () =>
      h.m.execute(`return Boolean(document.querySelector(arguments[0]))`, [
        `button[data-login="${login}"]`,
      ]),
    'the consent buttons',
  );
  await h.m.click(`button[data-login="${login}"]`);
  await waitFor(
    async () => (await storageGet<{ login: string }>(h, 'authSession'))?.login === login,
    `signed in as ${login}`,
  );
  await h.m.switchToWindow(popup);
  await h.m.closeWindow();
  await h.m.switchToWindow(h.probe);
}

/** Types a favorite into the popup page and submits it; returns the message shown. */
export async function setFavorite(
  h: Harness,
  input: string,
): Promise<{ ok: boolean; message: string }> {
  const handle = await openExtensionPage(h, '/popup.html');
  try {
    await waitFor(
      () => h.m.execute(`return Boolean(document.querySelector('input[role="combobox"]'))`),
      'the favorite box',
    );
    await h.m.sendKeys('input[role="combobox"]', `${input}\uE007`);
    return await waitFor(
      () =>
        h.m.execute<{ ok: boolean; message: string } | null>(
          `const el = document.querySelector('[role="alert"], [role="status"]:not([aria-label])');
           return el ? { ok: el.getAttribute('role') === 'status', message: el.textContent } : null;`,
        ),
      'the favorite to be saved',
      15_000,
    );
  } finally {
    await h.m.switchToWindow(handle);
    await h.m.closeWindow();
    await h.m.switchToWindow(h.probe);
  }
}
