/**
 * `npm run bench`: measures the built extension (.output/chrome-mv3, from `npm run build:demo`)
 * in headless Chromium against the local Twitch simulator, prints a table and writes it as JSON
 * (bench-results/latest.json and a dated copy).
 *
 * Everything is observed from outside the bundle: send times from the simulator's log, commit
 * times by reading IndexedDB from another extension page, page times with a MutationObserver in
 * the streamer page, heaps over the DevTools protocol. See docs/benchmarks.md.
 *
 * Options: --quick (short runs, for trying the runner), --smoke (every phase once with the least
 * work, about a minute: `npm test` runs it so that the runner cannot break unseen; it judges no
 * target, it fails only when a phase cannot run or measures nothing), --rates 3000,5000,7000,
 * --ingest-seconds 60, --out <file>, --only-ingest (only the ingest runs), --no-page (no streamer
 * page open while ingesting), --only follows (only the follows phases, see follows.ts; a full run
 * ends with them, in a browser of their own), --only for-you (mention → "for you" notification,
 * and ingest with fifty highlight words; see for-you.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChromiumDriver, EXTENSION_DIR, ORIGIN } from '../browser/chromium';
import { NAME_SHIM } from '../browser/driver';
import { freshFavoritePicture, startListening } from '../browser/extension';
import { waitFor } from '../browser/wait';
import { followsPhases, popupPhase } from './follows';
import { bundleSizes, machine } from './machine';
import { databaseSize } from './observe';
import {
  CHANNEL_ID,
  INGEST_SECONDS,
  LOAD_MESSAGES,
  LOGIN,
  NO_PAGE,
  QUICK,
  RATES,
  SMOKE,
  log,
  options,
  sized,
} from './options';
import {
  firehoseLatency,
  idleLatency,
  ingest,
  memory,
  notificationLatency,
  openStreamer,
  popupTti,
  streamerTti,
} from './phases';
import { COMMIT_PROBE_WORKER, commitProbeWorker, installCommitProbe } from './probes';
import {
  HIGHLIGHT_WORDS,
  forYouNotificationLatency,
  forYouRows,
  useHighlightWords,
} from './for-you';
import { followsRows, popupRows, printTable, reportRows } from './report';
import { sleep } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

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
    smoke: SMOKE,
    machine: machine(),
    bundles: bundleSizes(snapshot),
  };
  log(`Machine: ${JSON.stringify(results.machine)}`);
  // The commit probe's worker, in this copy only (same origin as the database). A worker script
  // of our own, not evaluated by the driver: it brings its own `__name` (NAME_SHIM).
  writeFileSync(
    path.join(snapshot, COMMIT_PROBE_WORKER),
    `${NAME_SHIM}\n(${commitProbeWorker.toString()})();\n`,
  );

  if (options.only === 'popup') {
    try {
      results.popup = await popupPhase(
        snapshot,
        Number(options['popup-runs'] ?? sized(20, 3, 1)),
        options['popup-trace'] && path.resolve(options['popup-trace']),
      );
    } finally {
      rmSync(snapshot, { recursive: true, force: true });
    }
    return finish(results, started, popupRows(results.popup));
  }
  if (options.only === 'for-you') {
    // The "for you" rows alone: mention → notification, and ingest with fifty highlight words.
    const h = await listening(snapshot).catch((error) => {
      rmSync(snapshot, { recursive: true, force: true });
      throw error;
    });
    try {
      const { page: streamer } = await openStreamer(h);
      const probe = await h.newPage();
      await probe.goto(`${ORIGIN}/popup.html`);
      await probe.evaluate(installCommitProbe, CHANNEL_ID, `/${COMMIT_PROBE_WORKER}`);
      results.forYouNotification = await forYouNotificationLatency(h, probe, sized(30, 10, 1));
      log(`"for you" notification: ${JSON.stringify(results.forYouNotification)}`);
      await useHighlightWords(h, HIGHLIGHT_WORDS);
      results.ingestHighlightWords = HIGHLIGHT_WORDS.length;
      results.ingest = [];
      for (const rate of RATES) {
        const run = await ingest(h, probe, streamer, rate, INGEST_SECONDS);
        results.ingest.push(run);
        log(`ingest ${rate}/s: ${JSON.stringify(run)}`);
      }
    } finally {
      await h.close();
      rmSync(snapshot, { recursive: true, force: true });
    }
    return finish(results, started, forYouRows(results));
  }
  if (options.only !== undefined) {
    if (options.only !== 'follows') throw new Error(`--only: unknown phase group ${options.only}`);
    try {
      results.follows = await followsPhases(snapshot);
    } finally {
      rmSync(snapshot, { recursive: true, force: true });
    }
    return finish(results, started, followsRows(results.follows));
  }

  const h = await listening(snapshot).catch((error) => {
    rmSync(snapshot, { recursive: true, force: true });
    throw error;
  });
  try {
    log('Signed in, listening to demo.');

    results.popupInteractive = await popupTti(h, sized(10, 10, 1));
    log(`popup interactive: ${JSON.stringify(results.popupInteractive)}`);
    results.streamerInteractive = await streamerTti(h, sized(5, 5, 1));
    log(`streamer interactive: ${JSON.stringify(results.streamerInteractive)}`);

    const { page: streamer } = await openStreamer(h);
    const probe = await h.newPage();
    await probe.goto(`${ORIGIN}/popup.html`);
    await probe.evaluate(installCommitProbe, CHANNEL_ID, `/${COMMIT_PROBE_WORKER}`);

    if (options['only-ingest']) {
      if (NO_PAGE) await streamer.goto('about:blank');
      await useHighlightWords(h, HIGHLIGHT_WORDS);
      for (const rate of RATES)
        log(JSON.stringify(await ingest(h, probe, streamer, rate, INGEST_SECONDS)));
      return;
    }
    results.idle = await idleLatency(h, probe, streamer, sized(100, 30, 10));
    log(`idle: ${JSON.stringify(results.idle)}`);
    results.notification = await notificationLatency(h, probe, sized(8, 3, 1));
    log(`notification: ${JSON.stringify(results.notification)}`);
    // The image CDN never answers, and the favorite's picture is not at hand: notifications
    // must not wait for it.
    h.sim.control.configure({ cdnFault: 'hang' });
    await freshFavoritePicture(h);
    results.notificationCdnHanging = await notificationLatency(h, probe, sized(8, 3, 1));
    h.sim.control.configure({ cdnFault: 'none' });
    log(`notification, CDN hanging: ${JSON.stringify(results.notificationCdnHanging)}`);
    results.forYouNotification = await forYouNotificationLatency(h, probe, sized(30, 10, 1));
    log(`"for you" notification: ${JSON.stringify(results.forYouNotification)}`);
    results.firehose200 = await firehoseLatency(h, probe, streamer, 200, sized(4_000, 1_000, 200));
    log(`200/s: ${JSON.stringify(results.firehose200)}`);
    results.firehose1000 = await firehoseLatency(h, probe, streamer, 1_000, LOAD_MESSAGES);
    log(`1000/s: ${JSON.stringify(results.firehose1000)}`);

    // After the load: heaps and the database, once retention has had its say.
    const limit = 100_000; // lib/settings.ts DEFAULT_RETENTION.chatPerChannel
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

    // Every line is matched against fifty highlight words while it is recorded.
    await useHighlightWords(h, HIGHLIGHT_WORDS);
    results.ingestHighlightWords = HIGHLIGHT_WORDS.length;
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
    if (!anyPassed && !SMOKE) await tryRate(Math.round(RATES[0]! / 2 / 500) * 500 || 500);
    const passed = (results.ingest as { rate: number; pass: boolean }[]).filter((r) => r.pass);
    results.sustainedRate = passed.length ? Math.max(...passed.map((r) => r.rate)) : 0;
    results.databaseAfterIngest = await databaseSize(probe);
  } finally {
    await h.close();
    if (options['only-ingest']) rmSync(snapshot, { recursive: true, force: true });
  }
  if (options['only-ingest']) return;
  try {
    results.follows = await followsPhases(snapshot);
  } finally {
    rmSync(snapshot, { recursive: true, force: true });
  }
  finish(results, started, [...reportRows(results), ...followsRows(results.follows).slice(1)]);
}

/** Chromium with the build in `extensionDir`, signed in as LOGIN and listening to demo. */
async function listening(extensionDir: string): Promise<ChromiumDriver> {
  const h = await ChromiumDriver.launch({ extensionDir });
  try {
    await startListening(h, { login: LOGIN });
    return h;
  } catch (error) {
    await h.close();
    throw error;
  }
}

