import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CompanionDatabase, type StoredEvent } from '../../lib/db/database';
import { eventsVisibleTo, isRoleOnly, visibleTo } from '../../lib/db/visibility';
import { eventCatalog } from '../../lib/twitch/catalog';

const BROADCASTER = '100001';
const MOD = '100002';
const VIEWER = '100003';

let seq = 0;
function stored(type: string, accountId: string, extra: Partial<StoredEvent> = {}): StoredEvent {
  seq += 1;
  return {
    id: `e${seq}`,
    channelId: BROADCASTER,
    type,
    version: '1',
    noticeType: '',
    occurredAt: seq,
    receivedAt: seq,
    recent: 1,
    event: {},
    accountId,
    ...extra,
  };
}

describe('which events are role-only', () => {
  it('follows the catalog: moderator and broadcaster types are, viewer types are not', () => {
    for (const entry of eventCatalog) {
      const event = stored(entry.type, '', {
        version: entry.version,
        event: entry.id === 'channel.raid.to' ? { to_broadcaster_user_id: BROADCASTER } : {},
      });
      expect([entry.id, isRoleOnly(event)]).toEqual([entry.id, entry.role !== 'viewer']);
    }
  });

  it('counts every chat notice as public, and a type the catalog does not know as role-only', () => {
    const notice = stored('channel.chat.notification', '', {
      noticeType: 'sub',
      event: { notice_type: 'sub' },
    });
    expect(isRoleOnly(notice)).toBe(false);
    expect(isRoleOnly(stored('channel.chat.notification', '', { event: {} }))).toBe(false);
    expect(isRoleOnly(stored('channel.brand_new_thing', ''))).toBe(true);
  });
});

describe('visibleTo', () => {
  const follow = stored('channel.follow', BROADCASTER, { version: '2' });
  const hold = stored('automod.message.hold', MOD, { version: '2' });
  const goLive = stored('stream.online', BROADCASTER);

  it('shows a role-only event to the account that received it, and to nobody else', () => {
    expect(visibleTo(follow, BROADCASTER)).toBe(true);
    expect(visibleTo(follow, VIEWER)).toBe(false);
    expect(visibleTo(follow, MOD)).toBe(false);
    expect(visibleTo(follow, undefined)).toBe(false);
    expect(visibleTo(hold, MOD)).toBe(true);
    expect(visibleTo(hold, BROADCASTER)).toBe(false);
  });

  it('shows a public event to everyone, signed in or not', () => {
    for (const account of [BROADCASTER, MOD, VIEWER, undefined])
      expect(visibleTo(goLive, account)).toBe(true);
  });

  it('shows a role-only event of an unknown account to nobody, even an empty account', () => {
    const unknown = stored('channel.subscribe', '');
    for (const account of [BROADCASTER, MOD, VIEWER, '', undefined])
      expect(visibleTo(unknown, account)).toBe(false);
    expect(visibleTo(stored('channel.raid', '', { event: {} }), VIEWER)).toBe(true);
  });
});

describe('the schema upgrade to version 3', () => {
  it('marks the events recorded so far as of an unknown account', async () => {
    const name = `upgrade-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({
      events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type',
      chatBatches: '[channelId+receivedAt+count]',
    });
    const { accountId: _a, ...follow } = stored('channel.follow', '', { version: '2' });
    const { accountId: _b, ...goLive } = stored('stream.online', '');
    await v2.table('events').bulkAdd([follow, goLive]);
    await v2
      .table('chatBatches')
      .add({ channelId: BROADCASTER, receivedAt: 1, count: 0, lines: [] });
    v2.close();

    const db = new CompanionDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    const rows = await db.events.toArray();
    expect(rows.map((e) => [e.id, e.accountId])).toEqual([
      [follow.id, ''],
      [goLive.id, ''],
    ]);
    expect(await db.chatBatches.count()).toBe(1);
    // The old follow is nobody's now; the old go-live is everyone's.
    expect((await eventsVisibleTo(db, BROADCASTER)).map((e) => e.id)).toEqual([goLive.id]);
    db.close();
  });
});

describe('eventsVisibleTo', () => {
  it('reads every channel’s visible events, channel by channel in arrival order', async () => {
    const db = new CompanionDatabase(`test-${Math.random()}`);
    await db.open();
    const rows = [
      stored('channel.follow', VIEWER, { version: '2', channelId: 'B' }),
      stored('channel.follow', BROADCASTER, { version: '2', channelId: 'A' }),
      stored('stream.offline', MOD, { channelId: 'B' }),
      stored('channel.cheer', VIEWER, { channelId: 'A' }),
      stored('channel.update', '', { version: '2', channelId: 'A' }),
    ];
    await db.events.bulkAdd(rows);
    const ids = async (account: string | undefined) =>
      (await eventsVisibleTo(db, account)).map((e) => e.id);
    const [followB, followA, offlineB, cheerA, updateA] = rows.map((r) => r.id);
    expect(await ids(VIEWER)).toEqual([cheerA, updateA, followB, offlineB]);
    expect(await ids(BROADCASTER)).toEqual([followA, updateA, offlineB]);
    expect(await ids(undefined)).toEqual([updateA, offlineB]);
    db.close();
  });
});
