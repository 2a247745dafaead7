/**
 * `npm run bench`: measures the built extension (.output/chrome-mv3, from `npm run build:demo`)
 * in headless Chromium against the local Twitch simulator, prints a table and writes it as JSON
 * (bench-results/latest.json and a dated copy).
 *
 * Everything is observed from outside the bundle: send times from the simulator's log, commit
 * times by reading IndexedDB from another extension page, page times with a MutationObserver in
 * the streamer page, heaps over the DevTools protocol. See docs/benchmarks.md.
 *
 * Options: --quick (short runs, for trying the runner), --rates 3000,5000,7000,
 * --ingest-seconds 60, --out <file>, --only-ingest (only the ingest runs), --no-page (no streamer
 * page open while ingesting).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'puppeteer';
import {
  EXTENSION_DIR,
  ORIGIN,
  launchListening,
  offscreenTarget,
  freshFavoritePicture,
  waitFor,
  type Harness,
} from '../browser/harness';
import { BURST_WINDOW_MS } from '../lib/notifications';
import {
  COMMIT_PROBE_WORKER,
  commitProbeWorker,
  installCommitProbe,
  installPopupProbe,
  installStreamerProbe,
} from './probes';
import { distribution, kb, mb, sleep, type Distribution } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rates: { type: 'string', default: '3000,5000,7000' },
    'ingest-seconds': { type: 'string' },
    out: { type: 'string' },
    page: { type: 'boolean', default: true },
    'only-ingest': { type: 'boolean', default: false },
  },
  allowNegative: true,
});
const QUICK = options.quick;
const NO_PAGE = !options.page;
const RATES = options.rates.split(',').map(Number);
const INGEST_SECONDS = Number(options['ingest-seconds'] ?? (QUICK ? 10 : 60));
const LOAD_MESSAGES = QUICK ? 20_000 : 100_000;
const CHANNEL_ID = '100001'; // demo
const LOGIN = 'demo_viewer';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** tsx keeps function names with a `__name` helper that a page does not have. */
const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

// ------------------------------------------------------------------ machine and bundle

