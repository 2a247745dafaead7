/**
 * `npm run bench:indexeddb`: how fast headless Chromium's IndexedDB stores chat lines, one row
 * per line (with and without secondary indexes) against one row per write of many lines (the
 * layout `lib/db/database.ts` uses). Nothing else runs: no extension, no simulator. It explains
 * the chat table's shape; see docs/benchmarks.md.
 *
 * Options: --lines 30000 (per layout), --per-write 100 (lines per transaction).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer';
import { NAME_SHIM } from '../browser/driver';

const { values: options } = parseArgs({
  options: {
    lines: { type: 'string', default: '30000' },
    'per-write': { type: 'string', default: '100' },
  },
});
const LINES = Number(options.lines);
const PER_WRITE = Number(options['per-write']);

interface Layout {
  name: string;
  /** One row per line, with these indexes; or one row per write (`batch`). */
  batch: boolean;
  indexes: string[][];
}

const LAYOUTS: Layout[] = [
  {
    name: 'row per line, 3 indexes (schema version 1)',
    batch: false,
    indexes: [['messageId'], ['channelId', 'receivedAt'], ['channelId', 'chatterId']],
  },
  { name: 'row per line, 1 index', batch: false, indexes: [['channelId', 'receivedAt']] },
  { name: 'row per line, no index', batch: false, indexes: [] },
  { name: 'row per write, key only (schema version 2)', batch: true, indexes: [] },
];

/** Runs in the page: stores `lines` chat-like lines `perWrite` to a transaction; lines/s. */
async function measure(layout: Layout, lines: number, perWrite: number): Promise<number> {
  const name = `layout-${Math.random()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = layout.batch
        ? open.result.createObjectStore('chat', { keyPath: ['channelId', 'receivedAt', 'count'] })
        : open.result.createObjectStore('chat', { keyPath: 'id' });
      for (const index of layout.indexes)
        store.createIndex(index.join('+'), index.length === 1 ? index[0]! : index);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const line = (i: number) => {
    const text = `hello there, this is chat line number ${i} Kappa`;
    return {
      id: crypto.randomUUID(),
      messageId: crypto.randomUUID(),
      channelId: '100001',
      chatterId: String(1000 + (i % 500)),
      occurredAt: Date.now(),
      receivedAt: Date.now() + i / 1000,
      event: {
        broadcaster_user_id: '100001',
        broadcaster_user_login: 'demo',
        broadcaster_user_name: 'Demo',
        chatter_user_id: String(1000 + (i % 500)),
        chatter_user_login: `user${i % 500}`,
        chatter_user_name: `User${i % 500}`,
        message_id: crypto.randomUUID(),
        message: {
          text,
          fragments: [
            { type: 'text', text: text.slice(0, -5), cheermote: null, emote: null, mention: null },
            {
              type: 'emote',
              text: 'Kappa',
              cheermote: null,
              emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
              mention: null,
            },
          ],
        },
        color: '#FF0000',
        badges: [{ set_id: 'subscriber', id: '12', info: '12' }],
        message_type: 'text',
        cheer: null,
        reply: null,
      },
    };
  };
  const started = performance.now();
  for (let done = 0; done < lines; done += perWrite) {
    const group = Array.from({ length: perWrite }, (_, i) => line(done + i));
    const rows = layout.batch
      ? [
          {
            channelId: '100001',
            receivedAt: group[0]!.receivedAt,
            count: group.length,
            lines: group,
          },
        ]
      : group;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('chat', 'readwrite');
      for (const row of rows) tx.objectStore('chat').add(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  indexedDB.deleteDatabase(name);
  return Math.round(lines / seconds);
}

const server = http.createServer((_, res) => {
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>IndexedDB layouts</title>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(NAME_SHIM);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  process.stdout.write(`${LINES.toLocaleString('en-US')} lines, ${PER_WRITE} per write\n`);
  for (const layout of LAYOUTS) {
    const perSecond = await page.evaluate(measure, layout, LINES, PER_WRITE);
    process.stdout.write(
      `${layout.name.padEnd(45)} ${perSecond.toLocaleString('en-US')} lines/s\n`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
