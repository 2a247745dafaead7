import { describe, expect, it } from 'vitest';
import type { BrowserDriver, BrowserPage } from '../../browser/driver';
import { notificationIds, storageGet, storageSet } from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

/** The poll interval for this file: seconds, so a test sees the poll within one wait. */
const POLL_MS = 3_000;

interface FollowsLike {
  channels: { id: string; login: string; displayName: string }[];
  fetchedAt: number;
}

interface LiveLike {
  fetchedAt: number;
  streams: { streamId: string; channelId: string; login: string; displayName: string }[];
}

type SimFollow = { id: string; login: string; live: boolean; viewers: number };

const simFollows = (h: BrowserDriver) =>
  h.sim.control.follows({ login: 'demo_viewer' }) as unknown as SimFollow[];

/** The rows of the popup's Live now list, in order: login and the name shown. */
function liveRows(page: BrowserPage) {
  return page.evaluate(() =>
    [...document.querySelectorAll('ul[aria-label="Live now"] > li')].map((li) => ({
      login: li.getAttribute('data-login') ?? '',
      name: li.querySelector('[data-field="name"]')?.textContent ?? '',
    })),
  );
}

/** How many go-live notifications for `login` (whose stream is titled `title`) are shown. */
async function goLiveNotifications(h: BrowserDriver, login: string, title: string) {
  const listed = (await notificationIds(h)).filter((id) => id.startsWith(`golive:${login}:`));
  // Firefox draws them in alert windows of its own (their text is the message: category and
  // title) and leaves them out of getAll().
  const drawn = h.shownNotifications
    ? (await h.shownNotifications()).filter((t) => t.includes(title))
    : [];
  return Math.max(listed.length, drawn.length);
}

/** A followed channel that is offline now (not demo, the favorite, which EventSub covers). */
function offlineFollow(h: BrowserDriver): SimFollow {
  // A channel not used before: one that went live in an earlier test would be within its cooldown.
  const follow = simFollows(h).find((f) => !f.live && f.login !== 'demo' && !used.has(f.login));
  if (!follow) throw new Error('every followed channel is live');
  used.add(follow.login);
  return follow;
}

const used = new Set<string>();

describe('followed channels and who is live', () => {
  const h = useBrowser({
    setup: async (driver) => {
      await storageSet(driver, { livePollIntervalMs: POLL_MS });
    },
    listening: { login: 'demo_viewer', favorite: 'demo' },
  });

  it('imports all 150 follows', async () => {
    const expected = simFollows(h).map((f) => f.id);
    expect(expected).toHaveLength(150);
    const stored = await waitFor(async () => {
      const follows = await storageGet<FollowsLike>(h, 'follows');
      return follows && follows.channels.length === 150 ? follows : undefined;
    }, 'the 150 follows to be imported');
    expect(stored.channels.map((c) => c.id)).toEqual(expected);
  });

  it('lists who is live, favorites first then by viewers, and the poll keeps it current', async () => {
    const page = await h.openPage('/popup.html');
    try {
      const live = simFollows(h)
        .filter((f) => f.live)
        .sort((a, b) => b.viewers - a.viewers);
      expect(live.length).toBeGreaterThan(5);
      const expectedOrder = () => {
        const follows = simFollows(h).filter((f) => f.live);
        const favorite = follows.filter((f) => f.login === 'demo');
        const others = follows
          .filter((f) => f.login !== 'demo')
          .sort((a, b) => b.viewers - a.viewers);
        return [...favorite, ...others].map((f) => f.login);
      };
      await waitFor(
        async () => (await liveRows(page)).map((r) => r.login).join() === expectedOrder().join(),
        'the Live now list in order',
      );
      // The names shown are the channels' display names, as the poll read them from Twitch.
      const state = await storageGet<LiveLike>(h, 'liveStreams');
      const names = new Map(state!.streams.map((s) => [s.login, s.displayName]));
      for (const row of await liveRows(page)) {
        expect(row.name).toBe(names.get(row.login));
        expect(row.name.toLowerCase()).toBe(row.login);
      }

      // A stream starts: the next poll adds it, at the top of the non-favorites.
      const starting = offlineFollow(h);
      h.sim.control.setLive({ channel: starting.login, live: true, viewers: 999_999 });
      await waitFor(
        async () => (await liveRows(page)).map((r) => r.login).join() === expectedOrder().join(),
        `${starting.login} to appear in Live now`,
      );
      const rows = (await liveRows(page)).map((r) => r.login);
      expect(rows.indexOf(starting.login)).toBe(expectedOrder().includes('demo') ? 1 : 0);

      // It ends: the next poll takes it out.
      h.sim.control.setLive({ channel: starting.login, live: false });
      await waitFor(
        async () => !(await liveRows(page)).some((r) => r.login === starting.login),
        `${starting.login} to leave Live now`,
      );
    } finally {
      await page.close();
    }
  });

  it('notifies a non-favorite going live within one poll, and not again when it restarts', async () => {
    const channel = offlineFollow(h);
    const title = `Going live now ${channel.login}`;
    h.sim.control.setLive({ channel: channel.login, live: true, viewers: 500, title });
    const stream = await waitFor(
      async () =>
        (await storageGet<LiveLike>(h, 'liveStreams'))?.streams.find(
          (s) => s.login === channel.login,
        ),
      `${channel.login} in the polled live list`,
    );
    await waitFor(
      async () => (await goLiveNotifications(h, channel.login, title)) === 1,
      `the go-live notification for ${channel.login}`,
    );

    // The stream ends and starts again at once: a new stream id, within the cooldown.
    h.sim.control.setLive({ channel: channel.login, live: false });
    h.sim.control.setLive({ channel: channel.login, live: true, viewers: 500 });
    const restarted = await waitFor(
      async () =>
        (await storageGet<LiveLike>(h, 'liveStreams'))?.streams.find(
          (s) => s.login === channel.login && s.streamId !== stream.streamId,
        ),
      'the poll to see the restarted stream',
    );
    // Two more polls after it, and still the one notification.
    const seenAt = (await storageGet<LiveLike>(h, 'liveStreams'))!.fetchedAt;
    await waitFor(
      async () => ((await storageGet<LiveLike>(h, 'liveStreams'))?.fetchedAt ?? 0) > seenAt,
      'another poll',
    );
    expect(restarted.streamId).not.toBe(stream.streamId);
    expect(await goLiveNotifications(h, channel.login, title)).toBe(1);
    // A click opens that channel's streamer page.
    const page = await h.pageOpenedBy(`${h.origin}/streamer.html?channel=${channel.login}`, () =>
      h.clickNotification(`golive:${channel.login}:${stream.streamId}`, title),
    );
    await page.close();
  });

  it('filters the live list', async () => {
    const page = await h.openPage('/popup.html');
    try {
      const rows = await waitFor(async () => {
        const r = await liveRows(page);
        return r.length > 3 ? r : undefined;
      }, 'the Live now list');
      const wanted = rows[2]!;
      await page.type('input[aria-label="Filter live channels"]', wanted.name);
      await waitFor(
        async () => (await liveRows(page)).map((r) => r.login).join() === wanted.login,
        `only ${wanted.login} listed`,
      );
      await page.type('input[aria-label="Filter live channels"]', 'no-such-channel-anywhere');
      await waitFor(
        () =>
          page.evaluate(
            () => document.body.textContent?.includes('No live channel matches') ?? false,
          ),
        'the no-match message',
      );
    } finally {
      await page.close();
    }
  });
});
