import { afterEach, describe, expect, it } from 'vitest';
import type { ChromiumPage } from '../../browser/chromium';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  badgeText,
  clearNotifications,
  notificationIds,
  sendResubs,
  sentIds,
  storageGet,
} from '../../browser/extension';
import { pause, waitFor } from '../../browser/wait';
import { inChromium, useBrowser } from './support/use-browser';

const recentEventIds = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label="Recent events"] > li[data-event-id]')].map(
      (li) => li.getAttribute('data-event-id') ?? '',
    ),
  );

const rendered = (page: BrowserPage) =>
  waitFor(
    () =>
      page.evaluate(
        () =>
          Boolean(document.querySelector('ol[aria-label="Recent events"]')) ||
          Boolean(document.body.textContent?.includes('No events yet')),
      ),
    'the streamer page to render',
  );

describe('the streamer page and notifications', () => {
  const h = useBrowser({ listening: {} });
  /** Pages a test opened; each test starts with none of them, and no notification. */
  let opened: BrowserPage[] = [];

  const streamerUrl = () => `${h.origin}/streamer.html`;
  /** Tabs on the streamer page, and whether one of them is the selected tab of its window. */
  const streamerTabs = (options: { active?: true } = {}) =>
    h.probe.evaluate(
      async (url, query) => (await chrome.tabs.query({ ...query, url: `${url}*` })).length,
      streamerUrl(),
      options,
    );
  const open = async (pagePath: string) => {
    const page = await h.openPage(pagePath);
    opened.push(page);
    return page;
  };
  const openStreamer = async () => {
    const page = await open('/streamer.html');
    await rendered(page);
    return page;
  };
  /**
   * A chat notice of a kind that notifies (each use its own kind, so none is coalesced): once its
   * notification shows, every earlier event was handled.
   */
  const noticeShown = async (noticeType: string) => {
    const id = h.sim.control.trigger({ type: 'channel.chat.notification', noticeType })
      .delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${id}`),
      `the ${noticeType} notification`,
    );
    return `event:${id}`;
  };

  afterEach(async () => {
    for (const page of opened) await page.close();
    opened = [];
    // A streamer tab the extension opened that the test did not expect (a broken focus opens a
    // second one) is closed too: the next test starts from none, whatever ran before it.
    await h.probe.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({ url: `${url}*` });
      await chrome.tabs.remove(tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id])));
    }, streamerUrl());
    await clearNotifications(h);
  });

  it('opens from the popup, and a second click focuses the same tab', async () => {
    const popup = await open('/popup.html');
    const page = await h.pageOpenedBy(streamerUrl(), () =>
      popup.click({ text: 'Open streamer page' }),
    );
    opened.push(page);
    await rendered(page);
    await popup.bringToFront();
    await waitFor(async () => (await streamerTabs({ active: true })) === 0, 'the popup in front');
    await popup.click({ text: 'Open streamer page' });
    await waitFor(
      async () => (await streamerTabs({ active: true })) === 1,
      'the streamer tab to come to the front',
    );
    expect(await streamerTabs()).toBe(1);
  });

  it('shows the 10 newest of 15 events, newest first, and a new one without a reload', async () => {
    const page = await openStreamer();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const ids = await sendResubs(h, 15, 30);
    const expected = ids.slice(-10).reverse();
    await waitFor(
      async () => JSON.stringify(await recentEventIds(page)) === JSON.stringify(expected),
      'the 10 newest events',
    );
    const next = h.sim.control.trigger({
      type: 'channel.raid',
      from: 'raidleader',
      to: 'demo',
      amount: 42,
    }).delivered[0]!.messageId;
    await waitFor(async () => (await recentEventIds(page))[0] === next, 'the new event at the top');
    const text = await page.evaluate(
      (id) => document.querySelector(`li[data-event-id="${id}"]`)!.textContent ?? '',
      next,
    );
    expect(text).toContain('RaidLeader');
    expect(text).toContain('42 viewers');
    expect(await recentEventIds(page)).toHaveLength(10);
    // Still the same document: the list updated live, not through a reload.
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
  });

  it('frames the player and the chat for the channel, past Twitch’s frame-ancestors header', async () => {
    const page = await openStreamer();
    const src = (selector: string) =>
      page.evaluate((s) => document.querySelector<HTMLIFrameElement>(s)!.src, selector);
    const player = new URL(await src('iframe[title="Live player"]'));
    const chat = new URL(await src('iframe[title="Twitch chat"]'));
    expect(player.hostname).toBe('player.twitch.tv');
    expect(player.searchParams.get('channel')).toBe('demo');
    expect(player.searchParams.get('parent')).toBe(h.extensionHost);
    expect(chat.pathname).toBe('/embed/demo/chat');
    expect(chat.searchParams.get('parent')).toBe(h.extensionHost);
    const embeds = h.sim.control.embeds();
    for (const kind of ['player', 'chat']) {
      expect(
        embeds.some(
          (e) =>
            e.kind === kind &&
            e.channel === 'demo' &&
            e.status === 200 &&
            (e.parent as string[]).includes(h.extensionHost),
        ),
      ).toBe(true);
    }
    // The simulator sends `frame-ancestors https://<parent>`; a refused frame is an error page.
    await waitFor(
      async () =>
        /^https:\/\/player\.twitch\.tv\/\S* .*demo/is.test(
          await page.frameText('iframe[title="Live player"]').catch(() => ''),
        ),
      'the player to render',
    );
    await waitFor(
      async () =>
        /^https:\/\/www\.twitch\.tv\/embed\/demo\/chat\S* .*chat/is.test(
          await page.frameText('iframe[title="Twitch chat"]').catch(() => ''),
        ),
      'the chat embed to render',
    );
  });

  // Chromium only: Marionette does not report the requests a page makes.
  it.skipIf(!inChromium)(
    'does not poll: no requests and no extension messages from the page while idle',
    async () => {
      const { page } = (await openStreamer()) as ChromiumPage;
      await page.evaluate(() => {
        const w = window as unknown as { __messages: number };
        w.__messages = 0;
        const original = chrome.runtime.sendMessage.bind(chrome.runtime);
        (chrome.runtime as { sendMessage: unknown }).sendMessage = (...args: unknown[]) => {
          w.__messages += 1;
          return (original as (...a: unknown[]) => unknown)(...args);
        };
      });
      const requests: string[] = [];
      const onRequest = (request: { frame(): unknown; url(): string }) => {
        if (request.frame() === page.mainFrame()) requests.push(request.url());
      };
      page.on('request', onRequest);
      await pause(6_000);
      page.off('request', onRequest);
      expect(requests).toEqual([]);
      expect(
        await page.evaluate(() => (window as unknown as { __messages: number }).__messages),
      ).toBe(0);
    },
  );

  it('raises a notification only for enabled kinds, one per event, and coalesces bursts', async () => {
    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the go-live notification',
    );
    // Where the browser draws it itself (Firefox's alert window), it carries the channel's name.
    if (h.shownNotifications)
      await waitFor(
        async () => (await h.shownNotifications!()).some((t) => t.includes('Demo')),
        'the alert window',
      );

    h.sim.control.resend({ messageId: online }); // a redelivery
    const offline = h.sim.control.trigger({ type: 'stream.offline' }).delivered[0]!.messageId;
    await allStored(h, [offline], 'the go-offline event'); // off by default
    const marker = await noticeShown('announcement');
    expect((await notificationIds(h)).sort()).toEqual([`event:${online}`, marker].sort());

    const since = Date.now();
    for (let i = 0; i < 30; i += 1)
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'sub_gift' });
    await allStored(h, sentIds(h, since), 'the 30 gifts');
    const later = await noticeShown('charity_donation');
    const gifts = (await notificationIds(h)).filter(
      (id) => ![`event:${online}`, marker, later].includes(id),
    );
    // However the 30 were batched on the way, they end as one notification counting them.
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatch(/^events:/);
  });

  it('options: turning notifications off is stored and obeyed', async () => {
    const options = await open('/options.html');
    const enabled = async () =>
      (await storageGet<{ enabled: boolean }>(h, 'notificationSettings', 'sync'))?.enabled;
    await options.click({ text: 'Show desktop notifications' });
    await waitFor(async () => (await enabled()) === false, 'the setting to be stored');
    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await allStored(h, [online], 'the event while notifications are off');
    await options.click({ text: 'Show desktop notifications' });
    await waitFor(async () => (await enabled()) === true, 'the setting to be stored again');
    // A notice after it notifies; the go-live, handled before it, did not.
    const marker = await noticeShown('sub');
    expect(await notificationIds(h)).toEqual([marker]);
  });

  it('follows a notification click to the streamer page, and clears the badge', async () => {
    expect(await streamerTabs()).toBe(0);
    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the notification',
    );
    expect(await badgeText(h)).not.toBe('');
    opened.push(
      await h.pageOpenedBy(streamerUrl(), () => h.clickNotification(`event:${online}`, 'Demo')),
    );
    expect(await streamerTabs()).toBe(1);
    await waitFor(async () => (await badgeText(h)) === '', 'the badge to clear');
  });
});
