/**
 * Observers the benchmark puts into the browser from outside. Nothing here is part of the
 * extension's bundle: each function is serialised by Puppeteer and run in a page.
 *
 * Clocks: Node's `Date.now()` and a page's `performance.timeOrigin + performance.now()` read the
 * same wall clock of the same machine, so a send time from the simulator and an arrival time in
 * the browser can be subtracted.
 */

import type { CDPSession, Page } from 'puppeteer';
import { mb } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Streamer page, before its scripts run: timestamps every chat line (`li[data-message-id]`) the
 * moment it enters the DOM, records long tasks, and the moment the page became usable.
 */
export function installStreamerProbe(): void {
  const w = window as any;
  const now = () => performance.timeOrigin + performance.now();
  const state = {
    seen: new Map<string, number>(),
    longTasks: [] as { start: number; duration: number }[],
    readyAt: undefined as number | undefined,
    readyMs: undefined as number | undefined,
  };
  w.__bench = state;
  const isReady = () =>
    Boolean(document.querySelector('[data-testid="chat-scroll"]')) &&
    Boolean(document.querySelector('#recent-events-title')) &&
    !document.querySelector('main [aria-busy="true"]');
  const observer = new MutationObserver((records) => {
    const t = now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const id = node.getAttribute('data-message-id');
        if (id) {
          if (!state.seen.has(id)) state.seen.set(id, t);
        } else {
          for (const li of node.querySelectorAll('li[data-message-id]')) {
            const inner = li.getAttribute('data-message-id')!;
            if (!state.seen.has(inner)) state.seen.set(inner, t);
          }
        }
      }
    }
    if (state.readyMs === undefined && isReady()) {
      state.readyAt = t;
      state.readyMs = performance.now();
    }
  });
  // A placeholder turning into content may only change an attribute and a text node.
  const start = () =>
    observer.observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: ['aria-busy'],
    });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: reported as unavailable.
  }
}

/** Popup, before its scripts run: when the signed-in popup's controls are on screen. */
export function installPopupProbe(): void {
  const w = window as any;
  const state = { readyMs: undefined as number | undefined };
  w.__bench = state;
  const observer = new MutationObserver(() => {
    if (
      state.readyMs === undefined &&
      document.querySelector('[aria-label="Listener status"]') &&
      document.querySelector('form input')
    ) {
      state.readyMs = performance.now();
      observer.disconnect();
    }
  });
  const start = () => observer.observe(document, { childList: true, subtree: true });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
}

/** The commit probe's worker script, written into the benchmark's copy of the extension. */
export const COMMIT_PROBE_WORKER = 'bench-commit-probe.js';

/**
 * In a dedicated worker of an extension page (same origin as the database, but its own thread
 * and V8 isolate, so its reads neither hold up the extension pages' main thread nor add to their
 * heap): learns when each chat line and event is committed. Dexie announces every commit on the
 * `x-storagemutated-1` BroadcastChannel; on each announcement (and every 50 ms in case one is
 * missed) the rows newer than the last one seen are read: events on the `[channelId+receivedAt]`
 * index with a key cursor, chat batches (one row per write) whole, for the ids of their lines. A
 * line's commit time is taken as the moment the read that first saw it completed (an upper bound,
 * within a few ms).
 *
 * Answers messages `{ id, ask: 'times' | 'clear' | 'total' | 'minGap', arg }` with `{ id, value }`.
 */
