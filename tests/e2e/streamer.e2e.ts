import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  ORIGIN,
  serviceWorker,
  waitFor,
  type Harness,
  pause,
  launchListening,
} from './support/harness';

async function recentEventIds(page: Page): Promise<string[]> {
  return page.$$eval('ol[aria-label="Recent events"] > li[data-event-id]', (items) =>
    items.map((item) => item.getAttribute('data-event-id') ?? ''),
  );
}

async function notificationIds(h: Harness): Promise<string[]> {
  const worker = await serviceWorker(h);
  return Object.keys(await worker.evaluate(() => chrome.notifications.getAll()));
}

describe('the streamer page and notifications', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await launchListening();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens from the popup, and a second click focuses the same tab', async () => {
    const popup = await h.browser.newPage();
    await popup.goto(`${ORIGIN}/popup.html`);
    const opened = h.browser.waitForTarget((t) => t.url() === `${ORIGIN}/streamer.html`);
    await popup.locator('::-p-aria(Open streamer page)').click();
    page = (await (await opened).asPage())!;
    await page.waitForSelector(
      'ol[aria-label="Recent events"], [data-testid="no-events"], ::-p-text(No events yet)',
    );
    await popup.bringToFront();
    await popup.locator('::-p-aria(Open streamer page)').click();
    await pause(500);
    const tabs = h.browser.targets().filter((t) => t.url() === `${ORIGIN}/streamer.html`);
    expect(tabs).toHaveLength(1);
    await popup.close();
  });

  it('shows the 10 newest of 15 events, newest first, and a new one without a reload', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 15; i += 1) {
      const result = h.sim.control.trigger({
        type: 'channel.chat.notification',
        noticeType: 'resub',
        amount: i + 1,
      });
      ids.push(result.delivered[0]!.messageId);
      await pause(30);
    }
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
    const text = await page.$eval(`li[data-event-id="${next}"]`, (el) => el.textContent ?? '');
    expect(text).toContain('RaidLeader');
    expect(text).toContain('42 viewers');
    expect(await recentEventIds(page)).toHaveLength(10);
  });

  it('frames the player and the chat for the channel, past Twitch’s frame-ancestors header', async () => {
    const player = await page.$eval(
      'iframe[title="Live player"]',
      (f) => (f as HTMLIFrameElement).src,
    );
    const chat = await page.$eval(
      'iframe[title="Twitch chat"]',
      (f) => (f as HTMLIFrameElement).src,
    );
    expect(new URL(player).hostname).toBe('player.twitch.tv');
    expect(new URL(player).searchParams.get('channel')).toBe('demo');
    expect(new URL(player).searchParams.get('parent')).toBe(EXTENSION_ID);
    expect(new URL(chat).pathname).toBe('/embed/demo/chat');
    expect(new URL(chat).searchParams.get('parent')).toBe(EXTENSION_ID);
    const embeds = h.sim.control.embeds();
    for (const kind of ['player', 'chat']) {
      expect(
        embeds.some(
          (e) =>
            e.kind === kind &&
            e.channel === 'demo' &&
            (e.parent as string[]).includes(EXTENSION_ID),
        ),
      ).toBe(true);
    }
    // Both frames rendered the simulator's pages; a refused frame would be an empty error page.
    const frameText = async (host: string) => {
      const frame = page.frames().find((f) => new URL(f.url()).hostname === host);
      return frame ? frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    };
    await waitFor(
      async () => /demo/i.test(await frameText('player.twitch.tv')),
      'the player to render',
    );
    await waitFor(
      async () => /chat/i.test(await frameText('www.twitch.tv')),
      'the chat embed to render',
    );
  });

  it('does not poll: no requests and no extension messages from the page while idle', async () => {
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
  });

  it('raises a notification only for enabled kinds, one per event, and coalesces bursts', async () => {
    const worker = await serviceWorker(h);
    await worker.evaluate(() =>
      chrome.notifications
        .getAll()
        .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
    );

    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the go-live notification',
    );

    h.sim.control.trigger({ type: 'stream.offline' }); // off by default
    h.sim.control.resend({ messageId: online }); // a redelivery
    await pause(1_500);
    expect(await notificationIds(h)).toEqual([`event:${online}`]);

    for (let i = 0; i < 30; i += 1)
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'sub_gift' });
    await pause(2_000);
    const gifts = (await notificationIds(h)).filter((id) => id !== `event:${online}`);
    // However the 30 were batched on the way, they end as one notification counting them.
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatch(/^events:/);
  });

  it('follows a notification click to the streamer page, and clears the badge when it is looked at', async () => {
    await page.close();
    const worker = await serviceWorker(h);
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).not.toBe('');
    const [id] = await notificationIds(h);
    const opened = h.browser.waitForTarget((t) => t.url() === `${ORIGIN}/streamer.html`);
    await worker.evaluate((notificationId) => {
      (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(
        notificationId,
      );
    }, id!);
    page = (await (await opened).asPage())!;
    await waitFor(
      async () => (await worker.evaluate(() => chrome.action.getBadgeText({}))) === '',
      'the badge to clear',
    );
  });
});
