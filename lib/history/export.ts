/**
 * The timeline as shown (its filters applied) as JSON or CSV: one row per event or "for you"
 * item, newest first, with its channel and stream. CSV cells as `lib/export.ts` writes them
 * (RFC 4180 quoting, formula-leading cells neutralised).
 */
import { csvCell } from '../export';
import { kindOf } from '../twitch/catalog';
import { describeEvent } from '../wording';
import type { ChannelName } from './channels';
import type { TimelineRow } from './timeline';

export const TIMELINE_CSV_COLUMNS = [
  'occurredAt',
  'channel',
  'stream',
  'category',
  'kind',
  'description',
  'id',
  'event',
] as const;

export interface TimelineExportRow {
  id: string;
  occurredAt: string;
  channelId: string;
  channel: string;
  stream: string;
  category: string;
  kind: string;
  description: string;
  event: unknown;
}

const isoTime = (ms: number) => {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '';
};

/** The exported rows of what the timeline shows. */
export function exportRows(
  rows: readonly TimelineRow[],
  names: ReadonlyMap<string, ChannelName>,
): TimelineExportRow[] {
  const out: TimelineExportRow[] = [];
  for (const row of rows) {
    if (row.kind !== 'event' && row.kind !== 'forYou') continue;
    const { group } = row;
    const common = {
      channelId: group.channelId,
      channel: names.get(group.channelId)?.login ?? group.channelId,
      stream: group.title ?? '',
      category: group.category ?? '',
    };
    if (row.kind === 'event')
      out.push({
        id: row.event.id,
        occurredAt: isoTime(row.event.occurredAt),
        ...common,
        kind: kindOf(row.event),
        description: describeEvent(row.event).text,
        event: row.event.event,
      });
    else
      out.push({
        id: row.item.id,
        occurredAt: isoTime(row.item.occurredAt),
        ...common,
        kind: `forYou.${row.item.kind}`,
        description: `${row.item.senderName}: ${row.item.text}`,
        event: {
          messageId: row.item.messageId,
          senderName: row.item.senderName,
          text: row.item.text,
        },
      });
  }
  return out;
}

export function timelineToJson(rows: readonly TimelineExportRow[]): string {
  return JSON.stringify(rows, null, 2);
}

export function timelineToCsv(rows: readonly TimelineExportRow[]): string {
  const lines = [TIMELINE_CSV_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      [
        r.occurredAt,
        r.channel,
        r.stream,
        r.category,
        r.kind,
        r.description,
        r.id,
        JSON.stringify(r.event),
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** `companion-timeline-2024-05-01.csv`. */
export const timelineFileName = (extension: 'csv' | 'json', now = new Date()) =>
  `companion-timeline-${now.toISOString().slice(0, 10)}.${extension}`;
