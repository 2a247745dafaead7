/**
 * Turns stored events into downloadable JSON or CSV. Pure: the options page adds the Blob and
 * the download. CSV cells are quoted as RFC 4180 says and guarded against spreadsheet formula
 * injection (a cell starting with = + - @ gets a leading apostrophe).
 */
import type { StoredEvent } from './db/database';
import { describeEvent } from './wording';

export const CSV_COLUMNS = [
  'id',
  'channelId',
  'type',
  'version',
  'noticeType',
  'occurredAt',
  'receivedAt',
  'description',
  'event',
] as const;

/** Characters (and leading tab / carriage return) a spreadsheet may read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-guarded, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '';
}

/** The events as CSV (CRLF line ends, a header row, one event per row). */
export function eventsToCsv(events: readonly StoredEvent[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of events) {
    rows.push(
      [
        e.id,
        e.channelId,
        e.type,
        e.version,
        e.noticeType,
        isoTime(e.occurredAt),
        isoTime(e.receivedAt),
        describeEvent(e).text,
        JSON.stringify(e.event),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The events as pretty-printed JSON, times also given as ISO strings. */
export function eventsToJson(events: readonly StoredEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      ...e,
      occurredAtIso: isoTime(e.occurredAt),
      receivedAtIso: isoTime(e.receivedAt),
      description: describeEvent(e).text,
    })),
    null,
    2,
  );
}

/** A file name like `companion-events-2024-05-01.csv`. */
export function exportFileName(extension: 'csv' | 'json', now = new Date()): string {
  return `companion-events-${now.toISOString().slice(0, 10)}.${extension}`;
}
