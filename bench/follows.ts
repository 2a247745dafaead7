/**
 * The follows phases (`npm run bench -- --only follows`, and at the end of a full run): a user
 * who follows 2,000 channels, 500 of them live, with five favorites, in a browser of its own.
 *
 * - Helix requests per poll and per follows import, and points per minute, counted from the
 *   simulator's request log (every Helix call costs 1 point there, as most do on Twitch);
 * - popup time to interactive, and to Live now listing the 500 (the rows in view on screen);
 * - the five favorites' chat at 1,000 msg/s together, stored lines counted per channel;
 * - the extension's processes as the browser's task manager counts them (memory footprint =
 *   RssAnon + VmSwap of each process with `--extension-process`) and their CPU time over an idle
 *   window with the minute poll and the keepalives running, scaled to an hour.
 */
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { ChromiumDriver, ORIGIN } from '../browser/chromium';
import { startListening, storageGet, storageSet } from '../browser/extension';
import { waitFor } from '../browser/wait';
import { LOGIN, log, sized } from './options';
import { installPopupProbe } from './probes';
import { distribution, sleep } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

const FOLLOWS = 2_000;
export const LIVE = 500;
/** The five favorites whose chat runs together (all followed). */
const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo' },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin' },
  { id: '100011', login: 'speedrunsam', displayName: 'SpeedrunSam' },
  { id: '100012', login: 'cozycrafter', displayName: 'CozyCrafter' },
  { id: '100013', login: 'raidleader', displayName: 'RaidLeader' },
];
const CHAT_RATE = 1_000;
const CHAT_SECONDS = sized(30, 5, 2);
/** The idle window: a smoke run sees no minute poll in it, only that the processes are read. */
const IDLE_SECONDS = sized(300, 65, 5);

interface HelixCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

const calls = (h: ChromiumDriver): (HelixCall & { ms: number })[] =>
  (h.sim.control.helixCalls() as unknown as HelixCall[]).map((c) => ({
    ...c,
    ms: Date.parse(c.at),
  }));

interface LiveLike {
  fetchedAt: number;
  streams: unknown[];
}

/** The popup, opened `runs` times: interactive, and Live now listing all `rows` on screen. */
async function popupWithLive(h: ChromiumDriver, runs: number, rows: number, traceDir?: string) {
  const ready: number[] = [];
  const listed: number[] = [];
  // The driver's probe tab is a popup too (popup.html): with 503 live it would render Live now
  // on the same main thread as the popup measured, on every poll. A user has one popup open.
  await h.probe.page.goto('about:blank');
  for (let i = 0; i <= runs; i += 1) {
    const page = await h.newPage();
    await page.evaluateOnNewDocument(installPopupProbe);
    await page.evaluateOnNewDocument((expected: number) => {
      const w = window as any;
      const observer = new MutationObserver(() => {
        // Only the rows near the scroll box are in the document: each tells the list's length.
        const first = document.querySelector('ul[aria-label="Live now"] > li');
        const n = Number(first?.getAttribute('aria-setsize') ?? 0);
        if (n >= expected && w.__liveMs === undefined) {
          w.__liveMs = performance.now();
          observer.disconnect();
        }
      });
      const start = () => observer.observe(document, { childList: true, subtree: true });
      if (document.documentElement) start();
      else document.addEventListener('readystatechange', start, { once: true });
    }, rows);
    const tracing = traceDir !== undefined && i > 0;
    if (tracing) await page.tracing.start({ path: path.join(traceDir, `popup-${i}.json`) });
    await page.goto(`${ORIGIN}/popup.html`);
    const readyMs = await waitFor(
      () => page.evaluate(() => (window as any).__bench?.readyMs as number | undefined),
      'the popup to be interactive',
    );
    const liveMs = await waitFor(
      () => page.evaluate(() => (window as any).__liveMs as number | undefined),
      `the popup to list ${rows} live channels`,
    );
    if (tracing) await page.tracing.stop();
    if (i > 0) {
      ready.push(readyMs);
      listed.push(liveMs);
    }
    await page.close();
  }
  await h.probe.page.goto(`${ORIGIN}/popup.html`);
  return { interactive: distribution(ready), liveListed: distribution(listed), rows };
}

/** Chat lines stored per channel since `since` (epoch ms), from the batch keys alone. */
function storedLines(probe: Page, since: number): Promise<Record<string, number>> {
  return probe.evaluate(async (from: number) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('companion-for-twitch');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const r = db.transaction('chatBatches').objectStore('chatBatches').getAllKeys();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    const counts: Record<string, number> = {};
    for (const [channelId, receivedAt, count] of keys as [string, number, number][])
      if (receivedAt >= from) counts[channelId] = (counts[channelId] ?? 0) + count;
    return counts;
  }, since);
}

