/** Helix query parameters: bounded numbers and cursor pagination. */
import { HttpError } from '../http.js';

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

/** The `first` page size: an integer from 1 to `max`, else 400 (Helix does not clamp it). */
export function pageSize(value: string | null, fallback: number, max = 100): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new HttpError(
      400,
      'Bad Request',
      `The parameter "first" was malformed: the value must be between 1 and ${max}`,
    );
  }
  return n;
}
