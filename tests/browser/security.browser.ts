/**
 * The extension's own defences, in real Chromium: the content security policy of its pages, the
 * header rule that lets Twitch's embeds be framed (and nothing else), the embeds' sandbox.
 */
import type { Frame, Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { ChromiumPage, EXTENSION_ID, ORIGIN, type ChromiumDriver } from '../../browser/chromium';
import type { BrowserDriver, BrowserPage } from '../../browser/driver';
import {
  allStored,
  readTable,
  sendResubs,
  setFavorite,
  signIn,
  storageGet,
  storageSet,
  waitForListening,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { inChromium, useBrowser, useChromium } from './support/use-browser';

interface Violation {
  directive: string;
  blocked: string;
}

/** Opens an extension page that records every CSP violation from its first script on. */
async function openRecording(h: ChromiumDriver, path: string): Promise<Page> {
  const page = await h.newPage();
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
    });
  });
  await page.goto(`${ORIGIN}/${path}`);
  return page;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

const bodyText = (frame: Frame | undefined) =>
  frame ? frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';

const frameOn = (page: Page, host: string, path?: string) =>
  page
    .frames()
    .find(
      (f) =>
        f.url().startsWith(`https://${host}/`) && (!path || new URL(f.url()).pathname === path),
    );

/** Sends one message of the extension's protocol from `page`, as its own pages do. */
function ask(page: BrowserPage, type: string, data?: unknown): Promise<unknown> {
  return page.evaluate(
    (type, data) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }),
    type,
    data,
  );
}

/** Records, in `page`, every runtime message that reaches it. */
async function recordMessages(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __messages: string[] };
    w.__messages = [];
    chrome.runtime.onMessage.addListener((message) => {
      w.__messages.push(JSON.stringify(message));
    });
  });
  return () => page.evaluate(() => (window as unknown as { __messages: string[] }).__messages);
}

const sessionToken = async (h: BrowserDriver) =>
  (await storageGet<{ accessToken: string }>(h, 'authSession'))?.accessToken;

const tokenState = (h: BrowserDriver, token: string) =>
  h.sim.control.tokens().find((t) => t.token === token)?.state;