function finish(results: Record<string, any>, started: number, rows: [string, string, string][]) {
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  log('');
  printTable(rows);
  log(`\n(${results.durationSeconds} s)`);

  if (SMOKE) checkSmoke(results);
  const name = options.only ? `${options.only}-latest.json` : 'latest.json';
  // A smoke run's numbers are not measurements: they stay out of bench-results/.
  const out =
    options.out ??
    (SMOKE
      ? path.join(os.tmpdir(), 'companion-bench-smoke.json')
      : path.resolve('bench-results', name));
  mkdirSync(path.dirname(out), { recursive: true });
  const json = JSON.stringify(results, null, 2);
  writeFileSync(out, json);
  if (!options.out && !SMOKE) {
    writeFileSync(
      path.resolve(`bench-results/bench-${results.date.replaceAll(':', '-')}.json`),
      json,
    );
  }
  log(`Written to ${out}`);
}

/**
 * `--smoke`: every phase measured something (a sample, a stored message, a process), whatever
 * the numbers are. Targets are measured, never asserted; a phase that saw nothing means the
 * runner no longer works.
 */
function checkSmoke(r: Record<string, any>): void {
  const phases: Record<string, boolean> = {
    'popup interactive': r.popupInteractive === undefined || r.popupInteractive.n > 0,
    'streamer page interactive': r.streamerInteractive === undefined || r.streamerInteractive.n > 0,
    'idle latency': r.idle === undefined || r.idle.stored > 0,
    'notification latency': r.notification === undefined || r.notification.n > 0,
    '"for you" notification latency':
      r.forYouNotification === undefined || r.forYouNotification.n > 0,
    'notification latency, image CDN hanging':
      r.notificationCdnHanging === undefined || r.notificationCdnHanging.n > 0,
    '200/s': r.firehose200 === undefined || r.firehose200.stored > 0,
    '1,000/s': r.firehose1000 === undefined || r.firehose1000.stored > 0,
    heaps: r.afterLoad === undefined || r.afterLoad.heap.offscreenDocument.usedMB > 0,
    ingest: r.ingest === undefined || r.ingest.some((run: any) => run.stored > 0),
    'follows import':
      r.follows === undefined || (r.follows.importRequests > 0 && r.follows.live > 0),
    'follows popup': r.follows === undefined || r.follows.popup.interactive?.n > 0,
    "five favorites' chat":
      r.follows === undefined || r.follows.chat.perChannel.every((c: any) => c.stored > 0),
    'extension processes': r.follows === undefined || r.follows.idle.processes.length > 0,
  };
  const failed = Object.keys(phases).filter((phase) => !phases[phase]);
  if (failed.length) throw new Error(`Smoke run: nothing measured for ${failed.join(', ')}`);
  log('Smoke run: every phase measured something (timings are not judged).');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
