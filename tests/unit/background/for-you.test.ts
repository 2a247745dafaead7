import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { onForYou, openForYouNotification } from '../../../lib/background/for-you';
import { releaseHeld, setSnooze } from '../../../lib/background/quiet';
import { database } from '../../../lib/db/database';
import type { ForYouItem } from '../../../lib/db/for-you';
import {
  authSession,
  favorites,
  heldNotifications,
  mentionsThroughQuiet,
  notifyHighlights,
} from '../../../lib/settings';
import { awaySummary } from '../../../lib/wording/away';

vi.mock('../../../lib/background/badge', () => ({ refreshBadge: vi.fn(async () => undefined) }));
const opened = vi.hoisted(() => vi.fn(async (..._args: unknown[]) => undefined));
vi.mock('../../../lib/background/streamer-tab', () => ({ openStreamerPage: opened }));

const ME = '100003';

function item(kind: ForYouItem['kind'], id: string, extra: Partial<ForYouItem> = {}): ForYouItem {
  return {
    id,
    kind,
    channelId: '100001',
    channelLogin: 'demo',
    channelName: 'Demo',
    accountId: ME,
    messageId: `msg-${id}`,
    occurredAt: Date.now(),
    receivedAt: Date.now(),
    senderId: '200',
    senderLogin: 'viewer_one',
    senderName: 'Viewer_One',
    text: '@someone hi',
    read: 0,
    ...extra,
  };
}

describe('"for you" in the background', () => {
  let created: Record<string, { title: string; message: string }>;
  let cleared: string[];

  beforeEach(async () => {
    created = {};
    cleared = [];
    vi.spyOn(browser.notifications, 'create').mockImplementation((async (
      id: string,
      options: { title: string; message: string },
    ) => {
      created[id] = { title: options.title, message: options.message };
      return id;
    }) as never);
    vi.spyOn(browser.notifications, 'clear').mockImplementation((async (id: string) => {
      cleared.push(id);
      return true;
    }) as never);
    await authSession.setValue({
      accessToken: 't',
      userId: ME,
      login: 'someone',
      displayName: 'Someone',
      scopes: [],
      expiresAt: Date.now() + 3_600_000,
      validatedAt: Date.now(),
    });
    await favorites.setValue([{ id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 }]);
  });
  afterEach(() => vi.restoreAllMocks());

  it('notifies each at once, titled with the kind and channel, saying who and what', async () => {
    await onForYou({
      items: [
        item('mention', 'a'),
        item('reply', 'b', { text: 'sure' }),
        item('word', 'c', { text: 'hype!' }),
        item('whisper', 'd', {
          channelLogin: '',
          channelName: '',
          senderName: 'Pal',
          text: 'psst',
        }),
      ],
      withdrawn: [],
    });
    expect(created).toEqual({
      'foryou:a': { title: 'Mention in Demo', message: 'Viewer_One: @someone hi' },
      'foryou:b': { title: 'Reply in Demo', message: 'Viewer_One: sure' },
      'foryou:c': { title: 'Highlight in Demo', message: 'Viewer_One: hype!' },
      'foryou:d': { title: 'Whisper from Pal', message: 'psst' },
    });
  });

  it('highlights have their own switch; stale items and other accounts’ never notify', async () => {
    await notifyHighlights.setValue(false);
    await onForYou({
      items: [
        item('word', 'w'),
        item('user', 'u'),
        item('mention', 'old', { occurredAt: Date.now() - 10 * 60_000 }),
        item('mention', 'theirs', { accountId: '999' }),
        item('mention', 'm'),
      ],
      withdrawn: [],
    });
    expect(Object.keys(created)).toEqual(['foryou:m']);
  });

  it('takes back the notification of a deleted line, and does not show one withdrawn at once', async () => {
    await onForYou({ items: [item('mention', 'x')], withdrawn: ['gone', 'x'] });
    expect(cleared.sort()).toEqual(['foryou:gone', 'foryou:x']);
    expect(created).toEqual({});
  });

  it('quiet time holds them back; the summary names them first', async () => {
    const now = Date.now();
    await setSnooze('hour', now);
    await onForYou(
      {
        items: [
          item('mention', '1'),
          item('mention', '2'),
          item('whisper', '3'),
          item('word', '4'),
        ],
        withdrawn: [],
      },
      now,
    );
    expect(created).toEqual({});
    expect((await heldNotifications.getValue())?.counts).toEqual({
      'forYou/mention': 2,
      'forYou/whisper': 1,
      'forYou/word': 1,
    });
    const counts = {
      ...(await heldNotifications.getValue())!.counts,
      'channel.chat.notification/sub_gift': 41,
    };
    expect(awaySummary(counts)).toBe(
      'While you were away: 2 mentions, 1 whisper, 1 highlight word, then 41 gifted subs',
    );
    await setSnooze('off', now + 1);
    await releaseHeld(now + 2);
    expect(Object.values(created).map((n) => n.message)).toEqual([
      'While you were away: 2 mentions, 1 whisper, 1 highlight word',
    ]);
  });

  it('with the switch on, mentions and whispers come through quiet time; highlights do not', async () => {
    const now = Date.now();
    await mentionsThroughQuiet.setValue(true);
    await setSnooze('hour', now);
    await onForYou(
      { items: [item('mention', 'm'), item('whisper', 'w'), item('word', 'h')], withdrawn: [] },
      now,
    );
    expect(Object.keys(created).sort()).toEqual(['foryou:m', 'foryou:w']);
    expect((await heldNotifications.getValue())?.counts).toEqual({ 'forYou/word': 1 });
  });

  it('a click opens the line on its channel’s streamer page', async () => {
    await database().forYou.add(item('mention', 'click'));
    await openForYouNotification('foryou:click');
    expect(opened).toHaveBeenCalledWith('demo', 'msg-click');
  });
});
