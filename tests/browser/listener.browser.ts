import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allStored,
  readTable,
  sentIds,
  setFavorite,
  signIn,
  storageGet,
  waitForListening,
  waitForText,
} from '../../browser/extension';
import { EXTENSION_DIR } from '../../browser/firefox';
import { pause } from '../../browser/wait';
import { chromium, inChromium, inFirefox, useBrowser } from './support/use-browser';

/** The redirect URL the README tells developers to register for Firefox. */
const FIREFOX_REDIRECT_URL =
  'https://48ed46cd4a6be7b5703a1bad3e9dd856dc60b29d.extensions.allizom.org/';

/** Subscriptions the simulator holds enabled for the viewer. */
const enabledSubscriptions = (h: ReturnType<typeof useBrowser>) =>
  h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' });

const connectedSockets = (h: ReturnType<typeof useBrowser>) =>
  h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' });

describe('signing in as a viewer and listening to a favorite channel', () => {
  const h = useBrowser();

  // Chrome runs the background as a Manifest V3 service worker; Firefox has none.
  it.skipIf(!inChromium)(
    'loads: a service worker, and the popup shows its first screen',
    async () => {
      const worker = await chromium(h).serviceWorker();
      expect(worker.url()).toBe(`${h.origin}/background.js`);
    },
  );

  // Firefox's Manifest V2 build: a persistent background page and its own redirect URL.
  it.skipIf(!inFirefox)(
    'loads as a persistent background page, with the redirect URL the README documents',
    async () => {
      const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8'));
      expect(manifest.manifest_version).toBe(2);
      expect(manifest.background).toEqual({ persistent: true, scripts: ['background.js'] });
      expect(manifest.permissions).not.toContain('offscreen');
      const background = await h.probe.evaluate(
        () => (chrome.extension.getBackgroundPage() as unknown as Window).location.href,
      );
      expect(background).toBe(`${h.origin}/_generated_background_page.html`);
      expect(await h.probe.evaluate(() => chrome.identity.getRedirectURL())).toBe(
        FIREFOX_REDIRECT_URL,
      );
      expect(readFileSync('README.md', 'utf8')).toContain(FIREFOX_REDIRECT_URL);
    },
  );

  it('shows the popup’s first screen', async () => {
    await waitForText(h.probe, 'Log in with Twitch');
    const text = await h.probe.evaluate(() => document.querySelector('main')!.textContent);
    expect(text).toContain('Companion for Twitch');
    expect(text).toContain('Log in with Twitch');
  });

  it('signs in through the popup and the consent page', async () => {
    await signIn(h, 'demo_viewer');
    const session = await storageGet<{ login: string; scopes: string[] }>(h, 'authSession');
    expect(session?.login).toBe('demo_viewer');
    expect(session?.scopes).toEqual(['user:read:chat', 'user:read:follows']);
    // No error was left for the popup (the storage `session:` area works).
    expect(await storageGet(h, 'signInError', 'session')).toBeUndefined();
  });

  it('refuses an unknown favorite and keeps the state as it was', async () => {
    const result = await setFavorite(h, 'no_such_channel_here');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/No Twitch channel is called/);
    expect(await storageGet(h, 'favorites', 'sync')).toBeUndefined();
  });

  it('subscribes to every viewer type on exactly one socket', async () => {
    const result = await setFavorite(h, 'https://www.twitch.tv/demo');
    expect(result.ok).toBe(true);
    const status = await waitForListening(h);
    const active = status.subscriptions.filter((s) => s.status === 'active').map((s) => s.id);
    expect(active).toEqual(
      expect.arrayContaining([
        'stream.online',
        'stream.offline',
        'channel.update',
        'channel.raid.to',
        'channel.raid.from',
        'channel.chat.message',
        'channel.chat.notification',
      ]),
    );
    const refused = status.subscriptions.filter((s) => s.status === 'refused');
    expect(refused.map((s) => s.id)).toContain('channel.follow');
    // Why, in the popup's words (Chrome's listener worker stores the message, not its words).
    const popup = await h.openPage('/popup.html');
    try {
      await waitForText(popup, 'Follows: needs moderator access');
    } finally {
      await popup.close();
    }
    const sockets = h.sim.control
      .sockets({ login: 'demo_viewer' })
      .filter((s) => s.state === 'connected');
    expect(sockets).toHaveLength(1);
    expect(enabledSubscriptions(h)).toHaveLength(active.length);
  });

  it('records events of every viewer type, and an unknown chat notice', async () => {
    const sent = [
      h.sim.control.trigger({ type: 'stream.online' }),
      h.sim.control.trigger({ type: 'channel.update', text: 'New title' }),
      h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo', amount: 42 }),
      h.sim.control.trigger({ type: 'channel.raid', from: 'demo', to: 'cozycrafter', amount: 7 }),
      h.sim.control.trigger({
        type: 'channel.chat.notification',
        noticeType: 'community_sub_gift',
        amount: 5,
      }),
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'mystery_notice' }),
      h.sim.control.trigger({ type: 'channel.chat.message', text: 'hello <b>chat</b>' }),
      h.sim.control.trigger({ type: 'stream.offline' }),
    ];
    const ids = sent.flatMap((s) => s.delivered.map((d) => d.messageId));
    expect(ids).toHaveLength(8);
    await allStored(h, ids, 'every event to be stored', 20_000);
    const events = await readTable<{ id: string; type: string; noticeType?: string }>(h, 'events');
    expect(new Set(events.filter((e) => ids.includes(e.id)).map((e) => e.type))).toEqual(
      new Set([
        'stream.online',
        'channel.update',
        'channel.raid',
        'channel.chat.notification',
        'stream.offline',
      ]),
    );
    expect(events.find((e) => e.noticeType === 'mystery_notice')).toBeTruthy();
    const chat = await readTable<{ id: string; text?: string }>(h, 'chat');
    expect(chat.some((c) => ids.includes(c.id))).toBe(true);
  });

  it('keeps recording with no extension page open: the background holds the socket', async () => {
    const socket = connectedSockets(h)[0]!.id;
    await h.closeExtensionPages();
    const since = Date.now();
    for (let i = 0; i < 5; i += 1)
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'sub' });
    const ids = sentIds(h, since);
    expect(ids).toHaveLength(5);
    await pause(1_000);
    await h.reopenProbe();
    await allStored(h, ids, 'events sent while no page was open', 20_000);
    expect(connectedSockets(h).map((s) => s.id)).toEqual([socket]);
  });
});
