/**
 * End-to-end harness: the built extension (.output/chrome-mv3) in real headless Chromium, talking
 * to the Twitch simulator under Twitch's own hostnames. No test-only switch exists in the bundle.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { READ_TABLE_SOURCE, type StoredTable } from '../../support/database';
import { pause, waitFor, waitForAll } from '../../support/wait';

export { pause, waitFor };

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const EXTENSION_ID = 'mopegfohpfbpglfngjfcfogemppmfpeo';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export interface Harness {
  sim: Simulator;
  browser: Browser;
  /** A tab on one of the extension's pages, used to read storage and the database. */
  probe: Page;
  /** Closes the browser and starts it again on the same profile (a browser restart). */
  restartBrowser(): Promise<void>;
  close(): Promise<void>;
}

async function startBrowser(
  sim: Simulator,
  profile: string,
  extensionDir = EXTENSION_DIR,
): Promise<{ browser: Browser; probe: Page }> {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profile,
    enableExtensions: [extensionDir],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      ...sim.chromiumArgs,
    ],
  });
  await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(ORIGIN), {
    timeout: 20_000,
  });
  const probe = await browser.newPage();
  await probe.goto(`${ORIGIN}/popup.html`);
  return { browser, probe };
}

export async function launch(
  options: {
    world?: 'quiet' | 'demo';
    /** Another copy of the built extension (default: .output/chrome-mv3). */
    extensionDir?: string;
  } = {},
): Promise<Harness> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error('Build the extension first: npm run build:demo');
  }
  const sim = await startSimulator({ world: options.world ?? 'quiet' });
  const profile = await mkdtemp(path.join(tmpdir(), 'companion-e2e-'));
  const started = await startBrowser(sim, profile, extensionDir);
  const h: Harness = {
    sim,
    browser: started.browser,
    probe: started.probe,
    async restartBrowser() {
      await h.browser.close();
      const again = await startBrowser(sim, profile, extensionDir);
      h.browser = again.browser;
      h.probe = again.probe;
    },
    async close() {
      await h.browser.close().catch(() => undefined);
      await sim.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return h;
}

export async function serviceWorker(h: Harness): Promise<WebWorker> {
  const target = await h.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(ORIGIN),
    {
      timeout: 20_000,
    },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('No service worker');
  return worker;
}

/** Stops the extension's service worker, as Chrome does when it is idle. */
export async function stopServiceWorker(h: Harness): Promise<void> {
  const worker = await serviceWorker(h);
  await worker.close();
}

export async function offscreenTarget(h: Harness): Promise<Target | undefined> {
  return h.browser.targets().find((t) => t.url() === `${ORIGIN}/offscreen.html`);
}

export async function storageGet<T = unknown>(h: Harness, key: string): Promise<T | undefined> {
  return h.probe.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<
    T | undefined
  >;
}

export async function storageSet(h: Harness, values: Record<string, unknown>): Promise<void> {
  await h.probe.evaluate(async (v) => chrome.storage.local.set(v), values);
}

/** Every event, or every chat line, stored in the extension's database. */
export async function readTable<T = Record<string, unknown>>(
  h: Harness,
  table: StoredTable,
): Promise<T[]> {
  return h.probe.evaluate(`(${READ_TABLE_SOURCE})(${JSON.stringify(table)}, false)`) as Promise<
    T[]
  >;
}

/** The ids of every stored event, or chat line (only the ids leave the page). */
export async function readIds(h: Harness, table: StoredTable): Promise<string[]> {
  return h.probe.evaluate(`(${READ_TABLE_SOURCE})(${JSON.stringify(table)}, true)`) as Promise<
    string[]
  >;
}

/** Ids of every stored event and chat line. */
export async function storedIds(h: Harness): Promise<Set<string>> {
  return new Set([...(await readIds(h, 'events')), ...(await readIds(h, 'chat'))]);
}

/** Message ids of the notifications the simulator sent since `since` (of one type, if given). */
export function sentIds(h: Harness, since: number, type?: string): string[] {
  return h.sim.control
    .notifications({ messageType: 'notification', since, type })
    .map((n) => n.messageId as string);
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

export interface StatusLike {
  state: string;
  channelId?: string;
  updatedAt: number;
  detail?: string;
  subscriptions: { id: string; status: string; reason?: string }[];
}

export async function listenerStatus(h: Harness): Promise<StatusLike | undefined> {
  return storageGet<StatusLike>(h, 'listenerStatus');
}

/**
 * Waits until the listener is connected (to `channelId`, when given) and no subscription is
 * still pending.
 */
export async function waitForListening(
  h: Harness,
  options: { channelId?: string; timeoutMs?: number } = {},
): Promise<StatusLike> {
  const { channelId, timeoutMs = 30_000 } = options;
  return waitFor(
    async () => {
      const status = await listenerStatus(h);
      if (status?.state !== 'connected') return undefined;
      if (channelId && status.channelId !== channelId) return undefined;
      if (!status.subscriptions.length || status.subscriptions.some((s) => s.status === 'pending'))
        return undefined;
      return status;
    },
    'the listener to be connected with every subscription settled',
    timeoutMs,
  );
}

/** Opens the real toolbar popup (not a tab) and returns its page. */
export async function openToolbarPopup(h: Harness): Promise<Page> {
  const worker = await serviceWorker(h);
  const before = new Set(h.browser.targets());
  const opened = h.browser.waitForTarget(
    (t) => !before.has(t) && t.url() === `${ORIGIN}/popup.html`,
    { timeout: 10_000 },
  );
  await worker.evaluate(() => chrome.action.openPopup());
  const page = await (await opened).asPage();
  await page.waitForSelector('h1');
  return page;
}

const ACCESS_LABELS = {
  moderator: 'I moderate my favorite channel',
  broadcaster: 'It is my own channel',
  sendChat: 'Send chat messages',
} as const;

/**
 * Signs in through the real toolbar popup and the simulator's consent page. The popup closes
 * when the Twitch window takes focus; the background finishes the sign-in.
 */
export async function signIn(
  h: Harness,
  login: string,
  access: Partial<Record<keyof typeof ACCESS_LABELS, boolean>> = {},
): Promise<void> {
  const popup = await openToolbarPopup(h);
  for (const [flag, label] of Object.entries(ACCESS_LABELS)) {
    if (access[flag as keyof typeof ACCESS_LABELS])
      await popup.locator(`::-p-text(${label})`).click();
  }
  const consentOpened = h.browser.waitForTarget(
    (t) => t.url().startsWith('https://id.twitch.tv/oauth2/authorize'),
    {
      timeout: 15_000,
    },
  );
  await popup.locator('::-p-aria(Log in with Twitch)').click();
  const consent = await (await consentOpened).asPage();
  await consent.locator(`button[data-login="${login}"]`).click();
  await waitFor(
    async () => (await storageGet<{ login: string }>(h, 'authSession'))?.login === login,
    `signed in as ${login}`,
  );
}

/** Types a favorite into the popup (opened in a tab) and submits it; returns the message shown. */
export async function setFavorite(
  h: Harness,
  input: string,
): Promise<{ ok: boolean; message: string }> {
  const page = await h.browser.newPage();
  try {
    await page.goto(`${ORIGIN}/popup.html`);
    const box = await page.waitForSelector('::-p-aria(Favorite streamer)');
    await box!.type(input);
    await page.keyboard.press('Enter');
    const result = await page.waitForSelector('[role="alert"], [role="status"]:not([aria-label])', {
      timeout: 15_000,
    });
    const message = (await result!.evaluate((el) => el.textContent)) ?? '';
    const ok = (await result!.evaluate((el) => el.getAttribute('role'))) === 'status';
    return { ok, message };
  } finally {
    await page.close();
  }
}

/**
 * A browser with the extension, signed in through the consent page (as `login`, with `access`),
 * `favorite` set, and listening: the starting point of most suites.
 */
export async function launchListening(
  options: {
    login?: string;
    access?: Parameters<typeof signIn>[2];
    favorite?: string;
    extensionDir?: string;
  } = {},
): Promise<Harness> {
  const h = await launch({ extensionDir: options.extensionDir });
  try {
    await signIn(h, options.login ?? 'demo_viewer', options.access);
    const favorite = await setFavorite(h, options.favorite ?? 'demo');
    if (!favorite.ok) throw new Error(`The favorite was refused: ${favorite.message}`);
    await waitForListening(h);
    return h;
  } catch (error) {
    await h.close();
    throw error;
  }
}
