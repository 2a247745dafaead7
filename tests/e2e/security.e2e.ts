/**
 * The extension's own defences, in real Chromium: the content security policy of its pages, the
 * header rule that lets Twitch's embeds be framed (and nothing else), the embeds' sandbox.
 */
import type { Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, ORIGIN, launchListening, waitFor, type Harness } from './support/harness';

interface Violation {
  directive: string;
  blocked: string;
}

/** Opens an extension page that records every CSP violation from its first script on. */
async function openRecording(h: Harness, path: string): Promise<Page> {
  const page = await h.browser.newPage();
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

describe('security', () => {
  let h: Harness;
  let streamer: Page;

  beforeAll(async () => {
    h = await launchListening();
    streamer = await openRecording(h, 'streamer.html');
    await streamer.waitForSelector('iframe[title="Live player"]');
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('the content security policy', () => {
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
      await waitFor(
        async () => (await violations(streamer)).some((v) => v.directive === 'img-src'),
        'an img-src violation',
      );
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
      await waitFor(
        async () => (await violations(streamer)).some((v) => v.directive === 'frame-src'),
        'a frame-src violation',
      );
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
      const page = await h.browser.newPage();
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
});
