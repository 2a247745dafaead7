/**
 * `npm run soak`: the built extension (.output/chrome-mv3, from `npm run build:demo`) in headless
 * Chromium against the simulator for an accelerated hour: steady chat on three favorites, a
 * go-live notification every few seconds, and every few minutes a fault from the fault suite
 * (soak-faults.ts). It reports what was sent, delivered, stored, lost and stored twice; for each
 * fault the gap (how long no socket held a live subscription, seen from the simulator: Twitch
 * replays nothing sent into a gap); notification latency per fault window; heaps and the
 * database at the start and the end. Prints a table, writes bench-results/soak-latest.json.
 *
 * Options: --minutes 60 (how long faults are drawn), --every 150 (mean seconds between faults,
 * each ±20 %), --rate 6 (chat messages a second, shared by the three favorites), --seed <n>,
 * --out <file>. See docs/reliability.md, "Soak run".
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'puppeteer';
import { ChromiumDriver, EXTENSION_DIR } from '../browser/chromium';
import {
  listenerStatus,
  readIds,
  startListening,
  storageSet,
  waitForListening,
} from '../browser/extension';
import { NAME_SHIM } from '../browser/driver';
import { waitFor } from '../browser/wait';
import { profileImageUrl } from '../simulator/world';
import { machine } from './machine';
import {
  COMMIT_PROBE_WORKER,
  commitProbeWorker,
  databaseSize,
  heap,
  installCommitProbe,
} from './probes';
import { faultOrder, seeded, type Fault, type FaultContext } from './soak-faults';
import { CompactLog, gapInWindow, gapsByKind, gapsOf, reconcile } from './soak-gaps';
import { distribution, mb, sleep, type Distribution } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    every: { type: 'string', default: '150' },
    rate: { type: 'string', default: '6' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
});
const MINUTES = Number(options.minutes);
const EVERY_MS = Number(options.every) * 1000;
const RATE = Number(options.rate);
const SEED = Number(options.seed ?? Date.now() % 1_000_000);
const LOGIN = 'demo_viewer';
const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
  { id: '100011', login: 'speedrunsam', displayName: 'SpeedrunSam', addedAt: 3 },
].map((f) => ({ ...f, profileImageUrl: profileImageUrl(f.login) }));
/** One go-live notification this often, the favorites in turn (each channel's bursts are apart). */
const NOTIFY_EVERY_MS = 12_000;
const WARMUP_MS = 30_000;
/** How often the simulator's sockets are looked at for live subscriptions. */
const SAMPLE_MS = 25;

const log = (line: string) =>
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface Window {
  kind: string;
  detail: string;
  from: number;
  to: number;
  gapMs: number;
  gaps: number;
  notification?: Distribution;
  notificationsMissing: number;
  /** Go-lives sent in the window that reached no socket. */
  goLivesNotDelivered: number;
  lost: number;
}

/** Watches the simulator's side: does any open socket of `LOGIN` hold subscriptions that can carry a frame? */
function liveSampler(h: ChromiumDriver) {
  const compact = new CompactLog();
  const sample = () =>
    compact.add({
      at: Date.now(),
      live: h.sim.control
        .sockets({ login: LOGIN })
        .some(
          (s) =>
            (s.state === 'connected' || s.state === 'reconnecting') &&
            !s.silent &&
            (s.subscriptions as string[]).length > 0,
        ),
    });
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return compact.close();
    },
  };
}

/** Every notification the simulator delivered (its log keeps only the latest 20,000). */
function deliveryCollector(h: ChromiumDriver) {
  const delivered = new Map<string, { at: number; type: string }>();
  let since = Date.now();
  const poll = () => {
    for (const r of h.sim.control.notifications({ messageType: 'notification', since })) {
      const id = r.messageId as string;
      // Torn down with a cut socket before it left: never delivered.
      if (r.undelivered) delivered.delete(id);
      else if (!delivered.has(id))
        delivered.set(id, { at: r.at as number, type: r.type as string });
      since = Math.max(since, r.at as number);
    }
  };
  const timer = setInterval(poll, 500);
  return {
    delivered,
    stop() {
      clearInterval(timer);
      poll();
    },
  };
}

