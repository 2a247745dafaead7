import { beforeEach, describe, expect, it } from 'vitest';
import { database, type StoredEvent } from '../../../lib/db/database';
import { exportRows, timelineToCsv, timelineToJson } from '../../../lib/history/export';
import { readTimeline, timelineRows, type TimelineRow } from '../../../lib/history/timeline';
import { addressOf, parseAddress, rangeOf } from '../../../lib/history/range';
import { markedParts } from '../../../lib/history/marks';
import { channelNames } from '../../../lib/history/channels';
import {
  ACCOUNT_ID,
  CHANNEL,
  makeEvent,
  OTHER_CHANNEL,
  resetDatabase,
} from '../components/fixtures';

const MIN = 60_000;
/** Noon today (local): every event of a test on one day. */
const T0 = new Date().setHours(12, 0, 0, 0) - 6 * 60 * MIN;
const at = (minutes: number) => T0 + minutes * MIN;

const ev = (
  type: string,
  minutes: number,
  event: Record<string, unknown>,
  channelId = CHANNEL.id,
) =>
  makeEvent({
    type,
    version: '1',
    channelId,
    receivedAt: at(minutes),
    occurredAt: at(minutes),
    event,
  });

const online = (minutes: number, channelId = CHANNEL.id, id = `stream-${minutes}`) =>
  ev(
    'stream.online',
    minutes,
    {
      id,
      broadcaster_user_login: channelId === CHANNEL.id ? 'demo' : 'pixelpaladin',
      broadcaster_user_name: channelId === CHANNEL.id ? 'Demo' : 'PixelPaladin',
    },
    channelId,
  );
const offline = (minutes: number, channelId = CHANNEL.id) =>
  ev('stream.offline', minutes, {}, channelId);
const update = (minutes: number, title: string, category: string, channelId = CHANNEL.id) =>
  makeEvent({
    type: 'channel.update',
    version: '2',
    channelId,
    receivedAt: at(minutes),
    occurredAt: at(minutes),
    event: { title, category_name: category },
  });
const raid = (minutes: number, from: string, viewers: number, channelId = CHANNEL.id) =>
  ev(
    'channel.raid',
    minutes,
    {
      from_broadcaster_user_id: `u-${from}`,
      from_broadcaster_user_name: from,
      to_broadcaster_user_id: channelId,
      viewers,
    },
    channelId,
  );

const shape = (rows: TimelineRow[]) =>
  rows.map((row) =>
    row.kind === 'day'
      ? 'day'
      : row.kind === 'stream'
        ? `stream ${row.group.channelId} ${row.group.live ? row.group.title : 'offline'}`
        : row.kind === 'event'
          ? `  ${row.event.type}`
          : `  forYou`,
  );

async function store(events: StoredEvent[]) {
  await database().events.bulkAdd(events);
}

beforeEach(resetDatabase);

describe('the timeline', () => {
  it('groups by stream, titled by its updates, newest stream first', async () => {
    await store([
      update(0, 'Morning coffee', 'Just Chatting'),
      online(10),
      raid(20, 'Alpha', 10),
      update(30, 'Any% attempts', 'Celeste'),
      offline(40),
      raid(50, 'Beta', 5),
      online(60, OTHER_CHANNEL.id),
      raid(70, 'Gamma', 7, OTHER_CHANNEL.id),
    ]);
    const data = await readTimeline(database(), { from: at(5), to: at(100) }, ACCOUNT_ID);
    expect(shape(timelineRows(data, {}))).toEqual([
      'day',
      `stream ${OTHER_CHANNEL.id} undefined`,
      '  channel.raid',
      '  stream.online',
      `stream ${CHANNEL.id} offline`,
      '  channel.raid',
      `stream ${CHANNEL.id} Any% attempts`,
      '  stream.offline',
      '  channel.update',
      '  channel.raid',
      '  stream.online',
    ]);
    const stream = timelineRows(data, {}).find(
      (r) => r.kind === 'stream' && r.group.title === 'Any% attempts',
    );
    expect(stream).toMatchObject({
      group: { category: 'Celeste', startedAt: at(10), endedAt: at(40), streamId: 'stream-10' },
    });
  });

  it('knows a stream begun before the range from what was recorded before it', async () => {
    await store([online(0), update(1, 'Late night', 'Chess'), raid(30, 'Alpha', 3)]);
    const data = await readTimeline(database(), { from: at(20), to: at(100) }, ACCOUNT_ID);
    const rows = timelineRows(data, {});
    expect(shape(rows)).toEqual(['day', `stream ${CHANNEL.id} Late night`, '  channel.raid']);
    expect(rows[1]).toMatchObject({ group: { startedAt: at(0), category: 'Chess' } });
  });

  it('filters by channel and by kind', async () => {
    await store([
      online(0),
      raid(10, 'Alpha', 3),
      online(5, OTHER_CHANNEL.id),
      raid(15, 'Beta', 4, OTHER_CHANNEL.id),
    ]);
    const data = await readTimeline(database(), { from: 0, to: at(100) }, ACCOUNT_ID);
    expect(shape(timelineRows(data, { channelIds: [OTHER_CHANNEL.id] }))).toEqual([
      'day',
      `stream ${OTHER_CHANNEL.id} undefined`,
      '  channel.raid',
      '  stream.online',
    ]);
    expect(
      shape(timelineRows(data, { hiddenKinds: new Set(['stream.online']) })).filter((r) =>
        r.startsWith(' '),
      ),
    ).toEqual(['  channel.raid', '  channel.raid']);
  });

  it('shows a happening told twice once, and role-only rows only to their account', async () => {
    await store([
      raid(10, 'Alpha', 12),
      makeEvent({
        type: 'channel.chat.notification',
        version: '1',
        receivedAt: at(10) + 500,
        occurredAt: at(10) + 500,
        event: {
          notice_type: 'raid',
          chatter_user_id: 'u-Alpha',
          raid: { user_id: 'u-Alpha', user_name: 'Alpha', viewer_count: 12 },
        },
      }),
      makeEvent({
        type: 'channel.follow',
        version: '2',
        receivedAt: at(11),
        occurredAt: at(11),
        accountId: 'someone-else',
      }),
      makeEvent({ type: 'channel.follow', version: '2', receivedAt: at(12), occurredAt: at(12) }),
    ]);
    const data = await readTimeline(database(), { from: 0, to: at(100) }, ACCOUNT_ID);
    expect(data.events.map((e) => e.type)).toEqual(['channel.raid', 'channel.follow']);
    const signedOut = await readTimeline(database(), { from: 0, to: at(100) }, undefined);
    expect(signedOut.events.map((e) => e.type)).toEqual(['channel.raid']);
  });

  it('places "for you" items in their stream, marked, and shows only them when asked', async () => {
    await store([online(0), raid(10, 'Alpha', 3)]);
    const data = await readTimeline(database(), { from: 0, to: at(100) }, ACCOUNT_ID);
    const forYou = [
      {
        id: 'fy1',
        kind: 'mention' as const,
        channelId: CHANNEL.id,
        accountId: ACCOUNT_ID,
        messageId: 'm1',
        occurredAt: at(5),
        senderName: 'Friend',
        text: '@you hi',
      },
    ];
    expect(shape(timelineRows({ ...data, forYou }, {}))).toEqual([
      'day',
      `stream ${CHANNEL.id} undefined`,
      '  channel.raid',
      '  forYou',
      '  stream.online',
    ]);
    expect(shape(timelineRows({ ...data, forYou }, { forYouOnly: true }))).toEqual([
      'day',
      `stream ${CHANNEL.id} undefined`,
      '  forYou',
    ]);
  });
});

