import { describe, expect, it } from 'vitest';
import { startListening, waitForText } from '../../browser/extension';
import { seriousViolations } from './support/axe';
import { useBrowser } from './support/use-browser';

describe('accessibility of every page', () => {
  const h = useBrowser();

  /** Opens `path` in `scheme`, waits for `ready` on it, and returns what axe finds. */
  async function check(path: string, scheme: 'light' | 'dark', ready: string) {
    const page = await h.openPage(`/${path}`, { colorScheme: scheme });
    try {
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        scheme === 'dark',
      );
      await waitForText(page, ready);
      return await seriousViolations(page);
    } finally {
      await page.close();
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`signed out, ${scheme}: popup and streamer page`, async () => {
      for (const path of ['popup.html', 'streamer.html'])
        expect(await check(path, scheme, 'Log in with Twitch'), path).toEqual([]);
    });
  }

  it('signed in and listening: popup, streamer page with events, options', async () => {
    await startListening(h);
    h.sim.control.trigger({
      type: 'channel.chat.notification',
      noticeType: 'community_sub_gift',
      amount: 5,
    });
    h.sim.control.trigger({ type: 'channel.chat.message', text: 'hello there' });
    h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
    for (const scheme of ['light', 'dark'] as const) {
      for (const [path, ready] of [
        ['popup.html', 'Open streamer page'],
        ['streamer.html', 'Recent events'],
        ['options.html', 'Notifications'],
      ] as const) {
        expect(await check(path, scheme, ready), `${path} (${scheme})`).toEqual([]);
      }
    }
  });
});
