import { describe, expect, it } from 'vitest';
import {
  CONSENT_URL,
  listenerStatus,
  notificationIds,
  readTable,
  setFavorite,
  signIn,
  storageGet,
  waitForListening,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

describe('favorites and the end of a session', () => {
  const h = useBrowser({ setup: (h) => signIn(h, 'demo_viewer') });

  it('an invalid favorite shows the error and keeps the old one', async () => {
    expect((await setFavorite(h, 'demo')).ok).toBe(true);
    await waitForListening(h);
    const result = await setFavorite(h, 'not a channel!');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/not a valid Twitch name/),
    });
    expect((await storageGet<{ login: string }[]>(h, 'favorites', 'sync'))?.[0]?.login).toBe(
      'demo',
    );
  });

  it('a new favorite is listened to beside the first; a removed one has its subscriptions deleted', async () => {
    const demoSubs = h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' });
    expect(demoSubs.length).toBeGreaterThan(0);
    expect((await setFavorite(h, 'PixelPaladin')).ok).toBe(true);
    const channelsOf = () =>
      new Set(
        h.sim.control
          .subscriptions({ login: 'demo_viewer', status: 'enabled' })
          .map((s) => (s.condition as Record<string, string>).broadcaster_user_id),
      );
    await waitFor(
      () => channelsOf().has('100010') && channelsOf().has('100001'),
      'both favorites listened to',
    );
    await waitForListening(h);
    const before = h.sim.control
      .helixCalls({ path: '/eventsub/subscriptions' })
      .filter((c) => c.method === 'DELETE').length;
    const removed = await h.probe.evaluate(
      (data) =>
        chrome.runtime.sendMessage({ id: 1, type: 'toggleFavorite', data, timestamp: Date.now() }),
      { id: '100001', login: 'demo', displayName: 'Demo' },
    );
    expect(removed).toEqual({ res: { ok: true } });
    await waitFor(() => !channelsOf().has('100001'), 'the removed favorite’s subscriptions gone');
    await waitForListening(h, { channelId: '100010' });
    expect(channelsOf().has('100010')).toBe(true);
    const deletes = h.sim.control
      .helixCalls({ path: '/eventsub/subscriptions' })
      .filter((c) => c.method === 'DELETE').length;
    expect(deletes).toBeGreaterThan(before);
  });

  it('a revoked token gives the signed-out state, one notification, and keeps the events', async () => {
    h.sim.control.trigger({ type: 'stream.online', channel: 'pixelpaladin' });
    await waitFor(async () => (await readTable(h, 'events')).length > 0, 'an event to be stored');
    const before = (await readTable(h, 'events')).length;
    h.sim.control.revokeToken({ login: 'demo_viewer', revokeSubscriptions: true });
    await waitFor(async () => (await storageGet(h, 'authSession')) == null, 'the session to end');
    await waitFor(
      async () => (await listenerStatus(h))?.state === 'signed_out',
      'the signed-out state',
    );
    // Firefox shows it in its alert window but leaves it out of notifications.getAll().
    await waitFor(
      async () =>
        h.shownNotifications
          ? (await h.shownNotifications()).some((t) => t.includes('stopped listening'))
          : (await notificationIds(h)).includes('session-ended'),
      'the session-ended notification',
    );
    expect((await readTable(h, 'events')).length).toBe(before);
    expect(h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' })).toHaveLength(0);
  });
});

describe('a refused sign-in', () => {
  const h = useBrowser();

  it('says so the next time the popup opens, and nothing changes', async () => {
    const popup = await h.openPopup();
    const consent = await h.pageOpenedBy(CONSENT_URL, () =>
      popup.click({ text: 'Log in with Twitch' }),
    );
    await consent.click('button[data-action="deny"]');
    await popup.close();
    const again = await h.openPage('/popup.html');
    const alert = await waitFor(
      () => again.evaluate(() => document.querySelector('[role="alert"]')?.textContent),
      'the popup to say why',
    );
    expect(alert).toMatch(/declined access on Twitch/);
    expect(await storageGet(h, 'authSession')).toBeUndefined();
    expect(
      await again.evaluate(() =>
        [...document.querySelectorAll('button')].some((b) =>
          b.textContent?.includes('Log in with Twitch'),
        ),
      ),
    ).toBe(true);
  });
});
