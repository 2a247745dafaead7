/**
 * static-cdn.jtvnw.net: generated stand-ins for avatars (PNG, as Twitch serves them), emotes,
 * badges and stream previews (SVG), and the ways a CDN fails (`Cdn.fault`).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateSync } from 'node:zlib';
import { GLOBAL_EMOTES } from './events/common.js';
import { escapeHtml } from './http.js';
import { pushCapped } from './objects.js';

/**
 * How the image CDN misbehaves: `unreachable` (the connection is torn down unanswered, as a
 * DNS failure or a network filter looks to a page), `hang` (accepts and never answers), `notFound` (404),
 * `notImage` (200 with an HTML page), `huge` (a 64 MB image, sent slowly).
 */
export const CDN_FAULTS = ['none', 'unreachable', 'hang', 'notFound', 'notImage', 'huge'] as const;
export type CdnFault = (typeof CDN_FAULTS)[number];

export interface CdnRequest {
  path: string;
  fault: CdnFault;
  at: number;
  /** When the request was answered or ended (undefined while it hangs). */
  endedAt?: number;
}

const HUGE_BYTES = 64 * 1024 * 1024;

export class Cdn {
  fault: CdnFault = 'none';
  readonly requests: CdnRequest[] = [];
  /** Requests held open by `hang`, ended when the simulator closes. */
  private readonly held = new Set<ServerResponse>();

  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const record: CdnRequest = { path: url.pathname, fault: this.fault, at: Date.now() };
    pushCapped(this.requests, record, 5_000);
    res.on('close', () => (record.endedAt ??= Date.now()));
    switch (this.fault) {
      case 'unreachable':
        req.socket.destroy();
        return;
      case 'hang':
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      case 'notFound':
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
        return;
      case 'notImage':
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>Blocked</p>');
        return;
      case 'huge':
        sendHuge(res);
        return;
      case 'none':
        handleCdn(res, url);
    }
  }

  close(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }
}

/** A PNG header, then zeros at about 4 MB/s up to 64 MB, unless the client gives up first. */
function sendHuge(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(HUGE_BYTES) });
  res.write(png(1, 1, () => [0, 0, 0]));
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024);
  const timer = setInterval(() => {
    if (res.destroyed || sent >= HUGE_BYTES / 2) {
      clearInterval(timer);
      res.destroy();
      return;
    }
    res.write(chunk);
    sent += chunk.length;
  }, 16);
  res.on('close', () => clearInterval(timer));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of `w`×`h` whose pixel colours `paint` gives. */
function png(
  w: number,
  h: number,
  paint: (x: number, y: number) => [number, number, number],
): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) raw.set(paint(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** HSL (degrees, fractions) to RGB bytes. */
function rgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A profile picture: a figure on the login's colour, like the SVG stand-ins. */
function avatarPng(login: string): Buffer {
  const h = hue(login);
  const bg = rgb(h, 0.6, 0.45);
  const fg = rgb(h, 0.7, 0.8);
  const size = 150;
  return png(size, size, (x, y) => {
    const head = (x - 75) ** 2 + (y - 59) ** 2 <= 29 ** 2;
    const body = y >= 95 && (x - 75) ** 2 / 44 ** 2 + (y - 150) ** 2 / 55 ** 2 <= 1;
    return head || body ? fg : bg;
  });
}

const hue = (seed: string): number =>
  parseInt(createHash('sha1').update(seed).digest('hex').slice(0, 4), 16) % 360;

function svg(res: ServerResponse, body: string, w: number, h: number): void {
  res.writeHead(200, {
    'Content-Type': 'image/svg+xml',
    'Cache-Control': 'public, max-age=86400',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`,
  );
}

function handleCdn(res: ServerResponse, url: URL): void {
  const path = decodeURIComponent(url.pathname);
  let m = /^\/jtv_user_pictures\/(.+?)-profile_image-(\d+)x(\d+)\.\w+$/.exec(path);
  if (m) {
    res.writeHead(200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=86400',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(avatarPng(m[1] ?? '?'));
    return;
  }
  m = /^\/jtv_user_pictures\/(.+?)-channel_offline_image-(\d+)x(\d+)\.\w+$/.exec(path);
  if (m) {
    svg(
      res,
      `<rect width="1920" height="1080" fill="#18181b"/><text x="960" y="560" font-family="Arial" font-size="96" text-anchor="middle" fill="#adadb8">${escapeHtml(m[1] ?? '')} is offline</text>`,
      1920,
      1080,
    );
    return;
  }
  m = /^\/previews-ttv\/live_user_(.+?)-(\d+)x(\d+)\.\w+$/.exec(path);
  if (m) {
    const w = Math.min(1920, Math.max(16, Number(m[2]) || 320));
    const hgt = Math.min(1080, Math.max(9, Number(m[3]) || 180));
    const h = hue(m[1] ?? '');
    svg(
      res,
      `<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="hsl(${h},70%,35%)"/><stop offset="1" stop-color="hsl(${(h + 60) % 360},70%,45%)"/></linearGradient></defs>
      <rect width="${w}" height="${hgt}" fill="url(#g)"/><text x="${w / 2}" y="${hgt / 2}" font-family="Arial" font-size="${Math.round(hgt / 8)}" text-anchor="middle" fill="#fff">${escapeHtml(m[1] ?? '')}</text>`,
      w,
      hgt,
    );
    return;
  }
  m = /^\/emoticons\/v[12]\/([^/]+)\//.exec(path);
  if (m) {
    const emote = GLOBAL_EMOTES.find((e) => e.id === m?.[1]);
    const label = emote?.name ?? m[1] ?? '?';
    const h = hue(label);
    svg(
      res,
      `<circle cx="56" cy="56" r="52" fill="hsl(${h},75%,55%)"/><circle cx="38" cy="46" r="8" fill="#222"/><circle cx="74" cy="46" r="8" fill="#222"/>
      <path d="M32 72 Q56 96 80 72" stroke="#222" stroke-width="7" fill="none" stroke-linecap="round"/>`,
      112,
      112,
    );
    return;
  }
  m = /^\/badges\/v1\/([0-9a-f-]+)\/(\d)$/.exec(path);
  if (m) {
    const h = hue(m[1] ?? '');
    svg(
      res,
      `<rect width="72" height="72" rx="14" fill="hsl(${h},70%,50%)"/><path d="M36 12 L44 30 L62 30 L48 42 L54 60 L36 49 L18 60 L24 42 L10 30 L28 30 Z" fill="#fff"/>`,
      72,
      72,
    );
    return;
  }
  m = /^\/twitch-clips-thumbnails-prod\/([A-Za-z0-9_-]+)\/preview-(\d+)x(\d+)\.jpg$/.exec(path);
  if (m) {
    const h = hue(m[1] ?? '');
    svg(
      res,
      `<rect width="480" height="272" fill="hsl(${h},55%,30%)"/><path d="M210 96 L290 136 L210 176 Z" fill="#fff"/><text x="240" y="240" font-family="Arial" font-size="22" text-anchor="middle" fill="#fff">${escapeHtml((m[1] ?? '').split('-')[0] ?? '')}</text>`,
      480,
      272,
    );
    return;
  }
  // Anything else: a neutral placeholder.
  svg(res, `<rect width="64" height="64" fill="#9146ff"/>`, 64, 64);
}