export function commitProbeWorker(): void {
  const scope = self as any;
  const now = () => performance.timeOrigin + performance.now();
  let channelId = '';
  const state = {
    committed: new Map<string, number>(),
    /** Rows seen committed since the observer started (never reset). */
    total: 0,
    lastEvent: -Infinity,
    lastChatKey: ['', -Infinity, -Infinity] as [string, number, number],
    reading: false,
    again: false,
    /** Reads at most this often (ms); 0 = on every commit announcement. */
    minGapMs: 0,
    lastReadAt: 0,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  };
  let db: IDBDatabase | undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('companion-for-twitch');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const seen = (ids: string[], t: { at: number }) => {
    t.at = now();
    state.total += ids.length;
    for (const id of ids) if (!state.committed.has(id)) state.committed.set(id, t.at);
  };
  const readEvents = (tx: IDBTransaction, t: { at: number }) =>
    new Promise<void>((resolve, reject) => {
      const index = tx.objectStore('events').index('[channelId+receivedAt]');
      const range = IDBKeyRange.bound(
        [channelId, state.lastEvent],
        [channelId, Infinity],
        true,
        false,
      );
      const cursor = index.openKeyCursor(range);
      const found: string[] = [];
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c) {
          found.push(c.primaryKey as string);
          state.lastEvent = (c.key as [string, number])[1];
          c.continue();
        } else {
          seen(found, t);
          resolve();
        }
      };
      cursor.onerror = () => reject(cursor.error);
    });
  // Chat is stored as one row per write (a batch of lines): the rows after the last one seen.
  const readChat = (tx: IDBTransaction, t: { at: number }) =>
    new Promise<void>((resolve, reject) => {
      const range = IDBKeyRange.bound(
        state.lastChatKey,
        [channelId, Infinity, Infinity],
        true,
        false,
      );
      const request = tx.objectStore('chatBatches').getAll(range);
      request.onsuccess = () => {
        const found: string[] = [];
        for (const batch of request.result as {
          receivedAt: number;
          count: number;
          lines: { id: string }[];
        }[]) {
          state.lastChatKey = [channelId, batch.receivedAt, batch.count];
          for (const line of batch.lines) found.push(line.id);
        }
        seen(found, t);
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  const read = async () => {
    if (!channelId) return;
    const wait = state.lastReadAt + state.minGapMs - Date.now();
    if (wait > 0) {
      state.timer ??= setTimeout(() => {
        state.timer = undefined;
        void read();
      }, wait);
      return;
    }
    if (state.reading) {
      state.again = true;
      return;
    }
    state.reading = true;
    try {
      do {
        state.again = false;
        state.lastReadAt = Date.now();
        db ??= await open();
        const tx = db.transaction(['chatBatches', 'events'], 'readonly');
        const t = { at: 0 };
        await Promise.all([readChat(tx, t), readEvents(tx, t)]);
      } while (state.again);
    } catch {
      db?.close();
      db = undefined;
    } finally {
      state.reading = false;
    }
  };
  const channel = new BroadcastChannel('x-storagemutated-1');
  channel.onmessage = () => void read();
  setInterval(() => void read(), 50);
  scope.onmessage = (message: MessageEvent) => {
    const { id, ask, arg } = message.data as { id: number; ask: string; arg: any };
    let value: unknown;
    if (ask === 'start') {
      channelId = arg as string;
      state.lastChatKey = [channelId, -Infinity, -Infinity];
      void read();
    } else if (ask === 'times') {
      value = (arg as string[]).map((key) => state.committed.get(key) ?? null);
    } else if (ask === 'clear') state.committed.clear();
    else if (ask === 'total') value = state.total;
    else if (ask === 'minGap') state.minGapMs = arg as number;
    scope.postMessage({ id, value });
  };
}

/**
 * In an extension page: starts the commit probe's worker (`__commits.ask(…)` talks to it) and,
 * when asked, records when each desktop notification first exists (`__commits.notifications`).
 */
export function installCommitProbe(channelId: string, workerUrl: string): void {
  const w = window as any;
  const now = () => performance.timeOrigin + performance.now();
  const worker = new Worker(workerUrl);
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  worker.onmessage = (message: MessageEvent) => {
    const { id, value } = message.data as { id: number; value: unknown };
    waiting.get(id)?.(value);
    waiting.delete(id);
  };
  const ask = (what: string, arg?: unknown) =>
    new Promise((resolve) => {
      next += 1;
      waiting.set(next, resolve);
      worker.postMessage({ id: next, ask: what, arg });
    });
  let poller: ReturnType<typeof setInterval> | undefined;
  const state = {
    ask,
    notifications: new Map<string, number>(),
    /**
     * Desktop notifications, by id, when they first exist: polled every 5 ms while on (each poll
     * is a call into the browser process, so only while notifications are measured).
     */
    watchNotifications(on: boolean) {
      if (poller) clearInterval(poller);
      poller = undefined;
      if (!on) return;
      poller = setInterval(() => {
        void chrome.notifications.getAll().then((all) => {
          const t = now();
          for (const id of Object.keys(all)) {
            if (!state.notifications.has(id)) {
              state.notifications.set(id, t);
              void chrome.notifications.clear(id);
            }
          }
        });
      }, 5);
    },
  };
  w.__commits = state;
  void ask('start', channelId);
}

/** A context's JavaScript heap before and after a garbage collection, over the DevTools protocol. */
export async function heap(session: CDPSession) {
  const before = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const after = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { usedMB: mb(before.usedSize), afterGcMB: mb(after.usedSize) };
}

/** The extension's storage use and what its database holds, read from one of its pages. */
export async function databaseSize(probe: Page) {
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
