/**
 * The extension in the browser's language: Chromium started in German (`--lang=de`, and
 * `LANGUAGE=de` for Linux) shows the popup and the streamer page in German, with
 * `<html lang="de">`, German numbers and event wording, and axe finds nothing serious there.
 * Chromium only: Firefox takes its UI language from a language pack, which the tests do not
 * install (README, "Languages").
 */
import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import { message, waitForText } from '../../browser/extension';
import { seriousViolations } from './support/axe';
import { inChromium, useChromium } from './support/use-browser';

// Chromium only: Firefox takes its UI language from a language pack, which the Firefox suite does
// not install, so it runs in English.
describe.skipIf(!inChromium)('in German', () => {
  // Signing in clicks the popup's own (German) words, read through chrome.i18n.
  const h = useChromium({ launch: { language: 'de' }, listening: {} });

  /** The page's language as the browser and the page say it. */
  const languageOf = (page: BrowserPage) =>
    page.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      html: document.documentElement.lang,
      title: document.title,
    }));

  it('the browser runs the extension in German', async () => {
    expect((await languageOf(h.probe)).ui).toMatch(/^de\b/);
    expect(await message(h.probe, 'signIn_logIn')).toBe('Mit Twitch anmelden');
  });

  it('shows the popup in German', async () => {
    const popup = await h.openPage('/popup.html');
    try {
      await waitForText(popup, 'Streamerseite öffnen');
      for (const words of ['Angemeldet als', 'Abmelden', 'Lieblingsstreamer', 'Hört mit'])
        await waitForText(popup, words);
      expect(await languageOf(popup)).toMatchObject({
        html: 'de',
        title: 'Companion for Twitch',
      });
      expect(await seriousViolations(popup)).toEqual([]);
    } finally {
      await popup.close();
    }
  });

  it('shows the streamer page in German, events in German words', async () => {
    h.sim.control.trigger({
      type: 'channel.chat.notification',
      noticeType: 'community_sub_gift',
      amount: 5,
    });
    h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
    const page = await h.openPage('/streamer.html');
    try {
      for (const words of [
        'Letzte Ereignisse',
        'Einstellungen',
        'Auf twitch.tv öffnen',
        'Gespeicherter Chat',
        'hat der Community 5 Abos der Stufe',
        'hat Demo geraidet: ',
      ])
        await waitForText(page, words);
      const language = await languageOf(page);
      expect(language.html).toBe('de');
      expect(language.title).toMatch(/ – Companion for Twitch$/);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
