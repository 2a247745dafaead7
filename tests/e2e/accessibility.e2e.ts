import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  launch,
  setFavorite,
  signIn,
  waitForListening,
  type Harness,
} from './support/harness';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core in the real page (colour contrast included), serious and critical findings only. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: Violation[] }> } }
    ).axe;
    return axe.run(document);
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility of every page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`signed out, ${scheme}: popup and streamer page`, async () => {
      for (const path of ['popup.html', 'streamer.html']) {
        const page = await h.browser.newPage();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(`${ORIGIN}/${path}`);
        await page.waitForSelector('::-p-text(Log in with Twitch)');
        expect(await seriousViolations(page), path).toEqual([]);
        await page.close();
      }
    });
  }

  it('signed in and listening: popup, streamer page with events, options', async () => {
    await signIn(h, 'demo_viewer');
    expect((await setFavorite(h, 'demo')).ok).toBe(true);
    await waitForListening(h);
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
        const page = await h.browser.newPage();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(`${ORIGIN}/${path}`);
        await page.waitForSelector(`::-p-text(${ready})`);
        expect(await seriousViolations(page), `${path} (${scheme})`).toEqual([]);
        await page.close();
      }
    }
  });
});