// Chromium only: these read what Puppeteer sees of a page — its frames and their documents, a
// script run before the page's own, targets the extension opens — which Firefox's Marionette
// driver does not report.
describe.skipIf(!inChromium)('security', () => {
  let streamer: Page;
  const h = useChromium({
    listening: {},
    setup: async (h) => {
      streamer = await openRecording(h, 'streamer.html');
      await streamer.waitForSelector('iframe[title="Live player"]');
    },
  });

  describe('the content security policy', () => {
    /** Waits until the streamer page reports a violation of `directive`. */
    const violationOf = (directive: string) =>
      waitFor(
        async () => (await violations(streamer)).some((v) => v.directive === directive),
        `a ${directive} violation`,
      );

    it('lets every page work without a single violation', async () => {
      for (const path of ['popup.html', 'options.html']) {
        const page = await openRecording(h, path);
        await page.waitForSelector('h1');
        expect(await violations(page)).toEqual([]);
        await page.close();
      }
      // The streamer page with its avatar (from Twitch's image CDN) and both embeds.
      await waitFor(
        () => streamer.$('img[src^="https://static-cdn.jtvnw.net/"]'),
        'the favorite’s avatar',
      );
      expect(await violations(streamer)).toEqual([]);
    });

    it('refuses an image from another host', async () => {
      await streamer.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'https://images.example.com/tracker.png';
        document.body.append(img);
      });
      await violationOf('img-src');
      expect(await violations(streamer)).toContainEqual({
        directive: 'img-src',
        blocked: 'https://images.example.com/tracker.png',
      });
    });

    it('refuses a connection to another host', async () => {
      const outcome = await streamer.evaluate(() =>
        fetch('https://collect.example.com/beacon').then(
          () => 'fetched',
          (error: Error) => error.name,
        ),
      );
      expect(outcome).toBe('TypeError');
      expect(await violations(streamer)).toContainEqual({
        directive: 'connect-src',
        blocked: 'https://collect.example.com/beacon',
      });
    });

    it('refuses inline script and frames from other hosts', async () => {
      await streamer.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.src = 'https://frames.example.com/';
        document.body.append(frame);
        const script = document.createElement('script');
        script.textContent = 'window.__inline = true';
        document.body.append(script);
      });
      await violationOf('frame-src');
      const seen = await violations(streamer);
      expect(seen.some((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toBe(
        true,
      );
      expect(await streamer.evaluate(() => '__inline' in window)).toBe(false);
    });
  });

  describe('the embeds', () => {
    it('frames the player and the chat, each in a sandbox without top navigation', async () => {
      await waitFor(
        async () => /demo/i.test(await bodyText(frameOn(streamer, 'player.twitch.tv'))),
        'the player to render',
      );
      await waitFor(
        async () => /chat/i.test(await bodyText(frameOn(streamer, 'www.twitch.tv'))),
        'the chat embed to render',
      );
      for (const title of ['Live player', 'Twitch chat']) {
        const tokens = await streamer.$eval(`iframe[title="${title}"]`, (f) => [
          ...(f as HTMLIFrameElement).sandbox,
        ]);
        expect(tokens).toEqual(
          expect.arrayContaining([
            'allow-scripts',
            'allow-popups',
            'allow-popups-to-escape-sandbox',
          ]),
        );
        expect(tokens.some((t) => t.startsWith('allow-top-navigation'))).toBe(false);
      }
      // The player may open a link in a new tab, but not navigate the streamer page.
      const player = frameOn(streamer, 'player.twitch.tv')!;
      const opened = await player.evaluate(() => {
        const tab = window.open('https://www.twitch.tv/demo', '_blank');
        tab?.close();
        return tab !== null;
      });
      expect(opened).toBe(true);
      const navigated = await player.evaluate(() => {
        try {
          window.top!.location.href = 'https://www.twitch.tv/demo';
          return 'navigated';
        } catch (error) {
          return (error as Error).name;
        }
      });
      expect(navigated).toBe('SecurityError');
      expect(streamer.url()).toBe(`${ORIGIN}/streamer.html`);
    });

    it('keeps Twitch’s frame-ancestors header on every other page of the embed hosts', async () => {
      const page = await h.newPage();
      await page.goto(`${ORIGIN}/popup.html`);
      // Served by Twitch (here the simulator) with `frame-ancestors https://<parent>`, like the
      // embeds, but not the URLs the streamer page loads.
      const others = [
        `https://player.twitch.tv/index.html?channel=demo&parent=${EXTENSION_ID}&muted=true&autoplay=true`,
        `https://player.twitch.tv/?channel=demo&parent=${EXTENSION_ID}&muted=true&autoplay=true&extra=1`,
        `https://www.twitch.tv/embed/demo/chat/?parent=${EXTENSION_ID}`,
      ];
      const embeds = [
        `https://player.twitch.tv/?channel=demo&parent=${EXTENSION_ID}&muted=true&autoplay=true`,
        `https://www.twitch.tv/embed/demo/chat?parent=${EXTENSION_ID}`,
      ];
      await page.evaluate(
        (urls) => {
          for (const url of urls) {
            const frame = document.createElement('iframe');
            frame.src = url;
            document.body.append(frame);
          }
        },
        [...others, ...embeds],
      );
      const rendered = async (url: string) =>
        /demo|chat/i.test(await bodyText(page.frames().find((f) => f.url() === url)));
      for (const url of embeds) await waitFor(() => rendered(url), `${url} to render`);
      const served = h.sim.control
        .embeds()
        .filter((e) => others.some((o) => o.endsWith(String(e.url))));
      expect(served.length).toBeGreaterThanOrEqual(others.length);
      for (const url of others) expect(await rendered(url)).toBe(false);
      await page.close();
    });
  });

  describe('the token', () => {
    it('reaches the listener host only: pages get neither the start message’s token nor an answer', async () => {
      const token = await sessionToken(h);
      expect(token).toBeTruthy();
      const popup = await h.newPage();
      await popup.goto(`${ORIGIN}/popup.html`);
      const pages = [popup, streamer];
      const seen = await Promise.all(pages.map(recordMessages));
      // Another favorite: the background starts the listener host again, for the new channel.
      expect((await setFavorite(h, 'pixelpaladin')).ok).toBe(true);
      await waitForListening(h, { channelId: '100010' });
      for (const read of seen) {
        const messages = await read();
        expect(messages.some((m) => m.includes('"hostStart"'))).toBe(true);
        expect(messages.filter((m) => m.includes(token!))).toEqual([]);
      }
      // A page that asks for the token, as the offscreen document does, is answered null.
      expect(await ask(new ChromiumPage(popup), 'hostCredentials')).toEqual({ res: null });
      // What pages read of the session has no token.
      const profile = await storageGet<Record<string, unknown>>(h, 'authProfile');
      expect(profile).toMatchObject({ login: 'demo_viewer', displayName: 'DemoViewer' });
      expect(JSON.stringify(profile)).not.toContain(token!);
      await popup.close();
    });

    it('is revoked on Twitch when a new sign-in replaces it, and at sign-out', async () => {
      const first = (await sessionToken(h))!;
      expect(tokenState(h, first)).toBe('valid');
      // Signing in again while signed in (as when more access is asked for), as another account.
      const consentOpened = h.browser.waitForTarget((t) =>
        t.url().startsWith('https://id.twitch.tv/oauth2/authorize'),
      );
      const signedIn = ask(h.probe, 'signIn', {
        moderator: true,
        broadcaster: false,
        sendChat: false,
      });
      const consent = await (await consentOpened).asPage();
      await consent.locator('button[data-login="demo_mod"]').click();
      expect(await signedIn).toEqual({ res: { ok: true } });
      const second = (await sessionToken(h))!;
      expect(second).not.toBe(first);
      await waitFor(() => tokenState(h, first) === 'revoked', 'the replaced token revoked');
      expect(tokenState(h, second)).toBe('valid');

      expect(await ask(h.probe, 'signOut')).toEqual({ res: { ok: true } });
      await waitFor(() => tokenState(h, second) === 'revoked', 'the token revoked at sign-out');
      expect(await storageGet(h, 'authSession')).toBeUndefined();
      expect(await storageGet(h, 'authProfile')).toBeUndefined();
      expect(await storageGet(h, 'pendingRevocations')).toBeUndefined();
    });
  });
});