function sh(cmd: string, cmdArgs: string[]): string {
  try {
    return execFileSync(cmd, cmdArgs, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const lscpu = sh('lscpu', []);
  const model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpus: Number(sh('nproc', [])) || os.cpus().length,
    cpuModel: model,
    memory: /Mem:\s+(\S+)/.exec(sh('free', ['-h']))?.[1] ?? `${mb(os.totalmem())} MiB`,
    os: `${os.type()} ${os.release()}`,
    chromium:
      sh(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'])
        .split('\n')
        .pop() ?? '',
    node: process.version,
  };
}

interface BundleRow {
  page: string;
  files: number;
  rawKB: number;
  gzipKB: number;
}

/** Per page: the HTML and every script and stylesheet it loads (plus the worker for offscreen). */
function bundleSizes(dir: string): BundleRow[] {
  const rows: BundleRow[] = [];
  const size = (files: string[]) => {
    let raw = 0;
    let gz = 0;
    for (const file of files) {
      const data = readFileSync(path.join(dir, file));
      raw += data.length;
      gz += gzipSync(data, { level: 9 }).length;
    }
    return { files: files.length, rawKB: kb(raw), gzipKB: kb(gz) };
  };
  for (const html of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(path.join(dir, html), 'utf8');
    const refs = [...text.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const files = [html, ...new Set(refs)];
    if (html === 'offscreen.html') {
      files.push(
        ...readdirSync(path.join(dir, 'assets'))
          .filter((f) => f.startsWith('listener-worker'))
          .map((f) => `assets/${f}`),
      );
    }
    rows.push({ page: html.replace('.html', ''), ...size(files) });
  }
  rows.push({ page: 'background (service worker)', ...size(['background.js']) });
  const all = (sub: string): string[] =>
    readdirSync(path.join(dir, sub)).flatMap((f) => {
      const rel = path.join(sub, f);
      return statSync(path.join(dir, rel)).isDirectory() ? all(rel) : [rel];
    });
  rows.push({
    page: 'whole extension (all files)',
    ...size(all('.').map((f) => f.replace(/^\.\//, ''))),
  });
  return rows;
}

// ------------------------------------------------------------------ browser helpers

async function pageTimes(page: Page, ids: string[]): Promise<(number | null)[]> {
  return page.evaluate((list: string[]) => {
    const seen = (window as any).__bench.seen as Map<string, number>;
    return list.map((id) => seen.get(id) ?? null);
  }, ids);
}

async function commitTimes(probe: Page, ids: string[]): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (let i = 0; i < ids.length; i += 50_000) {
    const part = await probe.evaluate(
      (list: string[]) =>
        (window as any).__commits.ask('times', list) as Promise<(number | null)[]>,
      ids.slice(i, i + 50_000),
    );
    out.push(...part);
  }
  return out;
}

async function countCommitted(probe: Page, ids: string[]): Promise<number> {
  return (await commitTimes(probe, ids)).filter((t) => t !== null).length;
}

async function resetObservers(probe: Page, streamer: Page): Promise<void> {
  await probe.evaluate(() => (window as any).__commits.ask('clear'));
  if (NO_PAGE) return;
  await streamer.evaluate(() => {
    (window as any).__bench.seen.clear();
    (window as any).__bench.longTasks.length = 0;
  });
}

async function longTasks(streamer: Page): Promise<{ count: number; over50: number; max: number }> {
  if (NO_PAGE) return { count: 0, over50: 0, max: 0 };
  return streamer.evaluate(() => {
    const tasks = (window as any).__bench.longTasks as { duration: number }[];
    return {
      count: tasks.length,
      over50: tasks.filter((t) => t.duration > 50).length,
      max: Math.round(tasks.reduce((m, t) => Math.max(m, t.duration), 0)),
    };
  });
}

/** Collects the simulator's send log as it goes (it keeps the latest 20,000 frames and not many more). */
function sendCollector(h: Harness) {
  const sent = new Map<string, number>();
  let since = Date.now();
  const poll = () => {
    for (const r of h.sim.control.notifications({ messageType: 'notification', since })) {
      const id = r.messageId as string;
      if (!sent.has(id)) sent.set(id, r.at as number);
      since = Math.max(since, r.at as number);
    }
  };
  const timer = setInterval(poll, 200);
  return {
    sent,
    stop() {
      clearInterval(timer);
      poll();
      return sent;
    },
  };
}

interface LatencyResult {
  messages: number;
  stored: number;
  shown?: number;
  frameToCommit?: Distribution;
  frameToPage?: Distribution;
}

/** Waits until every id is committed (or progress stops for `stallMs`). */
async function drain(probe: Page, ids: string[], stallMs = 10_000): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const n = await countCommitted(probe, ids);
    if (n === ids.length) return n;
    if (n !== last) {
      last = n;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) return n;
    await sleep(250);
  }
}

async function latencies(
  probe: Page,
  streamer: Page | undefined,
  sent: Map<string, number>,
): Promise<LatencyResult> {
  const ids = [...sent.keys()];
  const stored = await drain(probe, ids);
  const commits = await commitTimes(probe, ids);
  const toCommit = ids.flatMap((id, i) => (commits[i] ? [commits[i]! - sent.get(id)!] : []));
  const result: LatencyResult = {
    messages: ids.length,
    stored,
    frameToCommit: distribution(toCommit),
  };
  if (streamer) {
    await sleep(1_000); // the page's throttled render
    const shownAt = await pageTimes(streamer, ids);
    const toPage = ids.flatMap((id, i) => (shownAt[i] ? [shownAt[i]! - sent.get(id)!] : []));
    result.shown = toPage.length;
    result.frameToPage = distribution(toPage);
  }
  return result;
}

async function heap(session: CDPSession) {
  const before = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const after = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { usedMB: mb(before.usedSize), afterGcMB: mb(after.usedSize) };
}

async function databaseSize(probe: Page) {
  return probe.evaluate(async () => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
      usageDetails?: Record<string, number>;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('companion-for-twitch');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys = (store: string) =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAllKeys();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    // A chat batch's key is [channelId, receivedAt, line count].
    const batchKeys = (await keys('chatBatches')) as [string, number, number][];
    const result = {
      usage: estimate.usage ?? 0,
      indexedDB: estimate.usageDetails?.indexedDB ?? null,
      chatLines: batchKeys.reduce((sum, key) => sum + key[2], 0),
      chatBatches: batchKeys.length,
      eventRows: (await keys('events')).length,
    };
    db.close();
    return result;
  });
}

// ------------------------------------------------------------------ phases

async function popupTti(h: Harness, runs: number): Promise<Distribution | undefined> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const page = await h.browser.newPage();
    await page.evaluateOnNewDocument(NAME_SHIM);
    await page.evaluateOnNewDocument(installPopupProbe);
    await page.goto(`${ORIGIN}/popup.html`);
    const ms = await waitFor(
      () => page.evaluate(() => (window as any).__bench?.readyMs as number | undefined),
      'the popup to be interactive',
    );
    if (i > 0) times.push(ms); // the first load warms the browser's caches
    await page.close();
  }
  return distribution(times);
}

