import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  clearNotifications,
  notificationIds,
  readTable,
  storageSet,
  waitForListening,
  waitForText,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
];

/** The stream headings of the Timeline, top to bottom. */
const streamTitles = (page: BrowserPage) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'ul[aria-label="Timeline"] [data-testid="timeline-stream"] [data-field="stream-title"]',
      ),
    ].map((e) => e.textContent ?? ''),
  );

const eventIds = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ul[aria-label="Timeline"] [data-event-id]')].map(
      (e) => e.getAttribute('data-event-id') ?? '',
    ),
  );

/** Each stream heading of the Timeline with the ids of the events under it. */
const groups = (page: BrowserPage) =>
  page.evaluate(() => {
    const result: Record<string, string[]> = {};
    let current: string[] | undefined;
    for (const li of document.querySelectorAll('ul[aria-label="Timeline"] > li')) {
      const title = li.querySelector('[data-field="stream-title"]')?.textContent;
      const id = li.querySelector('[data-event-id]')?.getAttribute('data-event-id');
      if (title) current = result[title] = [];
      else if (id) current?.push(id);
    }
    return result;
  });

/** Clicks the filter checkbox labelled `name`. */
const toggleFilter = (page: BrowserPage, name: string) =>
  page.evaluate((label) => {
    const found = [...document.querySelectorAll('label')].find(
      (l) => l.textContent?.trim() === label,
    );
    found?.querySelector('input')?.click();
    return Boolean(found);
  }, name);

describe('What did I miss', () => {
  const h = useBrowser({
    listening: {},
    setup: async (driver) => {
      await storageSet(driver, { favorites: FAVORITES }, 'sync');
    },
  });

  const send = (options: Parameters<typeof h.sim.control.trigger>[0]) =>
    h.sim.control.trigger(options).delivered[0]!.messageId;

  it('shows two streams of two channels grouped, a filter narrows them, the search opens a chat line', async () => {
    await waitFor(async () => {
      const s = await waitForListening(h);
      return (s as unknown as { channelIds?: string[] }).channelIds?.length === 2;
    }, 'the listener on both favorites');
    const ids = [
      send({ type: 'stream.online', channel: 'demo' }),
      send({
        type: 'channel.update',
        channel: 'demo',
        overrides: { title: 'Speedrun night', category_name: 'Celeste' },
      }),
      // Raids as their chat notices: chat costs nothing, so both favorites have it within the budget.
      send({ type: 'channel.chat.notification', noticeType: 'raid', channel: 'demo', amount: 12 }),
      send({ type: 'stream.offline', channel: 'demo' }),
      send({ type: 'stream.online', channel: 'pixelpaladin' }),
      send({
        type: 'channel.update',
        channel: 'pixelpaladin',
        overrides: { title: 'Chess club', category_name: 'Chess' },
      }),
      send({
        type: 'channel.chat.notification',
        noticeType: 'raid',
        channel: 'pixelpaladin',
        amount: 7,
      }),
    ];
    const chat = send({
      type: 'channel.chat.message',
      channel: 'pixelpaladin',
      text: 'what a zugzwang that was',
    });
    await allStored(h, [...ids, chat], 'the events of both streams and the chat line');
    const line = (await readTable<{ id: string; messageId: string }>(h, 'chat')).find(
      (l) => l.id === chat,
    )!;

    const page = await h.openPage('/history.html');
    try {
      await waitForText(page, 'What did I miss');
      await waitFor(
        async () => (await streamTitles(page)).length >= 2,
        'both streams in the Timeline',
      ).catch(() => undefined);
      // Each stream under its title and category, holding its own events.
      const shown = await groups(page);
      expect(Object.keys(shown).sort()).toEqual(['Chess club · Chess', 'Speedrun night · Celeste']);
      expect(shown['Speedrun night · Celeste']!.sort()).toEqual(ids.slice(0, 4).sort());
      expect(shown['Chess club · Chess']!.sort()).toEqual(ids.slice(4).sort());
      expect(await eventIds(page)).toEqual(expect.arrayContaining(ids));

      expect(await toggleFilter(page, 'PixelPaladin')).toBe(true);
      await waitFor(
        async () => (await streamTitles(page)).join('|') === 'Speedrun night · Celeste',
        'the filter to leave Demo’s stream',
      );
      expect(await toggleFilter(page, 'PixelPaladin')).toBe(true);

      await page.type('input[aria-label="Search"]', 'zugzwang');
      const href = await waitFor(
        () =>
          page.evaluate(() => {
            const hit = document.querySelector(
              'ul[aria-label="Search results"] [data-testid="search-hit"]',
            );
            return hit?.querySelector('mark')?.textContent === 'zugzwang'
              ? (hit.querySelector('a')?.getAttribute('href') ?? undefined)
              : undefined;
          }),
        'the chat line among the results, its word marked',
      );
      expect(href).toBe(
        `${h.origin}/streamer.html?channel=pixelpaladin&line=${encodeURIComponent(line.messageId)}`,
      );
      await page.click('ul[aria-label="Search results"] a');
      await waitFor(
        async () =>
          (await page.evaluate(() => location.href)).startsWith(
            `${h.origin}/streamer.html?channel=pixelpaladin&line=`,
          ),
        'the streamer page at the line',
      );
    } finally {
      await page.close();
    }
  });

  it('the away summary notification opens the page at the stretch it sums up', async () => {
    await clearNotifications(h);
    const popup = await h.openPage('/popup.html');
    let online: string;
    let notification: string;
    try {
      await popup.click({ text: '1 hour' });
      await waitForText(popup, 'Snoozed until');
      // Going live notifies by default: held back while snoozed.
      online = send({ type: 'stream.online', channel: 'demo' });
      await allStored(h, [online], 'the go-live while snoozed');
      await waitFor(async () => {
        const held = await h.probe.evaluate(
          async () => (await chrome.storage.local.get('heldNotifications')).heldNotifications,
        );
        return Boolean(held);
      }, 'the go-live to be held back');
      await popup.click({ text: 'Turn off snooze' });
      notification = await waitFor(
        async () => (await notificationIds(h)).find((id) => id.startsWith('away:')),
        'the away summary',
      );
    } finally {
      await popup.close();
    }
    const [, from, to] = notification.split(':').map(Number);
    const page = await h.pageOpenedBy(`${h.origin}/history.html?from=${from}&to=${to}`, () =>
      h.clickNotification(notification, 'While you were away'),
    );
    try {
      await waitFor(async () => (await eventIds(page)).includes(online), 'the held go-live');
      // The stretch only: nothing from before it.
      const shown = await eventIds(page);
      expect(shown).toEqual([online]);
      await waitForText(page, 'While you were away');
    } finally {
      await page.close();
    }
  });
});
