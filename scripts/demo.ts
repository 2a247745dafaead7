/**
 * `npm start`: build the extension for the demo client id, start the Twitch simulator with the
 * lively 'demo' world and open Chromium (headful) with the extension loaded in a throwaway profile.
 *
 *   npm start                      build, simulate, open the browser
 *   npm start -- --no-browser      build and simulate; print the Chromium flags
 *   npm start -- --headless        the same in headless Chromium (CI smoke runs)
 *   npm start -- --no-build        reuse .output/chrome-mv3
 *   npm start -- --port 8443       fixed simulator port
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'puppeteer';
import { startSimulator } from '../simulator/index.js';
import type { Simulator } from '../simulator/index.js';
import { clearState, writeState } from '../simulator/state.js';
import { DEMO_CLIENT_ID } from '../simulator/tokens.js';

const EXTENSION_ID = 'mopegfohpfbpglfngjfcfogemppmfpeo';
const OUTPUT = resolve('.output/chrome-mv3');

/** The command line, or a one-line error for a flag it does not know. */
function readFlags() {
  try {
    return parseArgs({
      options: {
        browser: { type: 'boolean', default: true },
        headless: { type: 'boolean', default: false },
        build: { type: 'boolean', default: true },
        port: { type: 'string', default: '0' },
        log: { type: 'boolean', default: false },
      },
      allowNegative: true,
    }).values;
  } catch (e) {
    console.error(`npm start: ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
}
const flags = readFlags();
const wantBrowser = flags.browser;
const headless = flags.headless;
const build = flags.build;

function step(msg: string): void {
  console.log(`\n▶ ${msg}`);
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** CHROMIUM_PATH, chromium, chromium-browser, Chrome for Testing (puppeteer cache), google-chrome-for-testing. */
export function findBrowser(): { path?: string; note?: string } {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? { path: env } : { note: `CHROMIUM_PATH=${env} does not exist` };
  for (const name of ['chromium', 'chromium-browser']) {
    const p = onPath(name);
    if (p) return { path: p };
  }
  const cache = join(homedir(), '.cache', 'puppeteer', 'chrome');
  if (existsSync(cache)) {
    for (const version of readdirSync(cache).sort().reverse()) {
      const p = join(cache, version, 'chrome-linux64', 'chrome');
      if (existsSync(p)) return { path: p };
    }
  }
  const cft = onPath('google-chrome-for-testing');
  if (cft) return { path: cft };
  const branded = onPath('google-chrome') ?? onPath('google-chrome-stable');
  return {
    note: branded
      ? `only branded Google Chrome was found (${branded}); it ignores extensions loaded from the command line. Install Chromium or Chrome for Testing, or set CHROMIUM_PATH.`
      : 'no Chromium found: install Chromium or Chrome for Testing, or set CHROMIUM_PATH.',
  };
}

function buildExtension(): void {
  step(`Building the extension (WXT_TWITCH_CLIENT_ID=${DEMO_CLIENT_ID} npx wxt build)`);
  const res = spawnSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, WXT_TWITCH_CLIENT_ID: DEMO_CLIENT_ID },
  });
  if (res.status !== 0) throw new Error(`the extension build failed (exit ${String(res.status)})`);
}

async function openBrowser(
  sim: Simulator,
  executablePath: string,
  profile: string,
): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    pipe: true,
    enableExtensions: [OUTPUT],
    userDataDir: profile,
    defaultViewport: null,
    args: [
      ...sim.chromiumArgs,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(headless ? ['--disable-gpu'] : []),
    ],
  });
  const sw = await browser.waitForTarget(
    (t) =>
      t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
    { timeout: 15_000 },
  );
  const popupUrl = `chrome-extension://${EXTENSION_ID}/popup.html`;
  const [first] = await browser.pages();
  const page = first ?? (await browser.newPage());
  await page.goto(popupUrl);
  // Also try the real toolbar popup (needs a focused window; not fatal if refused).
  try {
    const worker = await sw.worker();
    await worker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }
      ).chrome.action.openPopup(),
    );
    console.log('  opened the toolbar popup and the popup page in a tab');
  } catch {
    console.log(`  opened ${popupUrl} in a tab (click the toolbar icon for the real popup)`);
  }
  return browser;
}

async function main(): Promise<void> {
  let sim: Simulator | undefined;
  let browser: Browser | undefined;
  let profile: string | undefined;
  let stopping: Promise<never> | undefined;
  const stop = (code = 0): Promise<never> =>
    (stopping ??= (async () => {
      console.log('\nStopping…');
      const b = browser;
      browser = undefined;
      const within = (p: Promise<unknown> | undefined, ms: number) =>
        Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
      await within(b?.close(), 5000);
      if (b?.connected) b.process()?.kill('SIGKILL');
      await within(sim?.close(), 3000);
      clearState();
      if (profile) rmSync(profile, { recursive: true, force: true });
      process.exit(code);
    })());
  // Whatever happens, the throwaway profile goes.
  process.on('exit', () => {
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    if (build) buildExtension();
    if (!existsSync(join(OUTPUT, 'manifest.json')))
      throw new Error(`no built extension in ${OUTPUT}`);

    step('Starting the Twitch simulator (demo world)');
    sim = await startSimulator({ port: Number(flags.port), world: 'demo', log: flags.log });
    writeState(sim);
    console.log(`  https://127.0.0.1:${sim.port}   SPKI ${sim.spki}`);
    console.log('  accounts: demo (broadcaster), demo_mod (moderator), demo_viewer (viewer)');
    console.log(
      '  control:  npm run sim -- trigger channel.raid --to demo   (see simulator/README.md)',
    );

    if (!wantBrowser) {
      step('Chromium flags (no browser started)');
      console.log(`  --load-extension=${OUTPUT}`);
      console.log(`  --disable-extensions-except=${OUTPUT}`);
      for (const a of sim.chromiumArgs) console.log(`  '${a}'`);
    } else {
      const found = findBrowser();
      if (!found.path) throw new Error(found.note ?? 'no browser found');
      profile = mkdtempSync(join(tmpdir(), 'companion-demo-'));
      step(
        `Opening ${headless ? 'headless ' : ''}Chromium (${found.path}) with the extension, profile ${profile}`,
      );
      browser = await openBrowser(sim, found.path, profile);
      browser.on('disconnected', () => {
        if (stopping) return;
        browser = undefined;
        console.log('\nThe browser was closed.');
        void stop(0);
      });
    }
    console.log('\nPress Ctrl+C to stop');
  } catch (e) {
    console.error(`\n✖ ${(e as Error).message}`);
    await stop(1);
  }
}

void main();
