import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  notificationIds,
  readTable,
  sendResubBothWays,
  waitForListening,
} from '../../browser/extension';
import { pause, waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const recentRows = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label="Recent events"] > li[data-event-id]')].map(
      (li) => ({ id: li.getAttribute('data-event-id') ?? '', text: li.textContent ?? '' }),
    ),
  );

describe('a happening Twitch tells twice', () => {
  const h = useBrowser({ listening: { login: 'demo', access: { broadcaster: true } } });

  it('a resub sent as a chat notice and as a subscription message is one row and one notification', async () => {
    await waitForListening(h);
    const page = await h.openPage('/streamer.html');
    try {
      const { notice, message } = sendResubBothWays(h, {
        user: 'astro_ana',
        months: 3,
        text: 'three months of cozy streams',
      });
      await allStored(h, [notice, message], 'both records of the resub');
      // Both stay stored: they are what Twitch sent.
      const stored = await readTable<{ id: string; type: string }>(h, 'events');
      expect(stored.filter((e) => e.id === notice || e.id === message)).toHaveLength(2);

      await waitFor(
        async () => (await recentRows(page)).some((row) => row.id === message),
        'the resub under Recent events',
      );
      const notified = async () =>
        (await notificationIds(h)).filter(
          (id) => id === `event:${notice}` || id === `event:${message}`,
        );
      await waitFor(async () => (await notified()).length > 0, 'the resub notification');
      // Time for a second notification or row to appear, if one were coming.
      await pause(1_500);
      const rows = await recentRows(page);
      expect(rows.map((row) => row.id)).not.toContain(notice);
      const resubRows = rows.filter((row) => row.text.includes('Astro_Ana resubscribed'));
      expect(resubRows).toHaveLength(1);
      expect(resubRows[0]!.text).toContain('three months of cozy streams');
      expect(await notified()).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});
