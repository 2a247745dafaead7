import { LOCALE } from '../../lib/wording/format';

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'always', style: 'long' });

/** "just now", "45 seconds ago", "5 minutes ago", "3 hours ago", "2 days ago". */
export function relativeTime(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return relative.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}
