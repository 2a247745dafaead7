import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import { notificationIds, readTable, storageGet, waitForText } from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

interface Row {
  type: string;
  channelId: string;
  accountId: string;
  event: { from_user_id?: string; to_user_id?: string; whisper?: { text?: string } };
}

const VIEWER = '100003';
const PIXEL = '100010';

describe('whispers: received, listed by conversation, answered', () => {
  let page: BrowserPage;
  const h = useBrowser({
    listening: { access: { whispers: true, sendWhispers: true } },
    setup: async (h) => {
      page = await h.openPage('/whispers.html');
    },
  });
  const whispers = async () =>
    (await readTable<Row>(h, 'events')).filter((r) => r.type.startsWith('user.whisper.'));

  it('asks for both whisper scopes and subscribes to whispers once, for the user', async () => {
    const session = await storageGet<{ scopes: string[] }>(h, 'authSession');
    expect(session?.scopes).toEqual(
      expect.arrayContaining(['user:read:whispers', 'user:manage:whispers']),
    );
    const subs = h.sim.control.subscriptions({ type: 'user.whisper.message', status: 'enabled' });
    expect(subs.map((s) => s.condition)).toEqual([{ user_id: VIEWER }]);
  });

  it('records a whisper under the user and lists it in its conversation, as text', async () => {
    const result = h.sim.control.whisper({
      to: 'demo_viewer',
      from: 'pixelpaladin',
      text: 'psst <i>not italic</i>',
    });
    expect(result.delivered).toHaveLength(1);
    await waitFor(
      async () =>
        (await whispers()).some((r) => r.event.whisper?.text === 'psst <i>not italic</i>'),
      'the whisper to be recorded',
    );
    expect(
      (await whispers()).find((r) => r.event.whisper?.text === 'psst <i>not italic</i>'),
    ).toMatchObject({ type: 'user.whisper.message', channelId: VIEWER, accountId: VIEWER });
    await waitForText(page, 'psst <i>not italic</i>');
    await waitForText(page, 'Conversation with PixelPaladin');
    expect(await page.evaluate(() => document.querySelectorAll('main i').length)).toBe(0);
  });

  it('tells the whisper at once as "for you" and lists it in the popup', async () => {
    const result = h.sim.control.whisper({
      to: 'demo_viewer',
      from: 'pixelpaladin',
      text: 'are you around tonight?',
    });
    const frameId = result.delivered[0]!.messageId;
    await waitFor(
      async () => (await notificationIds(h)).includes(`foryou:${frameId}`),
      'the whisper notification',
      5_000,
      10,
    );
    const items = await readTable<{ id: string; kind: string; senderLogin: string }>(h, 'forYou');
    expect(items.find((i) => i.id === frameId)).toMatchObject({
      kind: 'whisper',
      senderLogin: 'pixelpaladin',
    });
    const popup = await h.openPage('/popup.html');
    try {
      await waitForText(popup, 'are you around tonight?');
    } finally {
      await popup.close();
    }
  });

  it('sends a reply with Helix Send Whisper and shows it in the conversation', async () => {
    await page.type('textarea', 'hello back, Pixel');
    await page.click({ text: 'Send' });
    await waitFor(
      () => h.sim.control.whispers({ login: 'demo_viewer' }).length === 1,
      'Twitch to receive the whisper',
    );
    expect(h.sim.control.whispers({ login: 'demo_viewer' })[0]).toMatchObject({
      toUserId: PIXEL,
      message: 'hello back, Pixel',
      status: 204,
      delivered: true,
    });
    await waitForText(page, 'hello back, Pixel');
    expect((await whispers()).find((r) => r.type === 'user.whisper.sent')).toMatchObject({
      channelId: VIEWER,
      accountId: VIEWER,
      event: { to_user_id: PIXEL, whisper: { text: 'hello back, Pixel' } },
    });
  });

  it('says in words that Twitch refused a 41st new recipient today', async () => {
    h.sim.control.configureWhispers({ user: 'demo_viewer', recipientsToday: 40 });
    h.sim.control.whisper({ to: 'demo_viewer', from: 'speedrunsam', text: 'are you there?' });
    await waitForText(page, 'are you there?');
    await page.click({ text: 'SpeedrunSam' });
    await waitForText(page, 'Conversation with SpeedrunSam');
    await page.type('textarea', 'yes!');
    await page.click({ text: 'Send' });
    await waitForText(
      page,
      'Too many whispers: Twitch allows 3 a second, 100 a minute and 40 different people a day.',
    );
    expect(h.sim.control.whispers({ login: 'demo_viewer' }).at(-1)).toMatchObject({
      toUserId: '100011',
      status: 429,
      delivered: false,
    });
    expect((await whispers()).filter((r) => r.type === 'user.whisper.sent')).toHaveLength(1);
  });
});
