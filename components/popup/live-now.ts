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
