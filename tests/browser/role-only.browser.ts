import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  readTable,
  signIn,
  storageGet,
  waitForListening,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const recentEventIds = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label="Recent events"] > li[data-event-id]')].map(
      (li) => li.getAttribute('data-event-id') ?? '',
    ),
  );

describe('role-only events and the next account on the same profile', () => {
  const h = useBrowser({ listening: { login: 'demo', access: { broadcaster: true } } });

  /** The streamer page's recent events, once `shown` is among them. */
  const recentEventsShowing = async (shown: string) => {
    const page = await h.openPage('/streamer.html');
    try {
      return await waitFor(async () => {
        const ids = await recentEventIds(page);
        return ids.includes(shown) ? ids : undefined;
      }, `event ${shown} in Recent events`);
    } finally {
      await page.close();
    }
  };

  const signOut = async () => {
    const answer = await h.probe.evaluate(() =>
      chrome.runtime.sendMessage({ id: 1, type: 'signOut', timestamp: Date.now() }),
    );
    expect(answer).toEqual({ res: { ok: true } });
    await waitFor(async () => (await storageGet(h, 'authSession')) == null, 'signed out');
  };

  it('shows the broadcaster’s follow to the broadcaster, and not to the viewer who signs in next', async () => {
    await waitForListening(h);
    const follow = h.sim.control.trigger({ type: 'channel.follow' }).delivered[0]!.messageId;
    const raid = h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' })
      .delivered[0]!.messageId;
    await allStored(h, [follow, raid], 'the follow and the raid to be stored');
    const stored = await readTable<{ id: string; accountId: string }>(h, 'events');
    expect(stored.filter((e) => e.id === follow || e.id === raid).map((e) => e.accountId)).toEqual([
      '100001',
      '100001',
    ]);
    const broadcasterSees = await recentEventsShowing(raid);
    expect(broadcasterSees).toContain(follow);

    await signOut();
    await signIn(h, 'demo_viewer');
    await waitFor(
      async () => (await storageGet<{ userId?: string }>(h, 'authProfile'))?.userId === '100003',
      'the viewer’s profile',
    );
    const viewerSees = await recentEventsShowing(raid);
    expect(viewerSees).not.toContain(follow);
    // Still stored: hidden from this account, not deleted.
    expect((await readTable<{ id: string }>(h, 'events')).map((e) => e.id)).toContain(follow);

    // The broadcaster, back, sees it again.
    await signOut();
    await signIn(h, 'demo', { broadcaster: true });
    expect(await recentEventsShowing(follow)).toContain(raid);
  });
});
