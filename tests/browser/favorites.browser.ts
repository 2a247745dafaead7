import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  notificationIds,
  popupBudgetText,
  readTable,
  storageGet,
  storageSet,
  waitForListening,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
  { id: '100011', login: 'speedrunsam', displayName: 'SpeedrunSam', addedAt: 3 },
];

const recentEventIds = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label="Recent events"] > li[data-event-id]')].map(
      (li) => li.getAttribute('data-event-id') ?? '',
    ),
  );

const heading = (page: BrowserPage) =>
  page.evaluate(() => document.querySelector('header h1')?.textContent ?? '');

const favoriteButton = (page: BrowserPage, name: string) =>
  page.evaluate(
    (label) =>
      document.querySelector(`button[aria-label="${label}"]`)?.getAttribute('aria-pressed') ?? null,
    `Favorite ${name}`,
  );

describe('several favorites in real time', () => {
  const h = useBrowser({
    listening: {},
    setup: async (driver) => {
      await storageSet(driver, { favorites: FAVORITES }, 'sync');
    },
  });

  const enabled = () =>
    h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }) as {
      type: string;
      condition: Record<string, string>;
      cost: number;
      transport: { session_id?: string };
    }[];

  it('listens to three favorites on one socket, never past the cost budget of 10', async () => {
    const status = await waitFor(async () => {
      const s = await waitForListening(h);
      const ids = (s as unknown as { channelIds?: string[] }).channelIds;
      return ids?.length === 3 ? s : undefined;
    }, 'the listener on three favorites');
    // Listening is reported with the first subscriptions; the rest of the plan follows.
    const costOf = (list: ReturnType<typeof enabled>) => list.reduce((n, s) => n + s.cost, 0);
    const subs = await waitFor(() => {
      const list = enabled();
      expect(costOf(list)).toBeLessThanOrEqual(10);
      return costOf(list) === 10 ? list : undefined;
    }, 'the planned subscriptions, cost 10');
    expect(costOf(subs)).toBe(10);
    expect(new Set(subs.map((s) => s.transport.session_id)).size).toBe(1);
    expect(h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' })).toHaveLength(1);
    // Going live in real time for every favorite, and chat for every favorite at no cost.
    for (const favorite of FAVORITES) {
      const mine = subs.filter((s) => s.condition.broadcaster_user_id === favorite.id);
      expect(mine.map((s) => s.type)).toContain('stream.online');
      expect(mine.map((s) => s.type)).toContain('channel.chat.notification');
    }
    // What did not fit is said to be polled.
    expect(status.subscriptions.some((s) => s.status === 'polled')).toBe(true);
    const text = await popupBudgetText(h);
    expect(text).toContain('Real-time: 10 of 10');
    // Online, offline and title changes of all three fit; raids and shared chat do not.
    expect(text).toMatch(/Outgoing raids, [^]*for SpeedrunSam: not received/);
    expect(text).not.toContain('Going live');
  });

  it('records the events of each favorite and shows them on its own page', async () => {
    const sent = FAVORITES.map(
      (favorite) =>
        h.sim.control.trigger({
          type: 'channel.chat.notification',
          noticeType: 'announcement',
          channel: favorite.login,
          text: `hello ${favorite.login}`,
        }).delivered[0]!.messageId,
    );
    await waitFor(async () => {
      const events = await readTable<{ id: string; channelId: string }>(h, 'events');
      return sent.every((id, i) =>
        events.some((e) => e.id === id && e.channelId === FAVORITES[i]!.id),
      );
    }, 'every favorite’s event recorded under its channel');
    const page = await h.openPage('/streamer.html?channel=pixelpaladin');
    try {
      await waitFor(async () => (await recentEventIds(page)).includes(sent[1]!), 'its event');
      expect(await recentEventIds(page)).not.toContain(sent[0]);
      expect(await heading(page)).toBe('PixelPaladin');
    } finally {
      await page.close();
    }
  });

  it('switches channels with the Channel select and updates the address', async () => {
    const page = await h.openPage('/streamer.html');
    try {
      await waitFor(async () => (await heading(page)) === 'Demo', 'the first favorite');
      await page.evaluate(() => {
        const label = [...document.querySelectorAll('label')].find((l) =>
          l.textContent?.startsWith('Channel'),
        );
        const select = label!.querySelector('select')!;
        select.value = 'speedrunsam';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await waitFor(async () => (await heading(page)) === 'SpeedrunSam', 'the chosen channel');
      expect(await page.evaluate(() => location.search)).toBe('?channel=speedrunsam');
    } finally {
      await page.close();
    }
  });

  it('adds and removes the channel with the Favorite toggle', async () => {
    const page = await h.openPage('/streamer.html?channel=speedrunsam');
    const logins = async () =>
      ((await storageGet<{ login: string }[]>(h, 'favorites', 'sync')) ?? []).map((f) => f.login);
    try {
      await waitFor(
        async () => (await favoriteButton(page, 'SpeedrunSam')) === 'true',
        'the toggle pressed',
      );
      await page.click('button[aria-label="Favorite SpeedrunSam"]');
      await waitFor(
        async () => (await favoriteButton(page, 'SpeedrunSam')) === 'false',
        'the toggle released',
      );
      expect(await logins()).toEqual(['demo', 'pixelpaladin']);
      // The page still shows the channel, so it can be added back — at the end.
      expect(await heading(page)).toBe('SpeedrunSam');
      await page.click('button[aria-label="Favorite SpeedrunSam"]');
      await waitFor(
        async () => (await favoriteButton(page, 'SpeedrunSam')) === 'true',
        'the toggle pressed again',
      );
      expect(await logins()).toEqual(['demo', 'pixelpaladin', 'speedrunsam']);
    } finally {
      await page.close();
    }
  });

  it('mutes and unmutes the notifications of one favorite', async () => {
    const page = await h.openPage('/streamer.html?channel=pixelpaladin');
    const pressed = () =>
      page.evaluate(
        () =>
          document
            .querySelector('button[aria-label="Notifications for PixelPaladin"]')
            ?.getAttribute('aria-pressed') ?? null,
      );
    try {
      await waitFor(async () => (await pressed()) === 'true', 'notifications on');
      await page.click('button[aria-label="Notifications for PixelPaladin"]');
      await waitFor(async () => (await pressed()) === 'false', 'notifications muted');
      expect(await storageGet(h, 'mutedChannels', 'sync')).toEqual(['100010']);
      await page.click('button[aria-label="Notifications for PixelPaladin"]');
      await waitFor(async () => (await pressed()) === 'true', 'notifications on again');
      expect(await storageGet(h, 'mutedChannels', 'sync')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('notifies for another favorite under its name; a click opens its page', async () => {
    const online = h.sim.control.trigger({ type: 'stream.online', channel: 'speedrunsam' })
      .delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the notification',
    );
    const page = await h.pageOpenedBy(`${h.origin}/streamer.html?channel=speedrunsam`, () =>
      h.clickNotification(`event:${online}`, 'SpeedrunSam'),
    );
    try {
      await waitFor(async () => (await heading(page)) === 'SpeedrunSam', 'its page');
    } finally {
      await page.close();
    }
  });
});
