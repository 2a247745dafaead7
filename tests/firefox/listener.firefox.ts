import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  ORIGIN,
  execute,
  launch,
  openExtensionPage,
  readTable,
  sentIds,
  setFavorite,
  signIn,
  storageGet,
  waitFor,
  waitForListening,
  type Harness,
  pause,
  allStored,
} from './support/harness';

/** The redirect URL the README tells developers to register for Firefox. */
const FIREFOX_REDIRECT_URL =
  'https://48ed46cd4a6be7b5703a1bad3e9dd856dc60b29d.extensions.allizom.org/';

describe('Firefox: signing in as a viewer and listening in the background page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads as a persistent background page, with the redirect URL the README documents', async () => {
    const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8'));
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.background).toEqual({ persistent: true, scripts: ['background.js'] });
    expect(manifest.permissions).not.toContain('offscreen');
    const background = await execute<string>(
      h,
      `return browser.extension.getBackgroundPage().location.href`,
    );
    expect(background).toBe(`${ORIGIN}/_generated_background_page.html`);
    expect(await execute(h, `return browser.identity.getRedirectURL()`)).toBe(FIREFOX_REDIRECT_URL);
    expect(readFileSync('README.md', 'utf8')).toContain(FIREFOX_REDIRECT_URL);
    const text = await execute<string>(h, `return document.querySelector('main').textContent`);
    expect(text).toContain('Companion for Twitch');
    expect(text).toContain('Log in with Twitch');
  });

  it('signs in with launchWebAuthFlow through the consent page', async () => {
    await signIn(h, 'demo_viewer');
    const session = await storageGet<{ login: string; scopes: string[] }>(h, 'authSession');
    expect(session?.login).toBe('demo_viewer');
    expect(session?.scopes).toEqual(['user:read:chat']);
    // No error was left for the popup (the storage `session:` area works).
    expect(await storageGet(h, 'signInError', 'session')).toBeUndefined();
  });

  it('refuses an unknown favorite and keeps the state as it was', async () => {
    const result = await setFavorite(h, 'no_such_channel_here');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/No Twitch channel is called/);
    expect(await storageGet(h, 'favorites')).toBeUndefined();
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
    expect(refused.find((s) => s.id === 'channel.follow')?.reason).toBe('needs moderator access');
    const sockets = h.sim.control
      .sockets({ login: 'demo_viewer' })
      .filter((s) => s.state === 'connected');
    expect(sockets).toHaveLength(1);
    expect(h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' })).toHaveLength(
      active.length,
    );
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

  it('keeps recording with no extension page open: the background page holds the socket', async () => {
    const socket = h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' })[0]!.id;
    // Leave only an ordinary tab: nothing of the add-on but its background page is left.
    await h.m.chrome(
      `const win = Services.wm.getMostRecentWindow('navigator:browser');
       const blank = win.gBrowser.addTab('about:blank', {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });
       for (const tab of [...win.gBrowser.tabs]) if (tab !== blank) win.gBrowser.removeTab(tab);`,
    );
    await waitFor(
      () =>
        h.m.chrome<boolean>(
          `const win = Services.wm.getMostRecentWindow('navigator:browser');
           return win.gBrowser.tabs.length === 1;`,
        ),
      'the add-on pages to close',
    );
    const since = Date.now();
    for (let i = 0; i < 5; i += 1)
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'sub' });
    const ids = sentIds(h, since);
    expect(ids).toHaveLength(5);
    await pause(1_000);
    h.probe = await openExtensionPage(h, '/popup.html');
    await allStored(h, ids, 'events sent while no page was open', 20_000);
    const sockets = h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' });
    expect(sockets.map((s) => s.id)).toEqual([socket]);
  });

  it('loses nothing across a session_reconnect with a 200/s firehose in flight', async () => {
    const since = Date.now();
    const firehose = h.sim.control.firehose({ rate: 200, durationMs: 3_000, wait: true });
    await pause(1_000);
    const before = h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' });
    expect(before).toHaveLength(1);
    h.sim.control.reconnect({ login: 'demo_viewer', graceMs: 10_000 });
    const report = await firehose;
    const ids = sentIds(h, since);
    expect(ids.length).toBe(report.sent);
    expect(report.sent).toBeGreaterThan(500);
    await allStored(h, ids, 'every message of the firehose', 30_000);
    const after = h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' });
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before[0]!.id);
    // The subscriptions were carried over, not created again.
    expect(h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }).length).toBe(
      (await waitForListening(h)).subscriptions.filter((s) => s.status === 'active').length,
    );
  });
});
