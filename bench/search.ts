/**
 * `npm run bench:search`: the search engine over a million stored chat lines, in headless
 * Chromium's IndexedDB with the extension's own schema and code (`bench/search-page.ts`, bundled
 * by esbuild; no extension, no simulator). Prints, and writes to bench-results/search-latest.json:
 *
 * - what the index costs: lines a second stored with and without it (100 lines a write, one write
 *   a transaction, as `bench:indexeddb`), and bytes per line and per index entry (the browser's
 *   own usage estimate, a database of each); events a second stored with and without their words;
 * - the search: p50 / p95 / max over a mix of queries on `--lines` lines (1,000,000), and the
 *   longest task the page had while searching.
 *
 * - the posting lists (`lib/search/postings.ts`): how long packing the filled chat takes, what
 *   it writes, and that the searches find the same with and without them (`--postings 0`: the
 *   searches without them).
 *
 * Options: --lines 1000000 (0: the costs only), --cost-lines 100000, --queries 200, --channels 10,
 * --vocabulary 50000, --postings 1.
 */
import { build } from 'esbuild';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer';
import { NAME_SHIM } from '../browser/driver';
import type * as SearchPage from './search-page';
import { distribution } from './stats';

const { values: options } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'cost-lines': { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    channels: { type: 'string', default: '10' },
    vocabulary: { type: 'string', default: '50000' },
    postings: { type: 'string', default: '1' },
  },
});
const LINES = Number(options.lines);
const COST_LINES = Number(options['cost-lines']);
const QUERIES = Number(options.queries);
const CHANNELS = Number(options.channels);
const VOCABULARY = Number(options.vocabulary);
const POSTINGS = options.postings !== '0';

type Bench = typeof SearchPage;
declare const searchBench: Bench;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [join(root, 'bench/search-page.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'es2022',
  alias: { '#i18n': join(root, 'bench/search-page.ts') },
  define: { 'import.meta.env': '{}' },
  logLevel: 'error',
});
const script = bundle.outputFiles[0]!.text;

const server = http.createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.setHeader('content-type', 'text/javascript');
    res.end(script);
    return;
  }
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>Search</title><script src="/bench.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
  protocolTimeout: 60 * 60 * 1000,
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => x.toFixed(1);

