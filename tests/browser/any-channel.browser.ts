import { describe, expect, it } from 'vitest';
import type { BrowserDriver, BrowserPage } from '../../browser/driver';
import { notificationIds, storageGet, storageSet } from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

/** The poll interval for this file: seconds, so Live now is filled and a go-live seen within one wait. */
const POLL_MS = 3_000;

type SimFollow = { id: string; login: string; live: boolean };

const simFollows = (h: BrowserDriver) =>
  h.sim.control.follows({ login: 'demo_viewer' }) as unknown as SimFollow[];

const favoriteLogins = async (h: BrowserDriver) =>
  ((await storageGet<{ login: string }[]>(h, 'favorites', 'sync')) ?? []).map((f) => f.login);

/** The page's main heading once it is the channel's own: its display name. */
async function channelHeading(page: BrowserPage, login: string): Promise<string> {
  return waitFor(
    () =>
      page.evaluate((wanted) => {
        const heading = document.querySelector('main h1')?.textContent ?? '';
        const player = document.querySelector('iframe[title="Live player"]');
        const src = player?.getAttribute('src') ?? '';
        return heading && src.includes(`channel=${wanted}`) ? heading : undefined;
      }, login),
    `the streamer page of ${login}`,
  );
}

/** What the page shows of the channel: the embeds' addresses and the header's state. */
function shown(page: BrowserPage) {
  return page.evaluate(() => ({
    player: document.querySelector('iframe[title="Live player"]')?.getAttribute('src') ?? '',
    chat: document.querySelector('iframe[title="Twitch chat"]')?.getAttribute('src') ?? '',
    header: document.querySelector('main header')?.textContent ?? '',
    notRecorded: document.querySelector('[data-testid="chat-not-recorded"]') !== null,
    recordedChat: document.querySelector('[aria-label="Chat messages"]') !== null,
  }));
}

const used = new Set<string>();

/** A followed channel other than the favorite, not used by an earlier test. */
function follow(h: BrowserDriver, live: boolean): SimFollow {
  const found = simFollows(h).find(
    (f) => f.live === live && f.login !== 'demo' && !used.has(f.login),
  );
  if (!found) throw new Error(`no ${live ? 'live' : 'offline'} follow left`);
  used.add(found.login);
  return found;
}

/** The "Favorite <name>" toggle's aria-pressed on the page. */
const favoritePressed = (page: BrowserPage, name: string) =>
  page.evaluate(
    (n) =>
      document.querySelector(`button[aria-label="Favorite ${n}"]`)?.getAttribute('aria-pressed'),
    name,
  );

describe('the streamer page of any channel', () => {
  const h = useBrowser({
    setup: async (driver) => {
      await storageSet(driver, { livePollIntervalMs: POLL_MS });
    },
    listening: { login: 'demo_viewer', favorite: 'demo' },
  });

  it('shows a followed channel that is not a favorite, and makes it one on the spot', async () => {
    const channel = follow(h, true);
    expect(await favoriteLogins(h)).not.toContain(channel.login);
    const page = await h.openPage(`/streamer.html?channel=${channel.login}`);
    try {
      const name = await channelHeading(page, channel.login);
      const before = await waitFor(async () => {
        const s = await shown(page);
        return s.header.includes('LIVE') && s.chat ? s : undefined;
      }, `the header and embeds of ${channel.login}`);
      expect(new URL(before.player).searchParams.get('channel')).toBe(channel.login);
      expect(new URL(before.chat).pathname).toBe(`/embed/${channel.login}/chat`);
      expect(before.notRecorded).toBe(true);

      await page.click(`button[aria-label="Favorite ${name}"][aria-pressed="false"]`);
      await waitFor(
        async () => (await favoriteLogins(h)).includes(channel.login),
        `${channel.login} among the favorites`,
      );
      // The same page is now the favorite's: the recorded chat, no reload.
      await waitFor(async () => {
        const s = await shown(page);
        return s.recordedChat && !s.notRecorded;
      }, 'the recorded chat of the new favorite');
      expect(await favoritePressed(page, name)).toBe('true');
    } finally {
      await page.close();
    }
  });

  it('opens from a click on a followed channel in Live now that is not a favorite', async () => {
    const popup = await h.openPopup();
    let page: BrowserPage | undefined;
    try {
      const login = await waitFor(
        () =>
          popup.evaluate(
            (skip) =>
              [...document.querySelectorAll('ul[aria-label="Live now"] > li')]
                .map((li) => li.getAttribute('data-login') ?? '')
                .find((l) => l && !skip.includes(l)),
            ['demo', ...used],
          ),
        'a live follow that is not a favorite in Live now',
      );
      used.add(login);
      page = await h.pageOpenedBy(`${h.origin}/streamer.html?channel=${login}`, () =>
        popup.click(`li[data-login="${login}"] > button`),
      );
      const name = await channelHeading(page, login);
      await waitFor(async () => {
        const s = await shown(page!);
        return s.chat.includes(`/embed/${login}/chat`) && s.header.includes('LIVE');
      }, `the header and chat of ${login}`);
      expect(await favoriteLogins(h)).not.toContain(login);
      expect(await favoritePressed(page, name)).toBe('false');
    } finally {
      await page?.close();
      await popup.close();
    }
  });

  it('opens from the go-live notification of a follow that is not a favorite', async () => {
    // After the first poll: the go-live is then one that poll had not seen.
    await waitFor(
      async () =>
        (await storageGet<{ streams: { login: string }[] }>(h, 'liveStreams'))?.streams.some(
          (s) => s.login !== 'demo',
        ),
      'a poll of the followed channels',
    );
    const channel = follow(h, false);
    const title = `Any channel opens ${channel.login}`;
    h.sim.control.setLive({ channel: channel.login, live: true, viewers: 321, title });
    const stream = await waitFor(
      async () =>
        (
          await storageGet<{ streams: { login: string; streamId: string }[] }>(h, 'liveStreams')
        )?.streams.find((s) => s.login === channel.login),
      `${channel.login} in the polled live list`,
    );
    const id = `golive:${channel.login}:${stream.streamId}`;
    // Firefox draws notifications in alert windows of its own and leaves them out of getAll().
    await waitFor(
      async () =>
        (await notificationIds(h)).includes(id) ||
        ((await h.shownNotifications?.()) ?? []).some((text) => text.includes(title)),
      `the go-live notification for ${channel.login}`,
    );
    const page = await h.pageOpenedBy(`${h.origin}/streamer.html?channel=${channel.login}`, () =>
      h.clickNotification(id, title),
    );
    try {
      const name = await channelHeading(page, channel.login);
      const s = await waitFor(async () => {
        const now = await shown(page);
        return now.chat && now.header.includes(title) ? now : undefined;
      }, `the header and chat of ${channel.login}`);
      expect(new URL(s.player).searchParams.get('channel')).toBe(channel.login);
      expect(new URL(s.chat).pathname).toBe(`/embed/${channel.login}/chat`);
      expect(await favoriteLogins(h)).not.toContain(channel.login);
      expect(await favoritePressed(page, name)).toBe('false');
    } finally {
      await page.close();
    }
  });

  it('says so for a login that is no Twitch channel', async () => {
    const page = await h.openPage('/streamer.html?channel=no_such_channel_here');
    try {
      await waitFor(
        () =>
          page.evaluate(
            () =>
              document.querySelector('main h1')?.textContent ===
                'No Twitch channel named “no_such_channel_here”' &&
              document.querySelector('input[aria-label="Find a channel"]') !== null,
          ),
        'the unknown channel notice',
      );
    } finally {
      await page.close();
    }
  });
});