async function chatTogether(h: ChromiumDriver, probe: Page) {
  const since = Date.now();
  const report = await h.sim.control.firehose({
    channels: FAVORITES.map((f) => f.login),
    rate: CHAT_RATE,
    durationMs: CHAT_SECONDS * 1000,
    wait: true,
  });
  const sent = report.byChannel;
  const expected = (stored: Record<string, number>) =>
    FAVORITES.every((f) => (stored[f.id] ?? 0) >= (sent[f.login] ?? 0));
  let stored = await storedLines(probe, since);
  // Until everything is stored, or nothing more arrives for 15 s.
  let last = -1;
  let lastChange = Date.now();
  while (!expected(stored) && Date.now() - lastChange < 15_000) {
    await sleep(500);
    stored = await storedLines(probe, since);
    const total = Object.values(stored).reduce((a, b) => a + b, 0);
    if (total !== last) {
      last = total;
      lastChange = Date.now();
    }
  }
  const perChannel = FAVORITES.map((f) => ({
    login: f.login,
    sent: sent[f.login] ?? 0,
    stored: stored[f.id] ?? 0,
  }));
  return {
    rate: CHAT_RATE,
    seconds: CHAT_SECONDS,
    sent: report.sent,
    simulatorElapsedMs: report.elapsedMs,
    perChannel,
    zeroLoss: perChannel.every((c) => c.sent === c.stored && c.sent > 0),
  };
}

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

interface ProcessSample {
  pid: number;
  /** Chrome's task manager "Memory footprint" on Linux: private anonymous memory plus swap. */
  footprintMB: number;
  rssMB: number;
  cpuMs: number;
}

/** Every process below `root`, with its command line. */
function descendants(root: number): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
      if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(below).flatMap((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return [{ pid, cmdline }];
    } catch {
      return [];
    }
  });
}

function sample(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    pid,
    footprintMB: round((kb('RssAnon') + kb('VmSwap')) / 1024),
    rssMB: round(kb('VmRSS') / 1024),
    cpuMs: Math.round((ticks * 1000) / CLOCK_TICKS),
  };
}

/** The extension's renderer processes (Chrome starts them with `--extension-process`). */
function extensionProcesses(h: ChromiumDriver): number[] {
  const root = h.browser.process()?.pid;
  if (!root) throw new Error('No browser process');
  return descendants(root)
    .filter((p) => p.cmdline.includes('--extension-process'))
    .map((p) => p.pid);
}

/** What runs in each extension process, as far as the browser's targets tell. */
async function extensionTargets(h: ChromiumDriver): Promise<string[]> {
  return h.browser
    .targets()
    .filter((t) => t.url().startsWith(ORIGIN))
    .map((t) => `${t.type()} ${new URL(t.url()).pathname}`);
}

/**
 * Idle: no extension page open (the observer page leaves), only the service worker, the offscreen
 * document and its listener worker. CPU time of the extension processes over the window, with the
 * Helix calls made meanwhile (the minute poll).
 */
async function idle(h: ChromiumDriver, seconds: number) {
  for (const page of await h.browser.pages())
    if (page.url().startsWith(ORIGIN)) await page.goto('about:blank');
  await sleep(5_000); // the pages' processes settle
  const pids = extensionProcesses(h);
  const targets = await extensionTargets(h);
  const before = pids.map(sample);
  const from = Date.now();
  await sleep(seconds * 1000);
  const to = Date.now();
  const after = pids.map(sample);
  const log = calls(h).filter((c) => c.ms >= from && c.ms < to);
  const cpuMs = after.reduce((n, s, i) => n + s.cpuMs - before[i]!.cpuMs, 0);
  return {
    seconds: Math.round((to - from) / 1000),
    targets,
    processes: after.map((s, i) => ({ ...s, cpuMsInWindow: s.cpuMs - before[i]!.cpuMs })),
    footprintMB: Math.round(after.reduce((n, s) => n + s.footprintMB, 0) * 10) / 10,
    cpuMs,
    cpuSecondsPerHour: Math.round(((cpuMs / (to - from)) * 3_600_000) / 100) / 10,
    helixCalls: log.length,
    helixPerMinute: Math.round((log.length / (to - from)) * 60_000 * 10) / 10,
  };
}

/** The Helix calls of each poll: those from one poll's start to the next's. */
function perPoll(log: ReturnType<typeof calls>, starts: number[]) {
  return starts.slice(0, -1).map((start, i) => {
    const mine = log.filter((c) => c.ms >= start && c.ms < starts[i + 1]!);
    return {
      followedStreams: mine.filter((c) => c.path === '/streams/followed').length,
      streamsById: mine.filter((c) => c.path === '/streams').length,
      users: mine.filter((c) => c.path === '/users').length,
      total: mine.length,
    };
  });
}