try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(NAME_SHIM);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'searchBench' in window);

  const cost: Record<string, unknown>[] = [];
  for (const [label, indexed, batchSize] of [
    ['no index, 100 lines a write', false, 100],
    ['index, 100 lines a write', true, 100],
    ['no index, 1 line a write', false, 1],
    ['index, 1 line a write', true, 1],
    // A firehose's writes: up to 256 lines get index rows of 64 lines, more get rows of 256.
    ['no index, 256 lines a write', false, 256],
    ['index, 256 lines a write (rows of 64)', true, 256],
    ['no index, 300 lines a write', false, 300],
    ['index, 300 lines a write (rows of 256)', true, 300],
  ] as const) {
    const filled = await page.evaluate(
      (lines, indexed, batchSize, channels, vocabulary) =>
        searchBench.fill('cost', {
          lines,
          channels,
          vocabulary,
          indexed,
          batchesPerTransaction: 1,
          batchSize,
          seed: 7,
        }),
      batchSize === 1 ? COST_LINES / 50 : COST_LINES,
      indexed,
      batchSize,
      CHANNELS,
      VOCABULARY,
    );
    await page.evaluate(() => searchBench.drop('cost'));
    const bytes = filled.usageAfter - filled.usageBefore;
    cost.push({ label, ...filled, bytes });
    log(
      `${label.padEnd(30)} ${n(filled.linesPerSecond).padStart(7)} lines/s, ${n(bytes / filled.lines)} B/line, ${n(filled.indexEntries)} index entries in ${n(filled.batches)} writes`,
    );
  }
  // Events keep their words on their row (a `*words` index): what that costs the recorder.
  for (const [label, words, perWrite] of [
    ['events without words, 1 a write', false, 1],
    ['events with words, 1 a write', true, 1],
    ['events without words, 100 a write', false, 100],
    ['events with words, 100 a write', true, 100],
  ] as const) {
    const stored = await page.evaluate(
      (count, words, perWrite, vocabulary) =>
        searchBench.events('event-cost', { count, perWrite, words, vocabulary, seed: 5 }),
      perWrite === 1 ? 2_000 : 20_000,
      words,
      perWrite,
      VOCABULARY,
    );
    cost.push({ label, ...stored });
    log(
      `${label.padEnd(34)} ${n(stored.eventsPerSecond).padStart(7)} events/s, ${ms(stored.indexEntries / stored.events)} index entries an event`,
    );
  }
  const costOf = (label: string) =>
    cost.find((c) => c.label === label) as { bytes: number; lines: number; indexEntries: number };
  const plain = costOf('no index, 100 lines a write');
  const indexed = costOf('index, 100 lines a write');
  const perEntry = (indexed.bytes - plain.bytes) / indexed.indexEntries;
  log(
    `index: ${ms(perEntry)} B per index entry (100 lines a write), ${n((indexed.bytes - plain.bytes) / indexed.lines)} B per line`,
  );

  if (LINES > 0) {
    log(`filling ${n(LINES)} lines in ${CHANNELS} channels (mixed batch sizes)…`);
    const filled = await page.evaluate(
      (lines, channels, vocabulary) =>
        searchBench.fill('search', {
          lines,
          channels,
          vocabulary,
          indexed: true,
          batchesPerTransaction: 200,
          batchSize: 'mixed',
          seed: 1,
        }),
      LINES,
      CHANNELS,
      VOCABULARY,
    );
    log(
      `filled: ${n(filled.lines)} lines in ${n(filled.batches)} batches, ${n(filled.indexEntries)} index entries, ${n(filled.usageAfter - filled.usageBefore)} bytes, ${ms(filled.seconds)} s`,
    );
    log(`requests: ${JSON.stringify(await page.evaluate(() => searchBench.probe()))}`);
    let compacted: Awaited<ReturnType<Bench['compact']>> | undefined;
    if (POSTINGS) {
      compacted = await page.evaluate(() => searchBench.compact());
      log(
        `posting lists: ${compacted.hours} hours in ${compacted.parts} parts, ${n(compacted.rows)} index rows, ${n(compacted.postings)} posting rows, ${n(compacted.bytes)} bytes, ${ms(compacted.seconds)} s (${ms((compacted.seconds * 1000) / Math.max(1, compacted.parts))} ms a part)`,
      );
      const differ = await page.evaluate(() => searchBench.compare(48, 11));
      log(`with and without posting lists: ${differ.length} of 48 queries differ`);
      for (const line of differ.slice(0, 8)) log(`  ${line}`);
    }
    // A warm-up search opens the database and fills the caches a page open would.
    await page.evaluate(() => searchBench.searches(8, 99));
    await page.evaluate(() => searchBench.startLongTasks());
    const runs = await page.evaluate((count) => searchBench.searches(count, 3), QUERIES);
    const longTasks = await page.evaluate(() => searchBench.takeLongTasks());
    const times = runs.map((r) => r.ms);
    const summary = {
      ...distribution(times)!,
      longestTask: longTasks.length ? Math.max(...longTasks) : 0,
      longTasks: longTasks.length,
    };
    log(
      `search (${runs.length} queries): p50 ${ms(summary.p50)} / p95 ${ms(summary.p95)} / max ${ms(summary.max)} ms; long tasks: ${summary.longTasks} (longest ${ms(summary.longestTask)} ms)`,
    );
    const KINDS = [
      'a frequent word',
      'a mid-frequency word',
      'a rare word',
      'two frequent words',
      'a frequent and a rare word',
      'a prefix alone',
      'a word and a prefix',
      'another word',
    ];
    KINDS.forEach((kind, k) => {
      const of = runs.filter((_, i) => i % KINDS.length === k);
      const d = distribution(of.map((r) => r.ms));
      if (d)
        log(
          `  ${kind.padEnd(28)} p50 ${ms(d.p50).padStart(7)} / p95 ${ms(d.p95).padStart(7)} ms, hits ${of.map((r) => r.hits).join(',')}`,
        );
    });
    const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 8);
    for (const run of slowest)
      log(
        `  ${ms(run.ms).padStart(7)} ms  ${JSON.stringify(run.query)} ${run.filter} → ${run.hits} hits`,
      );
    await page.evaluate(() => searchBench.drop('search'));
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(
      join(root, 'bench-results/search-latest.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cost,
          filled,
          compacted,
          summary,
          runs: runs.map(({ ids: _ids, ...run }) => run),
        },
        null,
        2,
      ),
    );
  }
} finally {
  await browser.close();
  server.close();
}
