import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_UUID,
  ORIGIN,
  execute,
  launch,
  openExtensionPage,
  pause,
  setFavorite,
  signIn,
  storageGet,
  waitFor,
  waitForListening,
  type Harness,
} from './support/harness';
import { ELEMENT_KEY, type ElementRef } from './support/marionette';

const STREAMER_URL = `${ORIGIN}/streamer.html`;

/** Window handles of the tabs showing the streamer page (looked up in the browser chrome). */
async function streamerTabs(h: Harness): Promise<number> {
  return h.m.chrome<number>(
    `const win = Services.wm.getMostRecentWindow('navigator:browser');
     return win.gBrowser.tabs.filter((t) =>
       t.linkedBrowser.currentURI.spec.startsWith(arguments[0])).length;`,
    [STREAMER_URL],
  );
}

async function findStreamerHandle(h: Harness): Promise<string | undefined> {
  for (const handle of await h.m.windowHandles()) {
    await h.m.switchToWindow(handle);
    if ((await h.m.currentUrl()).startsWith(STREAMER_URL)) return handle;
  }
  return undefined;
}

async function recentEventIds(h: Harness, page: string): Promise<string[]> {
  return execute<string[]>(
    h,
    `return [...document.querySelectorAll('ol[aria-label="Recent events"] > li[data-event-id]')]
       .map((li) => li.getAttribute('data-event-id'));`,
    [],
    page,
  );
}

async function notificationIds(h: Harness): Promise<string[]> {
  return Object.keys(
    await execute<Record<string, unknown>>(h, `return browser.notifications.getAll()`),
  );
}

/** The text of Firefox's own alert windows, which show the add-on's notifications here. */
async function alertWindowTexts(h: Harness): Promise<string[]> {
  return h.m.chrome<string[]>(
    `return [...Services.wm.getEnumerator('alert:alert')].map((w) =>
       w.document.documentElement.textContent.replace(/\\s+/g, ' ').trim());`,
  );
}

async function clearNotifications(h: Harness): Promise<void> {
  await execute(
    h,
    `return browser.notifications.getAll().then((all) =>
       Promise.all(Object.keys(all).map((id) => browser.notifications.clear(id))));`,
  );
}

/** The visible text of the page inside the iframe matching `selector`. */
async function frameText(h: Harness, page: string, selector: string): Promise<string> {
  await h.m.switchToWindow(page);
  const frame: ElementRef = await h.m.findElement(selector);
  await h.m.command('WebDriver:SwitchToFrame', { element: frame[ELEMENT_KEY] });
  try {
    return await h.m.execute<string>(
      `return document.location.href + ' ' + (document.body ? document.body.innerText : '')`,
    );
  } finally {
    await h.m.command('WebDriver:SwitchToParentFrame');
  }
}