async function openStreamer(h: Harness): Promise<{ page: Page; readyMs: number }> {
  const page = await h.browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  await page.evaluateOnNewDocument(NAME_SHIM);
  await page.evaluateOnNewDocument(installStreamerProbe);
  await page.goto(`${ORIGIN}/streamer.html`);
  const readyMs = await waitFor(
    () => page.evaluate(() => (window as any).__bench?.readyMs as number | undefined),
    'the streamer page to be interactive',
  );
  // "Side by side" (the default) shows the recorded chat; make sure it is on.
  await page.waitForSelector('[data-testid="chat-scroll"]');
  return { page, readyMs };
}

async function streamerTti(h: Harness, runs: number) {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const { page, readyMs } = await openStreamer(h);
    if (i > 0) times.push(readyMs);
    await page.close();
  }
  return distribution(times);
}

async function idleLatency(h: Harness, probe: Page, streamer: Page, count: number) {
  await resetObservers(probe, streamer);
  const collect = sendCollector(h);
  for (let i = 0; i < count; i += 1) {
    h.sim.control.trigger({ type: 'channel.chat.message' });
    await sleep(100);
  }
  return latencies(probe, streamer, collect.stop());
}

async function notificationLatency(h: Harness, probe: Page, count: number) {
  const values: number[] = [];
  let missing = 0;
  await probe.evaluate(() => (window as any).__commits.watchNotifications(true));
  for (let i = 0; i < count; i += 1) {
    const result = h.sim.control.trigger({ type: 'stream.online' });
    const messageId = result.delivered[0]?.messageId;
    const sentAt = h.sim.control
      .notifications({ type: 'stream.online', limit: 1 })
      .find((r) => r.messageId === messageId)?.at as number | undefined;
    if (!messageId || !sentAt) throw new Error('stream.online was not delivered');
    try {
      const shownAt = await waitFor(
        () =>
          probe.evaluate(
            (id: string) => (window as any).__commits.notifications.get(`event:${id}`) as number,
            messageId,
          ),
        'the notification',
        5_000,
        20,
      );
      values.push(shownAt - sentAt);
    } catch {
      missing += 1;
    }
    // Notifications of one kind within 10 s count up in one burst notification
    // (lib/notifications.ts BURST_WINDOW_MS): each sample is a go-live of its own.
    await sleep(BURST_WINDOW_MS + 500);
  }
  await probe.evaluate(() => (window as any).__commits.watchNotifications(false));
  return { ...distribution(values), missing };
}

async function firehoseLatency(
  h: Harness,
  probe: Page,
  streamer: Page,
  rate: number,
  count: number,
) {
  await resetObservers(probe, streamer);
  const collect = sendCollector(h);
  const report = await h.sim.control.firehose({ rate, count, wait: true });
  const sent = collect.stop();
  const result = await latencies(probe, streamer, sent);
  return {
    rate,
    sentBySimulator: report.sent,
    elapsedMs: report.elapsedMs,
    ...result,
    longTasks: await longTasks(streamer),
  };
}

