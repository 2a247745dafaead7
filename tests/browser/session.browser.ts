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
import { useBrowser } from './support/session';

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

  it('changing the favorite deletes the old subscriptions before creating the new ones', async () => {
    const demoSubs = h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' });
    expect(demoSubs.length).toBeGreaterThan(0);
    expect((await setFavorite(h, 'PixelPaladin')).ok).toBe(true);
    await waitForListening(h, { channelId: '100010' });
    const enabled = h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' });
    const conditionIds = new Set(
      enabled.flatMap((s) => Object.values(s.condition as Record<string, string>)),
    );
    expect(conditionIds.has('100001')).toBe(false);
    expect(conditionIds.has('100010')).toBe(true);
    const deletes = h.sim.control
      .helixCalls({ path: '/eventsub/subscriptions' })
      .filter((c) => c.method === 'DELETE');
    expect(deletes.length).toBe(demoSubs.length);
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