/**
 * Why a go-live reached no socket: the listener's state and what it said of that favorite's
 * `stream.online` ("connected/polled", "reconnecting/pending"…), as it stood when it was sent.
 */
async function undeliveredBecause(h: ChromiumDriver, channelId: string): Promise<string> {
  const status = await listenerStatus(h).catch(() => undefined);
  if (!status) return 'no status';
  const sub = status.subscriptions.find(
    (s) => s.id === 'stream.online' && s.channelId === channelId,
  );
  const reason = sub?.reason
    ? ` (${[sub.reason.code, sub.reason.status].filter((x) => x !== undefined).join(' ')})`
    : '';
  return `${status.state}/${sub?.status ?? 'not planned'}${reason}`;
}

/** A go-live on one favorite after another; when each notification was first shown. */
function notificationSampler(h: ChromiumDriver) {
  const samples: {
    at: number;
    latencyMs: number | null;
    delivered: boolean;
    /** For one not delivered: see undeliveredBecause. */
    why?: string;
  }[] = [];
  let running = true;
  const probe = h.probe.page;
  const loop = (async () => {
    for (let i = 0; running; i += 1) {
      const favorite = FAVORITES[i % FAVORITES.length]!;
      const channel = favorite.login;
      const started = Date.now();
      try {
        await probe.evaluate(() => (window as any).__commits.watchNotifications(true));
        const result = h.sim.control.trigger({ type: 'stream.online', channel });
        const messageId = result.delivered[0]?.messageId;
        const sentAt = messageId
          ? (h.sim.control
              .notifications({ type: 'stream.online', limit: 5 })
              .find((r) => r.messageId === messageId)?.at as number | undefined)
          : undefined;
        if (!messageId || !sentAt) {
          const why = await undeliveredBecause(h, favorite.id);
          samples.push({ at: started, latencyMs: null, delivered: false, why });
        } else {
          const shownAt = await waitFor(
            () =>
              probe.evaluate(
                (id: string) =>
                  (window as any).__commits.notifications.get(`event:${id}`) as number | undefined,
                messageId,
              ),
            'the notification',
            5_000,
            20,
          ).catch(() => undefined);
          samples.push({
            at: sentAt,
            latencyMs: shownAt === undefined ? null : shownAt - sentAt,
            delivered: true,
          });
        }
        await probe.evaluate(() => (window as any).__commits.watchNotifications(false));
      } catch (error) {
        log(`notification sample failed: ${error instanceof Error ? error.message : error}`);
      }
      await sleep(Math.max(0, started + NOTIFY_EVERY_MS - Date.now()));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** How often the heaps are measured during the run, to tell a leak from a warm-up. */
const HEAP_SAMPLE_EVERY_MS = 5 * 60_000;

/** The heaps after GC every few minutes: minutes into the run, and MB per context and in all. */
function heapSampler(h: ChromiumDriver) {
  const samples: Record<string, number>[] = [];
  const started = Date.now();
  let running = true;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (running) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, HEAP_SAMPLE_EVERY_MS);
      });
      if (!running) break;
      try {
        const f = await footprint(h);
        samples.push({
          minute: Math.round((Date.now() - started) / 6_000) / 10,
          offscreenDocument: f.offscreenDocument?.afterGcMB,
          listenerWorker: f.listenerWorker?.afterGcMB,
          serviceWorker: f.serviceWorker?.afterGcMB,
          total: f.totalAfterGcMB,
        });
        log(`heap: ${JSON.stringify(samples.at(-1))}`);
      } catch (error) {
        log(`heap sample failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      wake();
      await loop;
      return samples;
    },
  };
}

/** Heaps of the listener's contexts (after a garbage collection) and the database. */
async function footprint(h: ChromiumDriver) {
  const out: Record<string, any> = {};
  const target = h.offscreenTarget();
  if (target) {
    const session = await target.createCDPSession();
    out.offscreenDocument = await heap(session);
    await session.detach().catch(() => undefined);
    const page = await target.asPage();
    const worker = page.workers().find((w) => w.url().includes('listener-worker'));
    if (worker) out.listenerWorker = await heap((worker as any).client as CDPSession);
  }
  const sw = await h.serviceWorker();
  out.serviceWorker = await heap((sw as any).client as CDPSession);
  out.totalAfterGcMB =
    Math.round(
      ['offscreenDocument', 'listenerWorker', 'serviceWorker'].reduce(
        (sum, k) => sum + (out[k]?.afterGcMB ?? 0),
        0,
      ) * 10,
    ) / 10;
  out.database = await databaseSize(h.probe.page);
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    process.stderr.write('No build: run `npm run build:demo` first.\n');
    process.exit(1);
  }
  const started = Date.now();
  const random = seeded(SEED);
  // A private copy of the build, with the notification watcher's worker beside the pages.
  const snapshot = mkdtempSync(path.join(os.tmpdir(), 'companion-soak-'));
  cpSync(EXTENSION_DIR, snapshot, { recursive: true });
  writeFileSync(
    path.join(snapshot, COMMIT_PROBE_WORKER),
    `${NAME_SHIM}\n(${commitProbeWorker.toString()})();\n`,
  );
  const results: Record<string, any> = {
    date: new Date().toISOString(),
    options: { minutes: MINUTES, everySeconds: EVERY_MS / 1000, rate: RATE, seed: SEED },
    machine: { ...machine(), loadAverageAtStart: os.loadavg() },
  };
  log(`Soak: ${MINUTES} min, a fault every ~${EVERY_MS / 1000} s, chat ${RATE}/s, seed ${SEED}`);

  const h = await ChromiumDriver.launch({ extensionDir: snapshot });
  try {
    await h.probe.addScript(NAME_SHIM);
    await startListening(h, { login: LOGIN });
    await storageSet(h, { favorites: FAVORITES }, 'sync');
    await waitFor(
      async () => {
        const s = (await waitForListening(h)) as unknown as { channelIds?: string[] };
        return s.channelIds?.length === FAVORITES.length;
      },
      'the listener on three favorites',
      60_000,
    );
    await h.probe.page.evaluate(installCommitProbe, FAVORITES[0]!.id, `/${COMMIT_PROBE_WORKER}`);
    log('Signed in, listening to three favorites.');

    const live = liveSampler(h);
    const collector = deliveryCollector(h);
    const chatStarted = Date.now();
    const endAt = chatStarted + WARMUP_MS + MINUTES * 60_000;
    void h.sim.control.firehose({
      channels: FAVORITES.map((f) => f.login),
      rate: RATE,
      durationMs: endAt - chatStarted,
    });
    const notifications = notificationSampler(h);

    await sleep(WARMUP_MS);
    results.start = await footprint(h);
    const heaps = heapSampler(h);
    log(`start: ${JSON.stringify(results.start)}`);

    const ctx: FaultContext = { h, login: LOGIN, random };
    const windows: Omit<
      Window,
      'gapMs' | 'gaps' | 'notificationsMissing' | 'goLivesNotDelivered' | 'lost'
    >[] = [];
    const firstFaultAt = Date.now() + EVERY_MS * (0.4 + 0.4 * random());
    const plan = faultOrder(Math.ceil((endAt - firstFaultAt) / (EVERY_MS * 0.8)) + 1, random);
    let next = firstFaultAt;
    let previous: Fault | undefined;
    for (const fault of plan) {
      if (next >= endAt) break;
      await sleep(Math.max(0, next - Date.now()));
      await previous?.undo?.(ctx);
      const at = Date.now();
      let detail: string;
      try {
        detail = await fault.apply(ctx);
      } catch (error) {
        detail = `failed to apply: ${error instanceof Error ? error.message : error}`;
      }
      const last = windows.at(-1);
      if (last) last.to = at;
      windows.push({ kind: fault.kind, detail, from: at, to: endAt });
      log(`fault ${windows.length}: ${fault.kind} — ${detail}`);
      previous = fault;
      next = at + EVERY_MS * (0.8 + 0.4 * random());
    }
    await sleep(Math.max(0, endAt - Date.now()));
    await previous?.undo?.(ctx);
    h.sim.control.firehoseStop();
    const report = h.sim.control.firehoseStatus();
    await notifications.stop();
    log('Faults over; waiting for the listener and the last writes.');
    await waitForListening(h, { timeoutMs: 120_000 }).catch((e: unknown) =>
      log(`not listening at the end: ${e instanceof Error ? e.message : e}`),
    );
    await sleep(3_000);
    collector.stop();
    const samples = live.stop();
    const endedAt = Date.now();

    // Lost and stored twice, of what Twitch delivered: every delivered id must be stored once.
    const stored = async () => [...(await readIds(h, 'chat')), ...(await readIds(h, 'events'))];
    let storedIds = await stored();
    for (
      let wait = 0;
      wait < 30 && reconcile(collector.delivered.keys(), storedIds).lost.length;
      wait += 1
    ) {
      await sleep(1_000);
      storedIds = await stored();
    }
    const tally = reconcile(collector.delivered.keys(), storedIds);
    results.heapSamples = await heaps.stop();
    results.end = await footprint(h);
    log(`end: ${JSON.stringify(results.end)}`);

    const gaps = gapsOf(samples, endedAt);
    const lostAt = tally.lost.map((id) => collector.delivered.get(id)!.at);
    const full: Window[] = windows.map((w) => {
      const inside = notifications.samples.filter((s) => s.at >= w.from && s.at < w.to);
      const latencies = inside.flatMap((s) => (s.latencyMs === null ? [] : [s.latencyMs]));
      return {
        ...w,
        ...gapInWindow(gaps, w.from, w.to, SAMPLE_MS * 2),
        notification: distribution(latencies),
        notificationsMissing: inside.filter((s) => s.delivered && s.latencyMs === null).length,
        goLivesNotDelivered: inside.filter((s) => !s.delivered).length,
        lost: lostAt.filter((t) => t >= w.from && t < w.to).length,
      };
    });
    const chatDelivered = [...collector.delivered.values()].filter(
      (d) => d.type === 'channel.chat.message',
    ).length;
    const allLatencies = notifications.samples.flatMap((s) =>
      s.latencyMs === null ? [] : [s.latencyMs],
    );
    results.messages = {
      chatSent: report?.sent ?? null,
      chatDelivered,
      chatNotDelivered: report ? report.sent - chatDelivered : null,
      goLivesSent: notifications.samples.length,
      goLivesDelivered: notifications.samples.filter((s) => s.delivered).length,
      goLivesNotDeliveredBecause: tallyOf(
        notifications.samples.flatMap((s) => (s.why ? [s.why] : [])),
      ),
      delivered: collector.delivered.size,
      stored: tally.stored,
      lost: tally.lost.length,
      storedTwice: tally.storedTwice.length,
      lostIds: tally.lost.slice(0, 50),
      storedTwiceIds: tally.storedTwice.slice(0, 50),
    };
    results.gaps = gaps;
    results.windows = full;
    results.gapByKind = gapsByKind(full);
    results.notification = {
      overall: distribution(allLatencies),
      missing: notifications.samples.filter((s) => s.delivered && s.latencyMs === null).length,
    };
    const before = results.start.totalAfterGcMB as number;
    const after = results.end.totalAfterGcMB as number;
    results.heapGrowthPercent = before ? Math.round(((after - before) / before) * 1000) / 10 : null;
    results.machine.loadAverageAtEnd = os.loadavg();
  } finally {
    await h.close();
    rmSync(snapshot, { recursive: true, force: true });
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  printReport(results);
  const out = options.out ?? path.resolve('bench-results', 'soak-latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));
  log(`Written to ${out}`);
}

/** How many times each value occurs. */
function tallyOf(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const DROPS = ['drop 4000', 'drop 4005', 'drop 4006', 'session_reconnect'];

function printReport(r: Record<string, any>): void {
  const rows: [string, string, string][] = [['measure', 'result', 'target']];
  const m = r.messages;
  rows.push(['chat sent / delivered', `${m.chatSent} / ${m.chatDelivered}`, '']);
  rows.push(['go-lives sent / delivered', `${m.goLivesSent} / ${m.goLivesDelivered}`, '']);
  for (const [why, count] of Object.entries(m.goLivesNotDeliveredBecause as Record<string, number>))
    rows.push([`  not delivered, listener ${why}`, String(count), '']);
  rows.push(['delivered / stored', `${m.delivered} / ${m.stored}`, '']);
  rows.push(['lost (delivered, not stored)', String(m.lost), '0']);
  rows.push(['stored twice', String(m.storedTwice), '0']);
  const kinds = Object.entries(r.gapByKind as Record<string, Distribution>);
  const dropGaps = (r.windows as Window[])
    .filter((w) => DROPS.includes(w.kind))
    .map((w) => w.gapMs);
  const silent = (r.windows as Window[])
    .filter((w) => w.kind === 'silent socket')
    .map((w) => w.gapMs);
  rows.push([
    'gap p95 after a drop or reconnect',
    `${distribution(dropGaps)?.p95 ?? '-'} ms (n=${dropGaps.length})`,
    '< 2,000 ms',
  ]);
  rows.push([
    'gap p95 after a silent socket',
    `${distribution(silent)?.p95 ?? '-'} ms (n=${silent.length})`,
    '< keepalive (10 s) + 2 s',
  ]);
  for (const [kind, d] of kinds)
    rows.push([`  gap, ${kind}`, `p50 ${d.p50} / p95 ${d.p95} / max ${d.max} ms (n=${d.n})`, '']);
  const n = r.notification.overall as Distribution | undefined;
  rows.push([
    'notification p50 / p95 / max',
    n ? `${n.p50} / ${n.p95} / ${n.max} ms (n=${n.n}, missing ${r.notification.missing})` : 'n/a',
    'p95 < 500 ms',
  ]);
  const worst = (r.windows as Window[]).reduce((w, x) => Math.max(w, x.notification?.p95 ?? 0), 0);
  rows.push(['notification p95, worst fault window', `${worst} ms`, '< 500 ms']);
  rows.push([
    'heap after GC, start → end',
    `${r.start.totalAfterGcMB} → ${r.end.totalAfterGcMB} MB (${r.heapGrowthPercent} %); every 5 min: ${(
      r.heapSamples as { total: number }[]
    )
      .map((x) => x.total)
      .join(', ')}`,
    '< 10 % growth',
  ]);
  rows.push([
    'IndexedDB, start → end',
    `${mb(r.start.database.indexedDB ?? r.start.database.usage)} → ${mb(r.end.database.indexedDB ?? r.end.database.usage)} MB`,
    '',
  ]);
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  log('');
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}\n`);
  log('');
  for (const [i, w] of (r.windows as Window[]).entries())
    process.stdout.write(
      `${String(i + 1).padStart(3)} ${w.kind.padEnd(24)} gap ${String(w.gapMs).padStart(6)} ms  notif p95 ${String(w.notification?.p95 ?? '-').padStart(6)} ms  lost ${w.lost}  go-lives undelivered ${w.goLivesNotDelivered}  ${w.detail}\n`,
    );
  process.stdout.write(`\n(${r.durationSeconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
