import { describe, expect, it } from 'vitest';
import { allStored, sentIds, waitForListening } from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { chromium, inChromium, useBrowser } from './support/use-browser';

describe('listening survives the browser and the network', () => {
  const h = useBrowser({ listening: {} });

  // Chrome stops an idle Manifest V3 service worker; Firefox's background page is persistent.
  it.skipIf(!inChromium)('keeps recording while the service worker is stopped', async () => {
    await chromium(h).stopServiceWorker();
    const since = Date.now();
    for (let i = 0; i < 5; i += 1)
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'sub' });
    const ids = sentIds(h, since);
    expect(ids).toHaveLength(5);
    await allStored(h, ids, 'events sent while the service worker was stopped', 20_000);
  });

  it('reconnects and resubscribes when keepalives stop', async () => {
    const before = h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' })[0]!.id;
    h.sim.control.stallKeepalives({ login: 'demo_viewer', on: true });
    try {
      // The keepalive window is 10 s; twurple gives it 20% more before it calls the socket dead.
      await waitFor(
        () =>
          h.sim.control
            .sockets({ login: 'demo_viewer', state: 'connected' })
            .some((s) => s.id !== before),
        'a new socket after the silence',
        30_000,
      );
    } finally {
      h.sim.control.stallKeepalives({ on: false });
    }
    // Subscriptions do not survive a dropped socket: they were created again on the new one.
    await waitFor(
      () => h.sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }).length >= 7,
      'the subscriptions to be created again',
    );
    await waitForListening(h);
    const since = Date.now();
    h.sim.control.trigger({ type: 'stream.online' });
    const [id] = sentIds(h, since);
    await allStored(h, [id!], 'an event after resubscribing', 20_000);
  });

  // The listener host is Chrome's offscreen document; in Firefox it is the background page itself.
  it.skipIf(!inChromium)(
    'recreates the listener host when the offscreen document dies (watchdog)',
    async () => {
      const worker = await chromium(h).serviceWorker();
      await worker.evaluate(() => chrome.offscreen.closeDocument());
      await waitFor(() => !chromium(h).offscreenTarget(), 'the offscreen document to close');
      await waitFor(
        () => Boolean(chromium(h).offscreenTarget()),
        'the watchdog to recreate it',
        75_000,
        500,
      );
      await waitForListening(h);
      const since = Date.now();
      h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'announcement' });
      const [id] = sentIds(h, since);
      await allStored(h, [id!], 'an event after the host came back', 20_000);
    },
  );

  // Restarting on the same profile is the Chromium driver's (Firefox's throwaway profile is set
  // up for one start: its add-on is installed as a temporary one, gone when Firefox quits).
  it.skipIf(!inChromium)(
    'resumes listening after a browser restart, with no user action',
    async () => {
      await chromium(h).restartBrowser();
      await waitFor(
        () => h.sim.control.sockets({ login: 'demo_viewer', state: 'connected' }).length === 1,
        'a socket from the restarted browser',
      );
      await waitForListening(h);
      const since = Date.now();
      h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
      const [id] = sentIds(h, since);
      await allStored(h, [id!], 'an event after the restart', 20_000);
    },
  );
});
