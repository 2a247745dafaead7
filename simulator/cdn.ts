/** static-cdn.jtvnw.net: generated SVG stand-ins for avatars, emotes, badges and stream previews. */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { GLOBAL_EMOTES } from './events/common.js';
import { escapeHtml } from './util.js';

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

export function handleCdn(res: ServerResponse, url: URL): void {
  const path = decodeURIComponent(url.pathname);
  let m = /^\/jtv_user_pictures\/(.+?)-profile_image-(\d+)x(\d+)\.\w+$/.exec(path);
  if (m) {
    const login = m[1] ?? '?';
    const h = hue(login);
    svg(
      res,
      `<rect width="300" height="300" fill="hsl(${h},60%,45%)"/><circle cx="150" cy="118" r="58" fill="hsl(${h},70%,80%)"/>
      <rect x="62" y="190" width="176" height="110" rx="80" fill="hsl(${h},70%,80%)"/>
      <text x="150" y="285" font-family="Arial" font-size="34" font-weight="700" text-anchor="middle" fill="#fff">${escapeHtml(login.slice(0, 2).toUpperCase())}</text>`,
      300,
      300,
    );
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
  // Anything else: a neutral placeholder.
  svg(res, `<rect width="64" height="64" fill="#9146ff"/>`, 64, 64);
}
