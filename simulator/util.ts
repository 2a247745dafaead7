import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A plain JSON object. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

export const uuid = (): string => randomUUID();

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lowercase alphanumeric string (Twitch tokens are 30 such characters). */
export function randomToken(length = 30): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return out;
}

/** Random id in the style of EventSub session ids. */
export function sessionId(): string {
  return `AgoQ${randomBytes(18).toString('base64url')}`;
}

let lastNs = 0n;
/** RFC 3339 timestamp with nanosecond precision, strictly increasing within this process. */
export function nanoTimestamp(date?: Date): string {
  if (date) return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  let ns = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  if (ns <= lastNs) ns = lastNs + 1n;
  lastNs = ns;
  const ms = Number(ns / 1_000_000n);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

/** RFC 3339 timestamp with millisecond precision (what most event fields carry). */

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge: objects merge key by key, everything else (arrays included) replaces. */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(overrides) || !isPlainObject(base)) {
    return (overrides === undefined ? base : overrides) as T;
  }
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out as T;
}

export const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
};
export const randInt = (min: number, max: number): number =>
  min + Math.floor(Math.random() * (max - min + 1));

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, 'Payload Too Large', 'request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(html);
}

/** Hostname of a Host header, lowercased, without port. */
export function hostOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

/**
 * Appends to a log that keeps (at least) its newest `max` items. It is trimmed a tenth at a time,
 * so a push stays cheap when the log is full and written thousands of times a second.
 */
export function pushCapped<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max + Math.ceil(max / 10)) list.splice(0, list.length - max);
}

/** A positive integer query parameter, clamped to [min, max]; `fallback` when absent. */
export function clampInt(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new HttpError(400, 'Bad Request', `invalid number: ${value}`);
  return Math.min(max, Math.max(min, n));
}

/** Helix's cursor pagination: `after` is an opaque cursor (here, the offset), `first` the page size. */
export function paginate<T>(
  items: T[],
  after: string | null,
  first: number,
): { page: T[]; pagination: { cursor?: string } } {
  let start = 0;
  if (after) {
    const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'Bad Request', 'invalid cursor');
    start = n;
  }
  const page = items.slice(start, start + first);
  const next =
    start + first < items.length
      ? Buffer.from(String(start + first)).toString('base64url')
      : undefined;
  return { page, pagination: next ? { cursor: next } : {} };
}
