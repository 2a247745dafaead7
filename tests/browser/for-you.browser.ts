import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  clearNotifications,
  listenerStatus,
  notificationIds,
  readTable,
  storageGet,
  storageSet,
  waitForText,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { inFirefox, useBrowser } from './support/use-browser';

const FAVORITES = [
  { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
  { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
];
/**
 * How long a test waits for a "for you" notification: it shows at once (no timer folds it), and
 * how soon is measured by the bench (`npm run bench -- --only for-you`), not asserted here.
 */
const NOTIFIED_WITHIN_MS = 5_000;

interface Item {
  id: string;
  kind: string;
  messageId: string;
  read: number;
}

describe('"for you": mentions, replies and highlights, told at once', () => {
  const h = useBrowser({
    listening: {},
    setup: async (driver) => {
      await storageSet(
        driver,
        {
          favorites: FAVORITES,
          highlightWords: ['hype train'],
          highlightUsers: ['speedrunsam'],
        },
        'sync',
      );
      // The listener starts again for both favorites: nothing is sent before it listens.
      await waitFor(async () => {
        const status = await listenerStatus(driver);
        return (
          status?.state === 'connected' &&
          status.channelIds?.length === 2 &&
          status.subscriptions.some((s) => s.channelId === '100010') &&
          !status.subscriptions.some((s) => s.status === 'pending')
        );
      }, 'the listener on both favorites');
    },
  });

  /** Sends a chat line in `channel`; returns its frame's id and its chat message id. */
  function chat(
    options: { channel?: string; user?: string; text: string; reply?: boolean },
    overrides?: Record<string, unknown>,
  ) {
    const result = h.sim.control.trigger({
      type: 'channel.chat.message',
      channel: options.channel ?? 'demo',
      user: options.user ?? 'pogchamp_pete',
      text: options.text,
      reply: options.reply,
      overrides,
    });
    return {
      frameIds: result.delivered.map((d) => d.messageId),
      messageId: result.event.message_id as string,
    };
  }

  /** Waits for the notification. */
  async function notified(id: string): Promise<void> {
    await waitFor(
      async () => (await notificationIds(h)).includes(id),
      `notification ${id}`,
      NOTIFIED_WITHIN_MS,
      10,
    );
  }

  const items = () => readTable<Item>(h, 'forYou');

  // First: Firefox draws each notification in an alert window of its own, and the ones raised
  // later in this file queue behind those before.
  // Firefox: the alert window of this notification is not found to click (the notification
  // exists; why the window does not show its title is not yet known). The click runs the same
  // notifications.onClicked handler in both browsers.
  it.skipIf(inFirefox)(
    'a click opens the line on the streamer page, marked, and reads it',
    async () => {
      await clearNotifications(h);
      const line = chat({ text: '@demo_viewer look at this' });
      const id = `foryou:${line.frameIds[0]}`;
      await waitFor(async () => (await notificationIds(h)).includes(id), 'the notification');
      const page: BrowserPage = await h.pageOpenedBy(
        `${h.origin}/streamer.html?channel=demo&line=${line.messageId}`,
        () => h.clickNotification(id, 'Mention in Demo'),
      );
      try {
        await waitFor(
          () =>
            page.evaluate(
              () =>
                document.querySelector('[data-testid="chat-line-context"] [data-marked]')
                  ?.textContent ?? '',
            ),
          'the marked line',
        ).then((text) => expect(text).toContain('look at this'));
        await waitFor(
          async () => (await items()).find((i) => i.id === line.frameIds[0])?.read === 1,
          'the item read',
        );
      } finally {
        await page.close();
      }
    },
  );

  it('quiet time holds them back, and the summary names them first', async () => {
    await clearNotifications(h);
    const popup = await h.openPage('/popup.html');
    try {
      await popup.click({ text: '1 hour' });
      await waitForText(popup, 'Snoozed until');
      const mention = chat({ text: '@demo_viewer while you sleep' });
      h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
      await waitFor(
        async () =>
          (await storageGet<{ counts: Record<string, number> }>(h, 'heldNotifications'))?.counts[
            'forYou/mention'
          ] === 1,
        'the mention held back',
      );
      expect(await notificationIds(h)).not.toContain(`foryou:${mention.frameIds[0]}`);
      await popup.click({ text: 'Turn off snooze' });
      await waitFor(
        async () => (await notificationIds(h)).some((id) => id.startsWith('away:')),
        'the summary',
      );
      if (inFirefox && h.shownNotifications) {
        await waitFor(
          async () =>
            (await h.shownNotifications!()).some((text) =>
              text.includes('While you were away: 1 mention'),
            ),
          'the summary naming the mention first',
        );
      }
    } finally {
      await popup.close();
    }
  });

  it.each([
    ['a mention', 'mention', () => chat({ text: '@demo_viewer are you there?' })],
    ['a highlight word', 'word', () => chat({ text: 'the HYPE TRAIN is here' })],
    ['a highlight user', 'user', () => chat({ user: 'speedrunsam', text: 'hello chat' })],
  ])('%s notifies at once and is in "For you"', async (_, kind, send) => {
    await clearNotifications(h);
    const { frameIds } = send();
    const id = frameIds[0]!;
    await notified(`foryou:${id}`);
    expect((await items()).find((i) => i.id === id)?.kind).toBe(kind);
    const popup = await h.openPage('/popup.html');
    try {
      await waitFor(
        () =>
          popup.evaluate(
            (k) =>
              document.querySelector(`[data-testid="for-you-item"][data-kind="${k}"]`) !== null,
            kind,
          ),
        'the item in "For you"',
      );
    } finally {
      await popup.close();
    }
  });

  it('a reply to the user notifies; the user’s own line never does', async () => {
    await clearNotifications(h);
    const own = chat({ user: 'demo_viewer', text: 'anyone up for a hype train?' });
    await allStored(h, own.frameIds, 'the user’s own line');
    const reply = chat({ text: 'sure', reply: true });
    await notified(`foryou:${reply.frameIds[0]}`);
    expect((await items()).find((i) => i.id === reply.frameIds[0])?.kind).toBe('reply');
    expect((await items()).some((i) => i.id === own.frameIds[0])).toBe(false);
    expect(await notificationIds(h)).not.toContain(`foryou:${own.frameIds[0]}`);
  });

  it('a line of a shared chat seen through two favorites is told once', async () => {
    await clearNotifications(h);
    const source = `shared-${Date.now()}`;
    const shared = {
      source_broadcaster_user_id: '100001',
      source_broadcaster_user_login: 'demo',
      source_broadcaster_user_name: 'Demo',
      source_message_id: source,
    };
    const a = chat({ text: '@demo_viewer shared hello' }, shared);
    const b = chat({ channel: 'pixelpaladin', text: '@demo_viewer shared hello' }, shared);
    await allStored(h, [...a.frameIds, ...b.frameIds], 'both copies');
    await waitFor(async () => (await notificationIds(h)).includes(`foryou:${source}`), 'one');
    expect((await items()).filter((i) => i.id === source)).toHaveLength(1);
    expect((await notificationIds(h)).filter((id) => id.startsWith('foryou:'))).toEqual([
      `foryou:${source}`,
    ]);
  });

  it('a deleted line’s notification is taken back', async () => {
    await clearNotifications(h);
    const line = chat({ text: '@demo_viewer soon deleted' });
    await waitFor(
      async () => (await notificationIds(h)).includes(`foryou:${line.frameIds[0]}`),
      'the notification',
    );
    h.sim.control.trigger({
      type: 'channel.chat.message_delete',
      channel: 'demo',
      overrides: { message_id: line.messageId },
    });
    await waitFor(
      async () => !(await notificationIds(h)).includes(`foryou:${line.frameIds[0]}`),
      'the notification taken back',
    );
  });

  it('refuses a regular expression that could backtrack, with its reason', async () => {
    const page = await h.openPage('/options.html');
    try {
      await waitForText(page, 'Mentions and highlights');
      // On a line of its own, wherever the caret lands (before or after the saved word).
      await page.type('textarea', '\n/^(a+)+$/\n');
      await page.click({ text: 'Save highlights' });
      await waitForText(page, 'a repeated group that itself repeats or has alternatives');
      expect(await storageGet(h, 'highlightWords', 'sync')).toEqual(['hype train']);
    } finally {
      await page.close();
    }
  });
});
