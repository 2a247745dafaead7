/**
 * Reading what the probes recorded: send times from the simulator's log, commit times from the
 * commit probe, arrival times and long tasks from the streamer page, heaps and database size.
 */
import type { Page } from 'puppeteer';
import type { ChromiumDriver } from '../browser/chromium';
import { NO_PAGE } from './options';
import { distribution, sleep, type Distribution } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

async function pageTimes(page: Page, ids: string[]): Promise<(number | null)[]> {
  return page.evaluate((list: string[]) => {
    const seen = (window as any).__bench.seen as Map<string, number>;
    return list.map((id) => seen.get(id) ?? null);
  }, ids);
}

export async function commitTimes(probe: Page, ids: string[]): Promise<(number | null)[]> {
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

export async function resetObservers(probe: Page, streamer: Page): Promise<void> {
  await probe.evaluate(() => (window as any).__commits.ask('clear'));
  if (NO_PAGE) return;
  await streamer.evaluate(() => {
    (window as any).__bench.seen.clear();
    (window as any).__bench.longTasks.length = 0;
  });
}

export async function longTasks(
  streamer: Page,
): Promise<{ count: number; over50: number; max: number }> {
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
export function sendCollector(h: ChromiumDriver) {
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

export interface LatencyResult {
  messages: number;
  stored: number;
  shown?: number;
  frameToCommit?: Distribution;
  frameToPage?: Distribution;
}

/** Waits until every id is committed (or progress stops for `stallMs`). */
export async function drain(probe: Page, ids: string[], stallMs = 10_000): Promise<number> {
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

export async function latencies(
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

export { databaseSize, heap } from './probes';
