/** Facts about the machine and the size of the built extension's bundles, for the report. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { kb, mb } from './stats';

function sh(cmd: string, cmdArgs: string[]): string {
  try {
    return execFileSync(cmd, cmdArgs, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machine() {
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

export interface BundleRow {
  page: string;
  files: number;
  rawKB: number;
  gzipKB: number;
}

/** Per page: the HTML and every script and stylesheet it loads (plus the worker for offscreen). */
export function bundleSizes(dir: string): BundleRow[] {
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