describe('a Helix 401', () => {
  const h = useBrowser({ listening: { access: { sendChat: true } } });

  const revokeBehindTheExtensionsBack = async () => {
    const token = (await sessionToken(h))!;
    // Twitch forgets the token, but the socket and its subscriptions stay: only Helix notices.
    h.sim.control.revokeToken({ token });
    expect(tokenState(h, token)).toBe('revoked');
  };

  it('from sending chat ends the session at once', async () => {
    await revokeBehindTheExtensionsBack();
    const answer = (await ask(h.probe, 'sendChatMessage', 'hello')) as {
      res: { ok: boolean; error?: string };
    };
    expect(answer.res.ok).toBe(false);
    await waitFor(async () => (await storageGet(h, 'authSession')) == null, 'the session ended');
    expect(await storageGet(h, 'authProfile')).toBeUndefined();
  });

  it('from the channel summary ends the session at once', async () => {
    await signIn(h, 'demo_viewer', { sendChat: true });
    await waitForListening(h);
    await revokeBehindTheExtensionsBack();
    expect(await ask(h.probe, 'channelSummary')).toEqual({ res: null });
    await waitFor(async () => (await storageGet(h, 'authSession')) == null, 'the session ended');
  });
});

describe('retention of a former favorite', () => {
  const h = useBrowser({ listening: {} });

  it('prunes channel A by count and by age while the extension listens to B', async () => {
    const DEMO = '100001';
    const DAY = 24 * 60 * 60 * 1000;
    // The settings allow no fewer than 100 events a channel and no less than a day.
    const ids = await sendResubs(h, 105);
    await allStored(h, ids, 'the events of channel A');
    const eventsOfA = async () =>
      (await readTable<{ id: string; channelId: string }>(h, 'events'))
        .filter((e) => e.channelId === DEMO)
        .map((e) => e.id);
    const before = await eventsOfA();
    expect(before.length).toBeGreaterThanOrEqual(105);

    expect((await setFavorite(h, 'pixelpaladin')).ok).toBe(true);
    await waitForListening(h, { channelId: '100010' });
    expect((await eventsOfA()).length).toBe(before.length);

    const limits = { eventsPerChannel: 100, eventDays: 90, chatPerChannel: 20_000, chatDays: 14 };
    await storageSet(h, { retention: limits }, 'sync');
    await waitFor(async () => (await eventsOfA()).length === 100, 'A pruned to 100 events');
    // The newest stay (events written in one batch share their time, so which ones is not fixed).
    for (const id of await eventsOfA()) expect(before).toContain(id);

    // Three events of A from three days ago, then a limit of two days (and room for 1,000 events,
    // so the count does not take them): those three go, the hundred of today stay.
    const old = ['old-1', 'old-2', 'old-3'];
    await h.probe.evaluate(
      (rows: string[], channelId: string, at: number) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('companion-for-twitch');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('events', 'readwrite');
            for (const id of rows)
              tx.objectStore('events').put({
                id,
                channelId,
                accountId: '',
                type: 'channel.chat.notification',
                version: '1',
                noticeType: 'resub',
                occurredAt: at,
                receivedAt: at,
                recent: 0,
                event: {},
              });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      old,
      DEMO,
      Date.now() - 3 * DAY,
    );
    expect(await eventsOfA()).toEqual(expect.arrayContaining(old));
    await storageSet(h, { retention: { ...limits, eventsPerChannel: 1000, eventDays: 2 } }, 'sync');
    await waitFor(
      async () => (await eventsOfA()).every((id) => !old.includes(id)),
      'A pruned by age',
    );
    expect((await eventsOfA()).length).toBe(100);
  });
});
