import { describe, expect, it } from 'vitest';
import type { BrowserPage } from '../../browser/driver';
import {
  allStored,
  notificationIds,
  readTable,
  storageGet,
  storageSet,
  waitForText,
} from '../../browser/extension';
import { waitFor } from '../../browser/wait';
import { chromium, inChromium, useBrowser } from './support/use-browser';

describe('sending chat and the notification sound', () => {
  let page: BrowserPage;
  const h = useBrowser({
    listening: { access: { sendChat: true } },
    setup: async (h) => {
      page = await h.openPage('/streamer.html');
    },
  });

  it('sends a message through Helix and shows it in the native chat when Twitch echoes it', async () => {
    const session = await storageGet<{ scopes: string[] }>(h, 'authSession');
    expect(session?.scopes).toContain('user:write:chat');
    await page.type('input[placeholder="Send a message"]', 'hello from the extension <b>', {
      submit: true,
    });
    await waitFor(
      () => h.sim.control.chatMessages({ channel: 'demo' }).length === 1,
      'Twitch to receive the message',
    );
    expect(h.sim.control.chatMessages({ channel: 'demo' })[0]).toMatchObject({
      message: 'hello from the extension <b>',
    });
    await waitFor(
      async () =>
        (await readTable<{ event: { message?: { text?: string } } }>(h, 'chat')).some(
          (c) => c.event.message?.text === 'hello from the extension <b>',
        ),
      'the echoed message to be recorded',
    );
    await waitForText(page, 'hello from the extension <b>');
  });

  it('shows deletions and chat clears in the native chat, live', async () => {
    const say = (text: string) => {
      const id = h.sim.control.trigger({ type: 'channel.chat.message', text }).delivered[0]
        ?.messageId;
      expect(id).toBeTruthy();
      return id as string;
    };
    const lineText = (id: string) =>
      page.evaluate(
        (i) => document.querySelector(`li[data-message-id="${i}"]`)?.textContent ?? '',
        id,
      );
    const first = say('the first line');
    const second = say('the second line');
    await waitFor(
      async () => (await lineText(second)).includes('the second line'),
      'both lines on screen',
    );

    // Twitch deletes the newest message (the simulator's default target).
    h.sim.control.trigger({ type: 'channel.chat.message_delete' });
    await waitFor(
      async () => (await lineText(second)).includes('message deleted'),
      'the deleted line to be marked',
    );
    expect(await lineText(second)).not.toContain('the second line');
    expect(await lineText(first)).toContain('the first line');

    h.sim.control.trigger({ type: 'channel.chat.clear' });
    await waitFor(
      async () => (await lineText(first)).includes('message deleted'),
      'the chat clear to hide the earlier lines',
    );
    const after = say('after the clear');
    await waitFor(
      async () => (await lineText(after)).includes('after the clear'),
      'a line sent after the clear',
    );
    expect(await lineText(after)).not.toContain('message deleted');
  });

  // Chromium only: the chime plays in Chrome's offscreen document, which Firefox does not have.
  it.skipIf(!inChromium)('plays the chime in the offscreen document when sound is on', async () => {
    const offscreen = await chromium(h).offscreenTarget()!.asPage();
    await offscreen.evaluate(() => {
      const w = window as unknown as { __played: string[] };
      w.__played = [];
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        w.__played.push(this.src);
        return play.call(this).catch(() => undefined);
      };
    });
    const played = () =>
      offscreen.evaluate(() => (window as unknown as { __played: string[] }).__played);
    const notified = async (type: 'stream.online' | 'channel.raid') => {
      const id = h.sim.control.trigger({ type, from: 'raidleader', to: 'demo' }).delivered[0]!
        .messageId;
      await allStored(h, [id], `the ${type} event`);
      await waitFor(
        async () => (await notificationIds(h)).includes(`event:${id}`),
        `the ${type} notification`,
      );
    };

    // The go-live was recorded and notified, and the raid after it too: the go-live's sound (if
    // any) would have played before the raid's notification showed.
    await notified('stream.online');
    await notified('channel.raid');
    expect(await played()).toEqual([]); // sound is off by default

    await storageSet(
      h,
      { notificationSettings: { enabled: true, types: {}, sound: true } },
      'sync',
    );
    h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
    await waitFor(async () => (await played()).length === 1, 'the chime');
    expect((await played())[0]).toBe(`${h.origin}/sounds/chime.wav`);
  });
});
