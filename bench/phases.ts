/** The benchmark's measurements, each run against a signed-in, listening browser. */
import type { CDPSession, Page } from 'puppeteer';
import { ORIGIN, type ChromiumDriver } from '../browser/chromium';
import { waitFor } from '../browser/wait';
import { BURST_WINDOW_MS } from '../lib/notifications';
import {
  commitTimes,
  drain,
  heap,
  latencies,
  longTasks,
  resetObservers,
  sendCollector,
} from './observe';
import { CHANNEL_ID, LOGIN } from './options';
import { installPopupProbe, installStreamerProbe } from './probes';
import { distribution, sleep, type Distribution } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function popupTti(h: ChromiumDriver, runs: number): Promise<Distribution | undefined> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const page = await h.newPage();
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

export async function openStreamer(h: ChromiumDriver): Promise<{ page: Page; readyMs: number }> {
  const page = await h.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
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

export async function streamerTti(h: ChromiumDriver, runs: number) {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const { page, readyMs } = await openStreamer(h);
    if (i > 0) times.push(readyMs);
    await page.close();
  }
  return distribution(times);
}

export async function idleLatency(h: ChromiumDriver, probe: Page, streamer: Page, count: number) {
  await resetObservers(probe, streamer);
  const collect = sendCollector(h);
  for (let i = 0; i < count; i += 1) {
    h.sim.control.trigger({ type: 'channel.chat.message' });
    await sleep(100);
  }
  return latencies(probe, streamer, collect.stop());
}

export async function notificationLatency(h: ChromiumDriver, probe: Page, count: number) {
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

export async function firehoseLatency(
  h: ChromiumDriver,
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

export async function memory(h: ChromiumDriver, streamer: Page) {
  const target = h.offscreenTarget();
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

/**
 * How long after the last commit the search index had every batch (its indexer's mark reached the
 * channel's newest batch), read from the probe page; null for a build without that mark.
 */
async function indexCatchUp(probe: Page, timeoutMs = 120_000): Promise<number | null> {
  return probe.evaluate(
    async (channelId, timeoutMs) => {
      const started = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('companion-for-twitch');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error as Error);
      });
      try {
        if (!db.objectStoreNames.contains('searchMarks')) return null;
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error as Error);
          });
        for (;;) {
          const tx = db.transaction(['chatBatches', 'searchMarks'], 'readonly');
          const range = IDBKeyRange.bound(
            [channelId, -Infinity, -Infinity],
            [channelId, Infinity, Infinity],
          );
          const newest = await request(tx.objectStore('chatBatches').openKeyCursor(range, 'prev'));
          const mark = (await request(tx.objectStore('searchMarks').get('chat'))) as
            { receivedAt: number } | undefined;
          const at = newest ? (newest.key as [string, number, number])[1] : -Infinity;
          if ((mark?.receivedAt ?? -Infinity) >= at) return Math.round(performance.now() - started);
          if (performance.now() - started > timeoutMs) return -1;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        db.close();
      }
    },
    CHANNEL_ID,
    timeoutMs,
  );
}

export async function ingest(
  h: ChromiumDriver,
  probe: Page,
  streamer: Page,
  rate: number,
  seconds: number,
) {
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
  const indexCaughtUpMs = await indexCatchUp(probe);
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
    // The search index behind the recorder: caught up this long after the runner saw the last
    // commit (-1: not within two minutes; null: a build without the indexer).
    indexCaughtUpMs,
    frameToCommit,
    longTasks: await longTasks(streamer),
    checks,
    pass: Object.values(checks).every(Boolean),
  };
}
