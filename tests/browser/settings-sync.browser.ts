import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  clearNotifications,
  notificationIds,
  storageGet,
  storageSet,
  waitForText,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const FORMAT = 'companion-for-twitch/settings';
const DEMO = { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1_700_000_000_000 };

interface NotificationSettingsLike {
  enabled: boolean;
  types: Record<string, boolean>;
  sound: boolean;
}

/**
 * Keeps what the page hands to the download (the Blob behind the object URL) instead of saving
 * a file, so the test can read the exported text.
 */
function catchDownloads(page: BrowserPage) {
  return page.evaluate(() => {
    const w = window as unknown as { exported: Blob[] };
    w.exported = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob) w.exported.push(blob);
      return create(blob);
    };
    HTMLAnchorElement.prototype.click = function click() {};
  });
}

const exportedText = (page: BrowserPage) =>
  waitFor(
    () =>
      page.evaluate(async () => {
        const blob = (window as unknown as { exported: Blob[] }).exported.at(-1);
        return blob ? blob.text() : null;
      }),
    'the exported file',
  );

/** Chooses a file with `text` in the "Import settings" input, as the file picker would. */
function chooseFile(page: BrowserPage, text: string, name = 'settings.json') {
  return page.evaluate(
    (t, n) => {
      const input = document.querySelector<HTMLInputElement>('input[type="file"]');
      if (!input) throw new Error('No file input');
      const files = new DataTransfer();
      files.items.add(new File([t], n, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    text,
    name,
  );
}

/** The text of `selector` inside the Settings card. */
const textOf = (page: BrowserPage, selector: string) =>
  page.evaluate(
    (s) =>
      document.querySelector(`section[aria-labelledby="settings-title"] ${s}`)?.textContent ?? '',
    selector,
  );

const everythingSynced = (page: BrowserPage) =>
  page.evaluate(async () => JSON.stringify(await chrome.storage.sync.get(null)));

describe('settings that follow the user', () => {
  const h = useBrowser();
  let options: BrowserPage | undefined;

  const openOptions = async () => {
    options = await h.openPage('/options.html');
    await waitForText(options, 'Export settings');
    return options;
  };

  afterEach(async () => {
    await options?.close();
    options = undefined;
  });

  it('a setting changed in the options page lands in storage.sync, not local', async () => {
    const page = await openOptions();
    await waitForText(page, 'Show desktop notifications');
    await page.click({ text: 'Show desktop notifications' });
    await waitFor(
      async () =>
        (await storageGet<NotificationSettingsLike>(h, 'notificationSettings', 'sync'))?.enabled ===
        false,
      'the setting in storage.sync',
    );
    expect(await storageGet(h, 'notificationSettings', 'local')).toBeUndefined();
  });

  it('export then import brings the settings back', async () => {
    await storageSet(h, { favorites: [DEMO] }, 'sync');
    const page = await openOptions();
    await catchDownloads(page);
    await page.click({ text: 'Export settings' });
    await waitForText(page, 'Settings exported.');
    const text = await exportedText(page);
    const file = JSON.parse(text) as { format: string; version: number; settings: object };
    expect(file).toMatchObject({
      format: FORMAT,
      version: 1,
      settings: { favorites: [DEMO], notificationSettings: { enabled: false } },
    });

    // Changed since the export: the favorite removed, notifications on again.
    await storageSet(
      h,
      { favorites: [], notificationSettings: { enabled: true, types: {}, sound: false } },
      'sync',
    );
    await chooseFile(page, text);
    await waitForText(page, 'Settings imported. Changed: Favorite channels, Notifications.');
    expect(await storageGet(h, 'favorites', 'sync')).toEqual([DEMO]);
    expect(
      (await storageGet<NotificationSettingsLike>(h, 'notificationSettings', 'sync'))?.enabled,
    ).toBe(false);
  });

  it('a bad file is refused with its message and changes nothing', async () => {
    const page = await openOptions();
    const before = await everythingSynced(page);

    await chooseFile(page, JSON.stringify({ favorites: [] }), 'other.json');
    await waitFor(
      async () =>
        (await textOf(page, '[role="alert"]')).includes(
          'This is not a Companion for Twitch settings file.',
        ),
      'the refusal of a file that is not ours',
    );

    await chooseFile(page, JSON.stringify({ format: FORMAT, version: 99, settings: {} }));
    await waitFor(
      async () => (await textOf(page, '[role="alert"]')).includes('newer version'),
      'the refusal of a file from a newer version',
    );

    await chooseFile(page, '{ "format": ', 'broken.json');
    await waitFor(
      async () => (await textOf(page, '[role="alert"]')).includes('not valid JSON'),
      'the refusal of a file that is not JSON',
    );

    expect(await everythingSynced(page)).toBe(before);
    expect(await textOf(page, '[role="status"]')).toBe('');
  });
});

/**
 * What another computer or another version may leave in storage.sync: values of the wrong shape
 * for several settings and a chunk head naming a billion pieces. The favorite stays valid, so
 * that the extension still has a channel to listen to.
 */
const HOSTILE_SYNC = {
  quietHours: { enabled: true, start: 5, end: '08:00' },
  followNotifications: {},
  badgeMode: 'rainbow',
  mutedChannels: 'all',
  notificationSettings: { enabled: 'yes', types: [], sound: 1 },
  retention: { $syncChunks: 1e9, rev: 'x' },
};

describe('bad values in storage.sync', () => {
  const h = useBrowser({ listening: {} });

  it('the popup, options and streamer pages still work, and a notification still arrives', async () => {
    await storageSet(h, HOSTILE_SYNC, 'sync');

    const popup = await h.openPage('/popup.html');
    try {
      // The popup with a favorite: its snooze control reads the quiet hours.
      await waitForText(popup, '1 hour');
      expect(await popup.evaluate(() => document.body.textContent)).toContain('Demo');
    } finally {
      await popup.close();
    }

    const options = await h.openPage('/options.html');
    try {
      await waitForText(options, 'Export settings');
      await waitForText(options, 'Go-live notifications');
      await waitForText(
        options,
        '“Quiet hours” from another computer or another version was not valid and was reset to its default.',
      );
    } finally {
      await options.close();
    }

    const streamer = await h.openPage('/streamer.html');
    try {
      await waitFor(
        () =>
          streamer.evaluate(() =>
            Boolean(document.querySelector('ol[aria-label="Recent events"]')),
          ),
        'the recent events on the streamer page',
      );
    } finally {
      await streamer.close();
    }

    // Every bad value was replaced by its default: nothing of them is left in sync.
    await waitFor(async () => {
      for (const key of Object.keys(HOSTILE_SYNC))
        if ((await storageGet(h, key, 'sync')) !== undefined) return false;
      return true;
    }, 'the bad values to be reset');

    await clearNotifications(h);
    const id = h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' })
      .delivered[0]!.messageId;
    await allStored(h, [id], 'the raid');
    await waitFor(
      async () => (await notificationIds(h)).includes(`event:${id}`),
      'the raid notification',
    );
  });
});
