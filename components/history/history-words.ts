/** The words and dates of "What did I miss": day headings, a stream's times, a range's name. */
import type { StreamGroup } from '../../lib/history/timeline';
import type { HistoryRange } from '../../lib/history/range';
import { t, uiLanguage } from '../../lib/i18n';
import { clockTime, dateTime } from '../../lib/wording/format';

let dayFormat: { language: string; format: Intl.DateTimeFormat } | undefined;

/** "Saturday, December 5, 2026": a day heading, in the browser's language. */
export function dayHeading(at: number): string {
  const language = uiLanguage();
  if (dayFormat?.language !== language)
    dayFormat = { language, format: new Intl.DateTimeFormat(language, { dateStyle: 'full' }) };
  return dayFormat.format.format(at);
}

/** "Speedrun · Celeste": a stream's title and category; outside a stream, says so. */
export function streamHeading(group: StreamGroup): string {
  if (!group.live) return t('history.notLive');
  const title = group.title || t('history.untitled');
  return group.category ? `${title} · ${group.category}` : title;
}

/** "08:00 PM – 11:30 PM", or "since 08:00 PM" while it has not ended. */
export function streamTimes(group: StreamGroup): string | undefined {
  if (!group.live || group.startedAt === undefined) return undefined;
  return group.endedAt === undefined
    ? t('history.streamSince', [clockTime(group.startedAt)])
    : t('history.streamTimes', [clockTime(group.startedAt), clockTime(group.endedAt)]);
}

export function rangeName(range: HistoryRange): string {
  switch (range.choice) {
    case 'day':
      return t('history.rangeDay');
    case 'week':
      return t('history.rangeWeek');
    case 'all':
      return t('history.rangeAll');
    case 'given':
      return t('history.rangeGiven', [
        dateTime(range.from),
        range.to >= Number.MAX_SAFE_INTEGER ? '' : dateTime(range.to),
      ]);
    default:
      return t('history.rangeLastVisit');
  }
}
