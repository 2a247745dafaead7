import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { icons, onRecorded } from '../../../lib/background/notify';
import type { StoredEvent } from '../../../lib/db/database';
import { favorites, unseenCount } from '../../../lib/settings';
import { pairs } from '../happening-fixtures';

vi.mock('../../../lib/background/badge', () => ({ refreshBadge: vi.fn(async () => undefined) }));

const PICTURE_A = 'https://static-cdn.jtvnw.net/twin-a.png';
const PICTURE_B = 'https://static-cdn.jtvnw.net/twin-b.png';

function online(id: string, channelId: string): StoredEvent {
  return {
    id,
    channelId,
    accountId: '100003',
    type: 'stream.online',
    version: '1',
    noticeType: '',
    occurredAt: Date.now(),
    receivedAt: Date.now(),
    recent: 1,
    event: { broadcaster_user_name: 'Twin' },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('notifications of recorded events', () => {
  it('shows each channel’s notifications with its own picture, even when two favorites share a name', async () => {
    await favorites.setValue([
      { id: '1', login: 'twin_a', displayName: 'Twin', profileImageUrl: PICTURE_A, addedAt: 1 },
      { id: '2', login: 'twin_b', displayName: 'Twin', profileImageUrl: PICTURE_B, addedAt: 2 },
    ]);
    const fetched: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        fetched.push(url);
        return new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), {
          headers: { 'content-type': 'image/png' },
        });
      }),
    );
    // The second favorite's picture is at hand; the first's is not (yet).
    await icons.prefetch(PICTURE_B);

    await onRecorded([online('a-1', '1'), online('b-1', '2')], { playSound: async () => {} });

    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown).sort()).toEqual(['event:a-1', 'event:b-1']);
    expect(shown['event:a-1']).toMatchObject({
      title: 'Twin',
      iconUrl: fakeBrowser.runtime.getURL('/icon/128.png'),
    });
    expect(shown['event:b-1']).toMatchObject({
      title: 'Twin',
      iconUrl: 'data:image/png;base64,iVBORw==',
    });
  });
});

describe('a resub Twitch told twice', () => {
  it('is one notification and counts once on the badge, in one batch or in two', async () => {
    await favorites.setValue([{ id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 }]);
    const sound = { playSound: async () => {} };
    const now = Date.now();
    const [notice, message] = pairs.resub(now, now + 1_000);
    await onRecorded([notice!, message!], sound);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([
      `event:${message!.id}`,
    ]);
    expect(await unseenCount.getValue()).toBe(1);

    // The chat notice first, its subscription message in the next batch: no second popup.
    const [laterNotice, laterMessage] = pairs.resub(now + 60_000, now + 62_000, 4);
    await onRecorded([laterNotice!], sound);
    await onRecorded([laterMessage!], sound);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort()).toEqual(
      [`event:${laterNotice!.id}`, `event:${message!.id}`].sort(),
    );
    expect(await unseenCount.getValue()).toBe(2);
  });
});