/** The most Helix calls in any 60 s window of the log. */
function peakPerMinute(log: ReturnType<typeof calls>): number {
  let peak = 0;
  for (let i = 0, j = 0; i < log.length; i += 1) {
    while (log[i]!.ms - log[j]!.ms >= 60_000) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/**
 * Signs in a user who follows FOLLOWS channels, LIVE of them live, with the five favorites, and
 * waits for the import and the first poll: the number of live follows, and the import's requests.
 */
async function followingUser(h: ChromiumDriver) {
  const population = h.sim.control.populate({ count: FOLLOWS, live: LIVE });
  const follows = h.sim.control.setFollows({ login: LOGIN, count: FOLLOWS });
  log(`follows: ${JSON.stringify({ population, follows })}`);
  h.sim.control.clearLogs();
  await startListening(h, { login: LOGIN });
  await storageSet(h, { favorites: FAVORITES.map((f, i) => ({ ...f, addedAt: i + 1 })) }, 'sync');

  // The import at sign-in, then the first poll.
  await waitFor(
    async () =>
      (await storageGet<{ channels: unknown[] }>(h, 'follows'))?.channels.length === FOLLOWS,
    `the ${FOLLOWS} follows to be imported`,
    60_000,
  );
  const live = await waitFor(async () => {
    const state = await storageGet<LiveLike>(h, 'liveStreams');
    return state && state.streams.length >= follows.live ? state : undefined;
  }, `the ${follows.live} live follows to be listed`);
  return { follows, live: live.streams.length };
}

/**
 * The popup opens alone (`--only popup`, about a minute): for trying a change to the popup. With
 * `traceDir`, each counted open is traced (Chrome's trace, for the Performance panel) into it.
 */
export async function popupPhase(
  extensionDir: string,
  runs: number,
  traceDir?: string,
): Promise<Record<string, any>> {
  const loadStart = loadavg()[0];
  const h = await ChromiumDriver.launch({ extensionDir });
  try {
    const { follows, live } = await followingUser(h);
    const popup = await popupWithLive(h, runs, live, traceDir);
    log(`popup with ${live} live: ${JSON.stringify(popup)}`);
    return {
      loadAverage: { start: loadStart, end: loadavg()[0] },
      follows: follows.follows,
      live,
      popup,
    };
  } finally {
    await h.close();
  }
}

export async function followsPhases(extensionDir: string): Promise<Record<string, any>> {
  const loadStart = loadavg()[0];
  const h = await ChromiumDriver.launch({ extensionDir });
  try {
    const signInAt = Date.now();
    const { follows, live } = await followingUser(h);
    const importCalls = calls(h).filter((c) => c.path === '/channels/followed');
    log(`import: ${importCalls.length} pages; ${live} live`);

    const popup = await popupWithLive(h, sized(20, 3, 1), live);
    log(`popup with ${live} live: ${JSON.stringify(popup)}`);

    // The five favorites' chat together.
    await waitFor(async () => {
      const status = await storageGet<{
        state: string;
        subscriptions: { id: string; channelId?: string; status: string }[];
      }>(h, 'listenerStatus');
      const chat = status?.subscriptions.filter(
        (s) => s.id === 'channel.chat.message' && s.status === 'active',
      );
      return status?.state === 'connected' && chat?.length === FAVORITES.length;
    }, 'chat of the five favorites');
    const chat = await chatTogether(h, h.probe.page);
    log(`chat: ${JSON.stringify(chat)}`);

    const idleStart = Date.now();
    const quiet = await idle(h, IDLE_SECONDS);
    log(`idle: ${JSON.stringify(quiet)}`);
    // Each poll's calls: the polls of the idle window (the popup opens poll too, not counted).
    const log2 = calls(h);
    const starts = log2
      .filter((c) => c.ms >= idleStart && c.path === '/streams/followed')
      .map((c) => c.ms)
      .filter((ms, i, all) => i === 0 || ms - all[i - 1]! > 5_000);
    const polls = perPoll(log2, [...starts, Date.now()]);
    return {
      /** The machine is shared: its 1-minute load average when the phases began and ended. */
      loadAverage: { start: loadStart, end: loadavg()[0] },
      follows: follows.follows,
      live,
      importRequests: importCalls.length,
      polls,
      peakPerMinuteFromSignIn: peakPerMinute(log2.filter((c) => c.ms >= signInAt)),
      popup,
      chat,
      idle: quiet,
    };
  } finally {
    await h.close();
  }
}