describe('exporting what is shown', () => {
  it('exports the shown rows as CSV (formulas neutralised, cells quoted) and JSON', async () => {
    await store([update(0, '=HYPERLINK("x")', 'Chess'), online(1), raid(2, '+Alpha', 3)]);
    const data = await readTimeline(database(), { from: 0, to: at(100) }, ACCOUNT_ID);
    const rows = timelineRows(data, { hiddenKinds: new Set(['stream.online', 'channel.update']) });
    const names = channelNames(data.events, [CHANNEL]);
    const shown = exportRows(rows, names);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      channel: 'demo',
      stream: '=HYPERLINK("x")',
      category: 'Chess',
      kind: 'channel.raid.to',
    });
    const csv = timelineToCsv(shown);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('occurredAt,channel,stream,category,kind,description,id,event');
    expect(line).toContain(`,demo,"'=HYPERLINK(""x"")",Chess,channel.raid.to,'+Alpha`);
    expect(JSON.parse(timelineToJson(shown))[0].id).toBe(shown[0]!.id);
  });
});

describe('the page address and its range', () => {
  it('reads and writes the stretch and channel, refusing nonsense', () => {
    expect(parseAddress('?from=1000&to=2000&channel=100001')).toEqual({
      from: 1000,
      to: 2000,
      channelId: '100001',
    });
    expect(parseAddress('?from=abc&to=5&channel=<b>')).toEqual({ to: 5 });
    expect(parseAddress('?from=10&to=5')).toEqual({ from: 10 });
    expect(addressOf({ from: 1, to: 2 })).toBe('?from=1&to=2');
  });

  it('starts at the last visit, or a day back on the first one', () => {
    const now = 10 * 24 * 3_600_000;
    expect(rangeOf('lastVisit', { now, lastVisit: now - 5_000 }).from).toBe(now - 5_000);
    expect(rangeOf('lastVisit', { now, lastVisit: null }).from).toBe(now - 24 * 3_600_000);
    expect(rangeOf('given', { now, lastVisit: null, given: { from: 7, to: 9 } })).toMatchObject({
      from: 7,
      to: 9,
    });
  });

  it('marks the matched words as parts, never as markup', () => {
    expect(markedParts('a <b>raid</b>', [[5, 9]])).toEqual([
      { text: 'a <b>', marked: false },
      { text: 'raid', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
});

describe('events of the same millisecond', () => {
  it('are newest first in the order they arrived, streams too', async () => {
    const same = (type: string, channelId: string, receivedAt: number, event = {}) =>
      makeEvent({
        type,
        version: type === 'channel.update' ? '2' : '1',
        channelId,
        occurredAt: at(1),
        receivedAt,
        event,
      });
    await store([
      same('stream.online', CHANNEL.id, at(1)),
      same('stream.offline', CHANNEL.id, at(1) + 1),
      same('stream.online', OTHER_CHANNEL.id, at(1) + 2),
      same('channel.update', OTHER_CHANNEL.id, at(1) + 3, {
        title: 'Later',
        category_name: 'Chess',
      }),
    ]);
    const data = await readTimeline(database(), { from: 0, to: at(100) }, ACCOUNT_ID);
    expect(shape(timelineRows(data, {}))).toEqual([
      'day',
      `stream ${OTHER_CHANNEL.id} Later`,
      '  channel.update',
      '  stream.online',
      `stream ${CHANNEL.id} undefined`,
      '  stream.offline',
      '  stream.online',
    ]);
  });
});
