import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  offscreenTarget,
  readTable,
  storageGet,
  storageSet,
  waitFor,
  type Harness,
  pause,
  launchListening,
} from './support/harness';

describe('sending chat and the notification sound', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await launchListening({ access: { sendChat: true } });
    page = await h.browser.newPage();
    await page.goto(`${ORIGIN}/streamer.html`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends a message through Helix and shows it in the native chat when Twitch echoes it', async () => {
    const session = await storageGet<{ scopes: string[] }>(h, 'authSession');
    expect(session?.scopes).toContain('user:write:chat');
    const box = await page.waitForSelector('input[placeholder="Send a message"]');
    await box!.type('hello from the extension <b>');
    await page.keyboard.press('Enter');
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
    await page.waitForSelector('::-p-text(hello from the extension <b>)');
  });

  it('shows deletions and chat clears in the native chat, live', async () => {
    const say = (text: string) => {
      const id = h.sim.control.trigger({ type: 'channel.chat.message', text }).delivered[0]
        ?.messageId;
      expect(id).toBeTruthy();
      return id as string;
    };
    const lineText = (id: string) =>
      page.$eval(`li[data-message-id="${id}"]`, (li) => li.textContent ?? '').catch(() => '');
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

  it('plays the chime in the offscreen document when sound is on', async () => {
    const offscreen = await (await offscreenTarget(h))!.asPage();
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

    h.sim.control.trigger({ type: 'stream.online' });
    await pause(1_500);
    expect(await played()).toEqual([]); // sound is off by default

    await storageSet(h, { notificationSettings: { enabled: true, types: {}, sound: true } });
    h.sim.control.trigger({ type: 'channel.raid', from: 'raidleader', to: 'demo' });
    await waitFor(async () => (await played()).length === 1, 'the chime');
    expect((await played())[0]).toBe(`${ORIGIN}/sounds/chime.wav`);
  });
});
