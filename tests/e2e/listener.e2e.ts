import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  launch,
  readTable,
  serviceWorker,
  setFavorite,
  signIn,
  storageGet,
  waitForListening,
  type Harness,
  allStored,
} from './support/harness';

describe('signing in as a viewer and listening to a favorite channel', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads: the service worker starts and the popup shows its first screen', async () => {
    const worker = await serviceWorker(h);
    expect(worker.url()).toBe(`${ORIGIN}/background.js`);
    const text = await h.probe.$eval('main', (el) => el.textContent);
    expect(text).toContain('Companion for Twitch');
    expect(text).toContain('Log in with Twitch');
  });

  it('signs in through the real popup and the consent page', async () => {
    await signIn(h, 'demo_viewer');
    const session = await storageGet<{ login: string; scopes: string[] }>(h, 'authSession');
    expect(session?.login).toBe('demo_viewer');
    expect(session?.scopes).toEqual(['user:read:chat']);
  });

  it('refuses an unknown favorite and keeps the state as it was', async () => {
    const result = await setFavorite(h, 'no_such_channel_here');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/No Twitch channel is called/);
    expect(await storageGet(h, 'favorites')).toBeUndefined();
  });

  it('subscribes to every viewer type on one socket', async () => {
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
    const events = await readTable<{ type: string; noticeType: string }>(h, 'events');
    expect(events.find((e) => e.noticeType === 'mystery_notice')).toBeTruthy();
  });
});
