/** The words and numbers of the "Live now" list: uptime, viewers, the filter. */
import type { LiveStream } from '../../lib/settings';
import { t } from '../../lib/i18n';
import { count, minutesDuration } from '../../lib/wording/format';

/** "3 hr 5 min", "12 min", "under a minute": how long a stream has been live. */
export function uptime(startedAt: string, now: number): string {
  const started = Date.parse(startedAt);
  if (!Number.isFinite(started)) return '';
  const minutes = Math.max(0, Math.floor((now - started) / 60_000));
  if (minutes < 1) return t('live.underAMinute');
  return minutesDuration(minutes);
}

export function viewers(n: number): string {
  return t('live.viewers', n, [count(n)]);
}

/** Whether a live channel matches what was typed in the filter (name, login, category, title). */
export function matchesFilter(stream: LiveStream, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  return [stream.displayName, stream.login, stream.gameName, stream.title].some((text) =>
    text.toLowerCase().includes(wanted),
  );
}

/**
 * Which rows of a list of `count` rows, each `rowHeight` px apart, to render when its scroll box
 * of `viewport` px is scrolled to `scrollTop`: those in view and `overscan` more on each side (so
 * Tab and Shift+Tab always find the next row in the document), plus `keep` (the row holding the
 * focus, which must not leave the document while it is scrolled away). Indexes, ascending.
 */
export function windowRows(
  count: number,
  { scrollTop, viewport, rowHeight }: { scrollTop: number; viewport: number; rowHeight: number },
  overscan: number,
  keep?: number,
): number[] {
  if (count <= 0) return [];
  // A list that just got shorter (the filter) may be scrolled past its end until the box clamps.
  scrollTop = Math.max(0, Math.min(scrollTop, count * rowHeight - viewport));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const rows: number[] = [];
  if (keep !== undefined && keep >= 0 && keep < first) rows.push(keep);
  for (let i = first; i < end; i += 1) rows.push(i);
  if (keep !== undefined && keep >= end && keep < count) rows.push(keep);
  return rows;
}