describe('Firefox: the streamer page, notifications and options', () => {
  let h: Harness;
  let page: string;

  beforeAll(async () => {
    h = await launch();
    await signIn(h, 'demo_viewer');
    expect((await setFavorite(h, 'demo')).ok).toBe(true);
    await waitForListening(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens from the popup, and a second click focuses the same tab', async () => {
    const popup = await openExtensionPage(h, '/popup.html');
    const click = `const button = [...document.querySelectorAll('button')]
      .find((b) => b.textContent.includes('Open streamer page'));
    button.click();`;
    await waitFor(
      () =>
        h.m.execute(
          `return [...document.querySelectorAll('button')].some((b) => b.textContent.includes('Open streamer page'))`,
        ),
      'the open button',
    );
    await h.m.execute(click);
    page = await waitFor(() => findStreamerHandle(h), 'the streamer tab');
    await waitFor(
      () =>
        execute(
          h,
          `return Boolean(document.querySelector('ol[aria-label="Recent events"], [data-testid="no-events"]') || document.body.textContent.includes('No events yet'))`,
          [],
          page,
        ),
      'the streamer page to render',
    );
    await execute(h, click, [], popup);
    await pause(500);
    expect(await streamerTabs(h)).toBe(1);
    await h.m.switchToWindow(popup);
    await h.m.closeWindow();
  });

  it('shows the 10 newest of 15 events, newest first, and a new one without a reload', async () => {
    await execute(h, `window.__sameDocument = true`, [], page);
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
      async () => JSON.stringify(await recentEventIds(h, page)) === JSON.stringify(expected),
      'the 10 newest events',
    );
    const next = h.sim.control.trigger({
      type: 'channel.raid',
      from: 'raidleader',
      to: 'demo',
      amount: 42,
    }).delivered[0]!.messageId;
    await waitFor(
      async () => (await recentEventIds(h, page))[0] === next,
      'the new event at the top',
    );
    const text = await execute<string>(
      h,
      `return document.querySelector('li[data-event-id="' + arguments[0] + '"]').textContent`,
      [next],
      page,
    );
    expect(text).toContain('RaidLeader');
    expect(text).toContain('42 viewers');
    expect(await recentEventIds(h, page)).toHaveLength(10);
    // Still the same document: the list updated live, not through a reload.
    expect(await execute(h, `return window.__sameDocument === true`, [], page)).toBe(true);
  });

  it('frames the player and the chat in the moz-extension page, past frame-ancestors', async () => {
    const src = (selector: string) =>
      execute<string>(h, `return document.querySelector(arguments[0]).src`, [selector], page);
    const player = new URL(await src('iframe[title="Live player"]'));
    const chat = new URL(await src('iframe[title="Twitch chat"]'));
    expect(player.hostname).toBe('player.twitch.tv');
    expect(player.searchParams.get('channel')).toBe('demo');
    expect(player.searchParams.get('parent')).toBe(EXTENSION_UUID);
    expect(chat.pathname).toBe('/embed/demo/chat');
    expect(chat.searchParams.get('parent')).toBe(EXTENSION_UUID);
    const embeds = h.sim.control.embeds();
    for (const kind of ['player', 'chat']) {
      expect(
        embeds.some(
          (e) =>
            e.kind === kind && e.status === 200 && (e.parent as string[]).includes(EXTENSION_UUID),
        ),
      ).toBe(true);
    }
    // The simulator sends `frame-ancestors https://<uuid>`; a refused frame would be an error page.
    await waitFor(
      async () =>
        /^https:\/\/player\.twitch\.tv\/\S* .*demo/is.test(
          await frameText(h, page, 'iframe[title="Live player"]'),
        ),
      'the player to render',
    );
    await waitFor(
      async () =>
        /^https:\/\/www\.twitch\.tv\/embed\/demo\/chat\S* .*chat/is.test(
          await frameText(h, page, 'iframe[title="Twitch chat"]'),
        ),
      'the chat embed to render',
    );
  });

  it('raises a notification only for enabled kinds, one per event, and coalesces bursts', async () => {
    await clearNotifications(h);
    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the go-live notification',
    );
    // Firefox showed it: its alert window carries the channel's name.
    await waitFor(
      async () => (await alertWindowTexts(h)).some((t) => t.includes('Demo')),
      'the alert window',
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

  it('options: turning notifications off is stored and obeyed', async () => {
    const options = await openExtensionPage(h, '/options.html');
    const toggle = `const label = [...document.querySelectorAll('label')]
      .find((l) => l.textContent.includes('Show desktop notifications'));
    const input = document.getElementById(label.htmlFor);
    input.click();`;
    await waitFor(
      () =>
        h.m.execute(
          `return [...document.querySelectorAll('label')].some((l) => l.textContent.includes('Show desktop notifications'))`,
        ),
      'the notification settings',
    );
    await h.m.execute(toggle);
    await waitFor(
      async () =>
        (await storageGet<{ enabled: boolean }>(h, 'notificationSettings'))?.enabled === false,
      'the setting to be stored',
    );
    await clearNotifications(h);
    const id = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await recentEventIds(h, page)).includes(id),
      'the event to be recorded',
    );
    await pause(1_000);
    expect(await notificationIds(h)).toEqual([]);
    await execute(h, toggle, [], options);
    await waitFor(
      async () =>
        (await storageGet<{ enabled: boolean }>(h, 'notificationSettings'))?.enabled === true,
      'the setting to be stored again',
    );
    await h.m.switchToWindow(options);
    await h.m.closeWindow();
    await h.m.switchToWindow(h.probe);
  });

  it('follows a click on the notification to the streamer page, and clears the badge', async () => {
    await clearNotifications(h);
    await h.m.switchToWindow(page);
    await h.m.closeWindow();
    await h.m.switchToWindow(h.probe);
    const online = h.sim.control.trigger({ type: 'stream.online' }).delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${online}`),
      'the notification',
    );
    expect(await execute(h, `return browser.browserAction.getBadgeText({})`)).not.toBe('');
    expect(await streamerTabs(h)).toBe(0);
    // Click Firefox's alert window, as a user would.
    await waitFor(
      () =>
        h.m.chrome<boolean>(
          `const w = [...Services.wm.getEnumerator('alert:alert')].find((w) =>
             w.document.documentElement.textContent.includes('Demo'));
           if (!w) return false;
           w.document.getElementById('alertBox').click();
           return true;`,
        ),
      'the alert window to click',
    );
    await waitFor(async () => (await streamerTabs(h)) === 1, 'the streamer page to open');
    await waitFor(
      async () => (await execute(h, `return browser.browserAction.getBadgeText({})`)) === '',
      'the badge to clear',
    );
  });
});
