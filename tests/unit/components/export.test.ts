import { describe, expect, it } from 'vitest';
import {
  csvCell,
  CSV_COLUMNS,
  eventsToCsv,
  eventsToJson,
  exportFileName,
} from '../../../lib/export';
import { makeEvent } from './fixtures';

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [undefined, ''],
    [42, '42'],
  ])('quotes cells with commas, quotes and line breaks: %j', (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['a=1', 'a=1'],
  ])('guards against formula injection: %j', (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });

  it('writes a header and one row per event with ISO times, a description and the raw event', () => {
    const at = Date.UTC(2024, 4, 1, 12, 30, 0);
    const event = makeEvent({
      id: 'm1',
      type: 'channel.chat.notification',
      version: '1',
      noticeType: 'announcement',
      occurredAt: at,
      receivedAt: at + 1000,
      event: {
        chatter_user_name: '=Mallory',
        notice_type: 'announcement',
        message: { text: 'hello, "world"' },
      },
    });
    const csv = eventsToCsv([event]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(header).toBe(
      'id,channelId,type,version,noticeType,occurredAt,receivedAt,description,event',
    );
    expect(end).toBe('');
    expect(row).toBe(
      [
        'm1',
        '100001',
        'channel.chat.notification',
        '1',
        'announcement',
        '2024-05-01T12:30:00.000Z',
        '2024-05-01T12:30:01.000Z',
        // The description starts with "=": guarded, and quoted for its comma and quotes.
        '"\'=Mallory announced: hello, ""world"""',
        `"${JSON.stringify(event.event).replaceAll('"', '""')}"`,
      ].join(','),
    );
  });

  it('describes unknown types generically', () => {
    const csv = eventsToCsv([
      makeEvent({ id: 'x', type: 'channel.unknown_future', version: '1', event: {} }),
    ]);
    expect(csv).toContain('New channel.unknown_future event');
  });

  it('exports JSON that parses back to the events', () => {
    const events = [makeEvent({ id: 'j1' }), makeEvent({ id: 'j2' })];
    const parsed = JSON.parse(eventsToJson(events)) as {
      id: string;
      event: unknown;
      receivedAtIso: string;
    }[];
    expect(parsed.map((e) => e.id)).toEqual(['j1', 'j2']);
    expect(parsed[0]!.event).toEqual(events[0]!.event);
    expect(parsed[0]!.receivedAtIso).toBe(new Date(events[0]!.receivedAt).toISOString());
  });

  it('names files by date', () => {
    expect(exportFileName('csv', new Date(Date.UTC(2024, 0, 2)))).toBe(
      'companion-events-2024-01-02.csv',
    );
  });
});
