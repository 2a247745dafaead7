import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanionDatabase } from '../../../lib/db/database';
import { unreadForYou, type ForYouReport } from '../../../lib/db/for-you';
import { EventRecorder } from '../../../lib/db/recorder';
import { ForYouMatcher } from '../../../lib/for-you/match';
import { notification } from '../notification';

const ME = '100003';
let db: CompanionDatabase;

beforeEach(async () => {
  db = new CompanionDatabase(`test-${Math.random()}`);
  await db.open();
});

function recorder() {
  const onRecorded = vi.fn();
  const matcher = new ForYouMatcher(ME, { login: 'someone', words: ['hype'], users: [] });
  return {
    onRecorded,
    recorder: new EventRecorder(db, { accountId: ME, forYou: matcher, onRecorded }),
  };
}

/** A channel.chat.message as Twitch sends it, in `channel` (id and login). */
function line(
  text: string,
  {
    channel = ['100001', 'demo'],
    id = `m-${Math.random()}`,
    extra = {},
  }: {
    channel?: [string, string];
    id?: string;
    extra?: Record<string, unknown>;
  } = {},
) {
  return notification(
    'channel.chat.message',
    {
      broadcaster_user_id: channel[0],
      broadcaster_user_login: channel[1],
      broadcaster_user_name: channel[1],
      chatter_user_id: '200',
      chatter_user_login: 'viewer_one',
      chatter_user_name: 'Viewer_One',
      message_id: id,
      message: { text, fragments: [] },
      reply: null,
      ...extra,
    },
    { condition: { broadcaster_user_id: channel[0], user_id: ME } },
  );
}

const reported = (fn: ReturnType<typeof vi.fn>) =>
  fn.mock.calls.flatMap((call) => (call[2] as ForYouReport | undefined)?.items ?? []);

describe('recording what is for the user', () => {
  it('writes an item with the line, in the same write, and reports it', async () => {
    const { recorder: r, onRecorded } = recorder();
    r.add(line('hello @someone', { id: 'chat-1' }));
    r.add(line('just chatting'));
    await r.flush();
    const items = await unreadForYou(db, ME);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        channelId: '100001',
        channelLogin: 'demo',
        messageId: 'chat-1',
        senderName: 'Viewer_One',
        text: 'hello @someone',
        read: 0,
      }),
    ]);
    expect(reported(onRecorded).map((i) => i.messageId)).toEqual(['chat-1']);
    expect(onRecorded.mock.calls[0]![1]).toBe(2);
  });

  it('stores a redelivered line’s item once and reports it once', async () => {
    const { recorder: r, onRecorded } = recorder();
    const first = line('hype!');
    r.add(first);
    await r.flush();
    r.add({ ...first });
    await r.flush();
    expect(await db.forYou.count()).toBe(1);
    expect(reported(onRecorded)).toHaveLength(1);
  });

  it('a line of a shared chat seen through two favorites is one item', async () => {
    const { recorder: r, onRecorded } = recorder();
    const shared = {
      source_broadcaster_user_id: '100001',
      source_message_id: 'source-1',
    };
    r.add(line('@someone look', { id: 'copy-a', extra: shared }));
    await r.flush();
    r.add(line('@someone look', { channel: ['100002', 'other'], id: 'copy-b', extra: shared }));
    r.add(line('@someone look', { channel: ['100002', 'other'], id: 'copy-b', extra: shared }));
    await r.flush();
    expect(await db.forYou.count()).toBe(1);
    expect(reported(onRecorded)).toHaveLength(1);
  });

  it('never the user’s own lines', async () => {
    const { recorder: r } = recorder();
    r.add(line('@someone hype', { extra: { chatter_user_id: ME } }));
    await r.flush();
    expect(await db.forYou.count()).toBe(0);
  });

  it('a deleted line’s item is withdrawn and leaves the unread list; a clear withdraws the rest', async () => {
    const { recorder: r, onRecorded } = recorder();
    r.add(line('hype one', { id: 'del-1' }));
    r.add(line('hype two', { id: 'del-2' }));
    await r.flush();
    const [two, one] = await unreadForYou(db, ME);
    r.add(notification('channel.chat.message_delete', { message_id: 'del-1' }));
    await r.flush();
    expect(onRecorded.mock.calls.at(-1)![2]).toEqual({ items: [], withdrawn: [one!.id] });
    expect((await unreadForYou(db, ME)).map((i) => i.messageId)).toEqual(['del-2']);
    r.add(notification('channel.chat.clear', {}));
    await r.flush();
    expect(onRecorded.mock.calls.at(-1)![2]).toEqual({ items: [], withdrawn: [two!.id] });
    expect(await unreadForYou(db, ME)).toEqual([]);
  });

  it('a whisper (Twitch’s user.whisper.message) is an item from its sender', async () => {
    const { recorder: r, onRecorded } = recorder();
    r.add(
      notification(
        'user.whisper.message',
        {
          from_user_id: '300',
          from_user_login: 'pal',
          from_user_name: 'Pal',
          to_user_id: ME,
          to_user_login: 'someone',
          to_user_name: 'Someone',
          whisper_id: 'w-1',
          whisper: { text: 'psst' },
        },
        { condition: { user_id: ME } },
      ),
    );
    await r.flush();
    const [item] = await unreadForYou(db, ME);
    expect(item).toMatchObject({
      kind: 'whisper',
      channelId: ME,
      messageId: 'w-1',
      senderId: '300',
      senderLogin: 'pal',
      senderName: 'Pal',
      text: 'psst',
    });
    expect(item!.id).toBe((await db.events.toArray())[0]!.id);
    expect(reported(onRecorded)).toHaveLength(1);
  });
});
