import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  launch,
  openToolbarPopup,
  listenerStatus,
  readTable,
  serviceWorker,
  setFavorite,
  signIn,
  storageGet,
  waitFor,
  waitForListening,
  type Harness,
} from './support/harness';

describe('favorites and the end of a session', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch();
    await signIn(h, 'demo_viewer');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an invalid favorite shows the error and keeps the old one', async () => {
    expect((await setFavorite(h, 'demo')).ok).toBe(true);
    await waitForListening(h);
    const result = await setFavorite(h, 'not a channel!');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/not a valid Twitch name/),
    });
    expect((await storageGet<{ login: string }[]>(h, 'favorites'))?.[0]?.login).toBe('demo');
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
    const worker = await serviceWorker(h);
    const notifications = await worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(notifications)).toContain('session-ended');
    expect((await readTable(h, 'events')).length).toBe(before);
    expect(h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' })).toHaveLength(0);
  });
});

describe('a refused sign-in', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says so the next time the popup opens, and nothing changes', async () => {
    const popup = await openToolbarPopup(h);
    const consentOpened = h.browser.waitForTarget((t) =>
      t.url().startsWith('https://id.twitch.tv/oauth2/authorize'),
    );
    await popup.locator('::-p-aria(Log in with Twitch)').click();
    const consent = await (await consentOpened).asPage();
    await consent.locator('button[data-action="deny"]').click();
    const again = await h.browser.newPage();
    await again.goto(`${ORIGIN}/popup.html`);
    const alert = await again.waitForSelector('[role="alert"]');
    expect(await alert!.evaluate((el) => el.textContent)).toMatch(/declined access on Twitch/);
    expect(await storageGet(h, 'authSession')).toBeUndefined();
    expect(await again.$('::-p-aria(Log in with Twitch)')).not.toBeNull();
  });
});
