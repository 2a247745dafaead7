/**
 * `npm run bench:history`: "What did I miss" with 100,000 recorded events (two channels, a stream
 * every 1,000 events) in the demo build (.output/chrome-mv3, from `npm run build:demo`), headless
 * Chromium against the simulator: the Timeline's first paint (navigation start to the first event
 * row in the document), the longest main-thread task while scrolling it top to bottom, and the
 * page's heap. See docs/benchmarks.md.
 *
 * Options: --events 100000, --runs 3.
 */
import { parseArgs } from 'node:util';
import { ChromiumDriver, ORIGIN } from '../browser/chromium';
import { startListening, storageSet } from '../browser/extension';
import { heap } from './probes';

const { values: options } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
  },
});
const EVENTS = Number(options.events);
const RUNS = Number(options.runs);

/** Runs in an extension page: stores `count` events of two channels, as the recorder would. */
async function storeEvents(count: number, accountId: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('companion-for-twitch');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const start = Date.now() - count * 1000;
  const channels = [
    { id: '100001', login: 'demo', name: 'Demo' },
    { id: '100010', login: 'pixelpaladin', name: 'PixelPaladin' },
  ];
  const PER_TX = 5_000;
  for (let from = 0; from < count; from += PER_TX) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite');
      const store = tx.objectStore('events');
      for (let i = from; i < Math.min(count, from + PER_TX); i += 1) {
        const channel = channels[i % 2]!;
        const at = start + i * 1000;
        const phase = Math.floor(i / 2) % 500;
        const base = {
          broadcaster_user_id: channel.id,
          broadcaster_user_login: channel.login,
          broadcaster_user_name: channel.name,
        };
        const [type, version, event] =
          phase === 0
            ? ['stream.online', '1', { ...base, id: `stream-${i}`, type: 'live' }]
            : phase === 1
              ? ['channel.update', '2', { ...base, title: `Stream ${i}`, category_name: 'Celeste' }]
              : phase === 499
                ? ['stream.offline', '1', base]
                : [
                    'channel.chat.notification',
                    '1',
                    {
                      ...base,
                      notice_type: 'resub',
                      chatter_user_id: String(1000 + (i % 700)),
                      chatter_user_name: `Viewer${i % 700}`,
                      resub: { cumulative_months: (i % 24) + 1, sub_tier: '1000' },
                      message: { text: `thanks for the stream ${i}`, fragments: [] },
                    },
                  ];
        store.put({
          id: `bench-${i}`,
          channelId: channel.id,
          type,
          version,
          noticeType: type === 'channel.chat.notification' ? 'resub' : '',
          occurredAt: at,
          receivedAt: at,
          recent: 1,
          event,
          accountId,
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return count;
}

async function main(): Promise<void> {
  const h = await ChromiumDriver.launch({ world: 'quiet' });
  try {
    await startListening(h);
    const accountId = await h.probe.evaluate(
      async () =>
        ((await chrome.storage.local.get('authSession')).authSession as { userId: string }).userId,
    );
    // Retention keeps 5,000 events a channel by default: with it, the background (whenever it
    // starts again) deletes 90 % of what is stored here, during the first open — which then waits
    // for that transaction and receives its deletions (Dexie tells every page), and the later
    // opens show 10,000 events, not 100,000. The most the settings allow, as a user keeping it all.
    await storageSet(
      h,
      {
        retention: {
          eventsPerChannel: 100_000,
          eventDays: 90,
          chatPerChannel: 100_000,
          chatDays: 14,
          revision: 2,
        },
      },
      'sync',
    );
    const t0 = Date.now();
    await h.probe.evaluate(storeEvents, EVENTS, accountId);
    process.stdout.write(`stored ${EVENTS} events in ${Date.now() - t0} ms\n`);

    const paints: number[] = [];
    let longest = 0;
    let heapUse: { usedMB: number; afterGcMB: number } | undefined;
    for (let run = 0; run < RUNS; run += 1) {
      const page = await h.newPage();
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { firstRow?: number; longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="timeline-event"]')) {
            w.firstRow = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${ORIGIN}/history.html?from=0`);
      await page.waitForFunction(() => (window as { firstRow?: number }).firstRow !== undefined, {
        timeout: 120_000,
      });
      paints.push(await page.evaluate(() => (window as unknown as { firstRow: number }).firstRow));
      // Scroll the whole Timeline, a screen a frame.
      const scrolled = await page.evaluate(async () => {
        const box = document.querySelector<HTMLElement>('[data-testid="timeline-box"]')!;
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        let steps = 0;
        while (box.scrollTop + box.clientHeight < box.scrollHeight - 1 && steps < 20_000) {
          box.scrollTop += box.clientHeight;
          steps += 1;
          await new Promise((r) => requestAnimationFrame(r));
        }
        await new Promise((r) => setTimeout(r, 200));
        return {
          shown: document.querySelector('[data-testid="history-count"]')?.textContent,
          steps,
          rows: document.querySelectorAll('ul[aria-label="Timeline"] > li').length,
          longest: Math.max(0, ...w.longTasks),
        };
      });
      longest = Math.max(longest, scrolled.longest);
      process.stdout.write(
        `run ${run + 1}: first row at ${paints.at(-1)!.toFixed(0)} ms; ${scrolled.shown}; scrolled ${scrolled.steps} screens, ${scrolled.rows} rows in the document at the end, longest task while scrolling ${scrolled.longest.toFixed(0)} ms\n`,
      );
      if (run === RUNS - 1) heapUse = await heap(await page.createCDPSession());
      await page.close();
    }
    paints.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({ events: EVENTS, firstPaintMs: paints, medianMs: paints[Math.floor(paints.length / 2)], longestScrollTaskMs: longest, heap: heapUse })}\n`,
    );
  } finally {
    await h.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