async function memory(h: Harness, streamer: Page) {
  const target = await offscreenTarget(h);
  if (!target) throw new Error('No offscreen document');
  const offscreenPage = await target.asPage();
  const docSession = await target.createCDPSession();
  const offscreen = await heap(docSession);
  const workers = offscreenPage.workers();
  const worker = workers.find((w) => w.url().includes('listener-worker')) ?? workers[0];
  const workerHeap = worker ? await heap((worker as any).client as CDPSession) : undefined;
  const streamerSession = await streamer.createCDPSession();
  const page = await heap(streamerSession);
  await docSession.detach().catch(() => undefined);
  await streamerSession.detach().catch(() => undefined);
  return { offscreenDocument: offscreen, listenerWorker: workerHeap, streamerPage: page };
}

/** Waits until nothing has been committed for `quietMs` (a previous run's backlog is done). */
async function quiesce(probe: Page, quietMs = 3_000, timeoutMs = 180_000): Promise<void> {
  const total = () =>
    probe.evaluate(() => (window as any).__commits.ask('total') as Promise<number>);
  const deadline = Date.now() + timeoutMs;
  let last = await total();
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await sleep(500);
    const now = await total();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

async function ingest(h: Harness, probe: Page, streamer: Page, rate: number, seconds: number) {
  await quiesce(probe);
  await resetObservers(probe, streamer);
  // Commit times to 100 ms are enough here; the observer's own reads are kept light.
  await probe.evaluate(() => (window as any).__commits.ask('minGap', 100));
  const socketBefore = h.sim.control.sockets({ login: LOGIN, state: 'connected' })[0]?.id;
  const collect = sendCollector(h);
  const report = await h.sim.control.firehose({ rate, durationMs: seconds * 1000, wait: true });
  const sent = collect.stop();
  const ids = [...sent.keys()];
  const stored = await drain(probe, ids, 15_000);
  const commits = await commitTimes(probe, ids);
  const toCommit = ids.flatMap((id, i) => (commits[i] ? [commits[i]! - sent.get(id)!] : []));
  let lastSent = 0;
  for (const at of sent.values()) lastSent = Math.max(lastSent, at);
  const lastCommit = commits.reduce<number>((max, c) => Math.max(max, c ?? 0), 0);
  const socketAfter = h.sim.control.sockets({ login: LOGIN, state: 'connected' })[0]?.id;
  const frameToCommit = distribution(toCommit);
  const expected = rate * seconds;
  const checks = {
    simulatorKeptRate: report.sent === expected && report.elapsedMs < seconds * 1000 + 1_000,
    logComplete: ids.length === report.sent,
    zeroLoss: stored === ids.length,
    // Keeping up, not buffering: no message waited a second, none two.
    keptUp: Boolean(frameToCommit && frameToCommit.p99 < 1_000 && frameToCommit.max < 2_000),
    sameSocket: Boolean(socketBefore) && socketBefore === socketAfter,
  };
  return {
    rate,
    seconds,
    sent: report.sent,
    simulatorElapsedMs: report.elapsedMs,
    stored,
    // Not seen committed when the runner stopped waiting (15 s without progress).
    missing: ids.length - stored,
    drainMs: Math.max(0, Math.round(lastCommit - lastSent)),
    frameToCommit,
    longTasks: await longTasks(streamer),
    checks,
    pass: Object.values(checks).every(Boolean),
  };
}

// ------------------------------------------------------------------ output

function fmt(d: Distribution | undefined): string {
  return d ? `${d.p50} / ${d.p95} / ${d.p99} ms (n=${d.n})` : 'n/a';
}

function printTable(rows: [string, string, string][]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    process.stderr.write(
      `No build at ${EXTENSION_DIR}. The benchmark measures the demo build: run \`npm run build:demo\` first.\n`,
    );
    process.exit(1);
  }
  const started = Date.now();
  // A private copy of the build: a rebuild while the benchmark runs must not change what it measures.
  const snapshot = mkdtempSync(path.join(os.tmpdir(), 'companion-bench-'));
  cpSync(EXTENSION_DIR, snapshot, { recursive: true });
  const results: Record<string, any> = {
    date: new Date().toISOString(),
    quick: QUICK,
    machine: machine(),
    bundles: bundleSizes(snapshot),
  };
  log(`Machine: ${JSON.stringify(results.machine)}`);
  // The commit probe's worker, in this copy only (same origin as the database).
  writeFileSync(
    path.join(snapshot, COMMIT_PROBE_WORKER),
    `${NAME_SHIM}\n(${commitProbeWorker.toString()})();\n`,
  );

  const h = await launchListening({ login: LOGIN, extensionDir: snapshot }).catch((error) => {
    rmSync(snapshot, { recursive: true, force: true });
    throw error;
  });
  try {
    log('Signed in, listening to demo.');

    results.popupInteractive = await popupTti(h, 10);
    log(`popup interactive: ${JSON.stringify(results.popupInteractive)}`);
    results.streamerInteractive = await streamerTti(h, 5);
    log(`streamer interactive: ${JSON.stringify(results.streamerInteractive)}`);

    const { page: streamer } = await openStreamer(h);
    const probe = await h.browser.newPage();
    await probe.goto(`${ORIGIN}/popup.html`);
    await probe.evaluate(NAME_SHIM);
    await probe.evaluate(installCommitProbe, CHANNEL_ID, `/${COMMIT_PROBE_WORKER}`);

    if (options['only-ingest']) {
      if (NO_PAGE) await streamer.goto('about:blank');
      for (const rate of RATES)
        log(JSON.stringify(await ingest(h, probe, streamer, rate, INGEST_SECONDS)));
      return;
    }
    results.idle = await idleLatency(h, probe, streamer, QUICK ? 30 : 100);
    log(`idle: ${JSON.stringify(results.idle)}`);
    results.notification = await notificationLatency(h, probe, QUICK ? 3 : 8);
    log(`notification: ${JSON.stringify(results.notification)}`);
    // The image CDN never answers, and the favorite's picture is not at hand: notifications
    // must not wait for it.
    h.sim.control.configure({ cdnFault: 'hang' });
    await freshFavoritePicture(h);
    results.notificationCdnHanging = await notificationLatency(h, probe, QUICK ? 3 : 8);
    h.sim.control.configure({ cdnFault: 'none' });
    log(`notification, CDN hanging: ${JSON.stringify(results.notificationCdnHanging)}`);
    results.firehose200 = await firehoseLatency(h, probe, streamer, 200, QUICK ? 1_000 : 4_000);
    log(`200/s: ${JSON.stringify(results.firehose200)}`);
    results.firehose1000 = await firehoseLatency(h, probe, streamer, 1_000, LOAD_MESSAGES);
    log(`1000/s: ${JSON.stringify(results.firehose1000)}`);

    // After the load: heaps and the database, once retention has had its say.
    const limit = 20_000;
    const boundedWithin = Date.now();
    await waitFor(
      // Retention keeps whole batches holding at least the limit, pruning after every tenth of it.
      async () => (await databaseSize(probe)).chatLines <= limit * 1.1,
      'retention to bound the chat table',
      QUICK ? 5_000 : 75_000,
      1_000,
    ).catch(() => undefined);
    results.afterLoad = {
      messages: LOAD_MESSAGES,
      heap: await memory(h, streamer),
      database: await databaseSize(probe),
      retentionChatPerChannel: limit,
      waitedForRetentionMs: Date.now() - boundedWithin,
    };
    log(`after ${LOAD_MESSAGES}: ${JSON.stringify(results.afterLoad)}`);

    results.ingest = [];
    const tryRate = async (rate: number) => {
      const run = await ingest(h, probe, streamer, rate, INGEST_SECONDS);
      results.ingest.push(run);
      log(`ingest ${rate}/s: ${JSON.stringify(run)}`);
      await sleep(3_000);
      return run.pass;
    };
    let anyPassed = false;
    for (const rate of RATES) {
      if (!(await tryRate(rate))) break;
      anyPassed = true;
    }
    // Below the first rate tried: one step down, so the result is a rate, not just "less".
    if (!anyPassed) await tryRate(Math.round(RATES[0]! / 2 / 500) * 500 || 500);
    const passed = (results.ingest as { rate: number; pass: boolean }[]).filter((r) => r.pass);
    results.sustainedRate = passed.length ? Math.max(...passed.map((r) => r.rate)) : 0;
    results.databaseAfterIngest = await databaseSize(probe);
  } finally {
    await h.close();
    rmSync(snapshot, { recursive: true, force: true });
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);

  const r = results;
  const b = (name: string) => r.bundles.find((x: BundleRow) => x.page === name) as BundleRow;
  const rows: [string, string, string][] = [
    ['measure', 'result', 'target'],
    [
      'ingest: highest sustained rate, zero loss',
      `${r.sustainedRate.toLocaleString('en-US')} msg/s for ${INGEST_SECONDS} s`,
      '≥ 5,000/s for 60 s',
    ],
    ...(r.ingest as any[]).map((run): [string, string, string] => [
      `  ${run.rate}/s for ${run.seconds} s`,
      `${run.pass ? 'pass' : 'FAIL'}: missing ${run.missing}/${run.sent}, commit ${fmt(run.frameToCommit)}, max ${run.frameToCommit?.max ?? '-'} ms`,
      '',
    ]),
    ['frame→commit, idle (p50/p95/p99)', fmt(r.idle.frameToCommit), ''],
    ['frame→page, idle', fmt(r.idle.frameToPage), ''],
    ['frame→commit, 200/s', fmt(r.firehose200.frameToCommit), ''],
    ['frame→page, 200/s', fmt(r.firehose200.frameToPage), 'p95 < 50 ms'],
    ['frame→commit, 1,000/s', fmt(r.firehose1000.frameToCommit), ''],
    ['frame→page, 1,000/s', fmt(r.firehose1000.frameToPage), 'p95 < 100 ms'],
    [
      'longest task, streamer page, 1,000/s',
      `${r.firehose1000.longTasks.max} ms (${r.firehose1000.longTasks.count} tasks > 50 ms)`,
      '≤ 100 ms',
    ],
    [
      'stream.online → notification',
      `${r.notification.p50} / ${r.notification.p95} / ${r.notification.p99} ms (n=${r.notification.n}, missing ${r.notification.missing})`,
      'p95 < 500 ms',
    ],
    [
      'stream.online → notification, image CDN hanging',
      `${r.notificationCdnHanging.p50} / ${r.notificationCdnHanging.p95} / ${r.notificationCdnHanging.p99} ms (n=${r.notificationCdnHanging.n}, missing ${r.notificationCdnHanging.missing})`,
      'p95 < 500 ms',
    ],
    [
      `offscreen heap after ${LOAD_MESSAGES.toLocaleString('en-US')}`,
      `document ${r.afterLoad.heap.offscreenDocument.usedMB} MB + worker ${r.afterLoad.heap.listenerWorker?.usedMB ?? '?'} MB (after GC ${r.afterLoad.heap.offscreenDocument.afterGcMB} + ${r.afterLoad.heap.listenerWorker?.afterGcMB ?? '?'} MB)`,
      '< 40 MB',
    ],
    [
      'streamer page heap',
      `${r.afterLoad.heap.streamerPage.usedMB} MB (after GC ${r.afterLoad.heap.streamerPage.afterGcMB} MB)`,
      '',
    ],
    [
      'database after the load',
      `${mb(r.afterLoad.database.usage)} MB, ${r.afterLoad.database.chatLines} chat lines in ${r.afterLoad.database.chatBatches} rows`,
      `bounded (${r.afterLoad.retentionChatPerChannel} chat/channel)`,
    ],
    ['popup interactive', fmt(r.popupInteractive), '< 150 ms'],
    ['streamer page interactive', fmt(r.streamerInteractive), ''],
    ...(['popup', 'streamer', 'options', 'offscreen', 'background (service worker)'] as const).map(
      (name): [string, string, string] => [
        `bundle: ${name}`,
        `${b(name).rawKB} KB raw, ${b(name).gzipKB} KB gzip (${b(name).files} files)`,
        '',
      ],
    ),
  ];
  log('');
  printTable(rows);
  log(`\n(${results.durationSeconds} s)`);

  const out = options.out ?? path.resolve('bench-results/latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const json = JSON.stringify(results, null, 2);
  writeFileSync(out, json);
  if (!options.out) {
    writeFileSync(
      path.resolve(`bench-results/bench-${results.date.replaceAll(':', '-')}.json`),
      json,
    );
  }
  log(`Written to ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
