import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  badgeText,
  clearNotifications,
  notificationIds,
  storageGet,
  waitForText,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { seriousViolations } from './support/axe';
import { inFirefox, useBrowser } from './support/use-browser';

interface Held {
  since: number;
  counts: Record<string, number>;
}

describe('quiet time: snooze, shortcuts and the live region', () => {
  const h = useBrowser({ listening: {} });

  it('declares both shortcut commands in the manifest, listed by the commands API', async () => {
    const manifest = await h.probe.evaluate(
      () =>
        chrome.runtime.getManifest().commands as Record<
          string,
          { suggested_key?: { default?: string }; description?: string }
        >,
    );
    expect(manifest['open-streamer-page']?.suggested_key?.default).toBe('Alt+Shift+U');
    expect(manifest['toggle-snooze']?.suggested_key?.default).toBe('Alt+Shift+O');
    // Both browsers list them through commands.getAll() (Chrome's chrome.commands, Firefox's
    // browser.commands, which `chrome` stands for in a Firefox extension page), with the shortcut
    // in effect: what the browser's shortcut settings show and let the user change.
    const listed = await h.probe.evaluate(async () =>
      (await chrome.commands.getAll()).map((c) => ({ name: c.name, shortcut: c.shortcut })),
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        { name: 'open-streamer-page', shortcut: 'Alt+Shift+U' },
        { name: 'toggle-snooze', shortcut: 'Alt+Shift+O' },
      ]),
    );
  });

  it('records but does not notify while snoozed, then tells one summary when the snooze ends', async () => {
    await clearNotifications(h);
    const popup: BrowserPage = await h.openPage('/popup.html');
    try {
      await popup.click({ text: '1 hour' });
      await waitForText(popup, 'Snoozed until');
      const badgeBefore = Number((await badgeText(h)) || 0);

      const id = h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' })
        .delivered[0]!.messageId;
      await allStored(h, [id], 'the raid');
      // The background counted it for the summary instead of showing it.
      await waitFor(
        async () =>
          (await storageGet<Held>(h, 'heldNotifications'))?.counts['channel.raid.to'] === 1,
        'the raid to be held back',
      );
      expect(await notificationIds(h)).toEqual([]);
      // The badge still counts.
      expect(Number(await badgeText(h))).toBeGreaterThan(badgeBefore);

      await popup.click({ text: 'Turn off snooze' });
      await waitForText(popup, 'Notifications are on.');
      await waitFor(async () => (await notificationIds(h)).length > 0, 'the summary notification');
      const ids = await notificationIds(h);
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatch(/^away:\d+:\d+$/);
      expect((await storageGet(h, 'heldNotifications')) ?? null).toBeNull();
      // Firefox draws notifications in windows of its own, whose text can be read back.
      if (inFirefox && h.shownNotifications) {
        await waitFor(
          async () =>
            (await h.shownNotifications!()).some((text) =>
              text.includes('While you were away: 1 raid'),
            ),
          'the summary text',
        );
      }

      // Not snoozed any more: the next raid notifies at once.
      const next = h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' })
        .delivered[0]!.messageId;
      await waitFor(
        async () => (await notificationIds(h)).includes(`event:${next}`),
        'the raid notification',
      );
    } finally {
      await popup.close();
    }
  });

  it('makes Recent events a polite live region that announces additions only', async () => {
    const page = await h.openPage('/streamer.html');
    try {
      await waitFor(
        () =>
          page.evaluate(() => Boolean(document.querySelector('ol[aria-label="Recent events"]'))),
        'the list of recent events',
      );
      const attributes = await page.evaluate(() => {
        const list = document.querySelector('ol[aria-label="Recent events"]');
        return {
          live: list?.getAttribute('aria-live'),
          relevant: list?.getAttribute('aria-relevant'),
        };
      });
      expect(attributes).toEqual({ live: 'polite', relevant: 'additions' });
    } finally {
      await page.close();
    }
  });

  it('keeps the snooze controls, quiet hours and shortcuts free of serious axe findings', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await h.openPage('/popup.html', { colorScheme: scheme });
      try {
        await popup.click({ text: '1 hour' });
        await waitForText(popup, 'Snoozed until');
        expect(await seriousViolations(popup), `popup (${scheme})`).toEqual([]);
        await popup.click({ text: 'Turn off snooze' });
        await waitForText(popup, 'Notifications are on.');
      } finally {
        await popup.close();
      }
      const options = await h.openPage('/options.html', { colorScheme: scheme });
      try {
        await waitForText(options, 'Save quiet hours');
        await waitForText(options, 'Alt+Shift+O');
        expect(await seriousViolations(options), `options (${scheme})`).toEqual([]);
      } finally {
        await options.close();
      }
    }
  });
});
