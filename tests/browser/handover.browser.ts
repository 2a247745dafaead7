/**
 * The fault suite, reconnect handover: whenever Twitch sends `session_reconnect` with a chat
 * firehose in flight, and however and whenever it ends the superseded socket (its docs leave it
 * open), the session stays as it is — nothing lost, nothing stored twice, no subscription
 * re-created, one socket, no status flicker. And a reconnect URL that fails before its welcome
 * falls back to a fresh connection, and the status says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserDriver } from '../../browser/driver';
import { allStored, readIds, sentIds, waitForListening } from '../../browser/extension';
import { pause, waitFor } from '../../browser/wait';
import { useBrowser } from './support/use-browser';

const LOGIN = 'demo_viewer';

const connected = (h: BrowserDriver) => h.sim.control.sockets({ login: LOGIN, state: 'connected' });

/** Subscription requests (POST /helix/eventsub/subscriptions) so far. */
const subscribeCalls = (h: BrowserDriver) =>
  h.sim.control.helixCalls({ path: '/eventsub/subscriptions' }).filter((c) => c.method === 'POST')
    .length;

interface SeenState {
  state: string;
  detail?: { code: string; cause?: string };
}

/** Every listener state (and its detail) written to storage from now on. */
async function recordStates(h: BrowserDriver): Promise<() => Promise<SeenState[]>> {
  await h.probe.evaluate(() => {
    const w = window as unknown as { states?: SeenState[]; recording?: boolean };
    w.states = [];
    if (w.recording) return;
    w.recording = true;
    chrome.storage.onChanged.addListener((changes) => {
      const status = changes.listenerStatus?.newValue as SeenState | undefined;
      if (status) w.states?.push({ state: status.state, detail: status.detail });
    });
  });
  return async () => h.probe.evaluate(() => (window as unknown as { states: SeenState[] }).states);
}

describe('faults: the superseded socket after session_reconnect, under a 200/s chat firehose', () => {
  const h = useBrowser({ listening: { login: LOGIN } });

  afterEach(() => {
    h.sim.control.configure({
      supersededEnd: 'close',
      supersededCloseCode: 1000,
      reconnectCloseDelayMs: 1000,
    });
  });

  it.each([
    ['closed with 4004', 0, 'close'],
    ['closed with 4004', 100, 'close'],
    ['closed with 4004', 200, 'close'],
    ['closed with 4004', 250, 'close'],
    ['closed with 4004', 1_000, 'close'],
    ['cut', 0, 'cut'],
    ['cut', 100, 'cut'],
    ['cut', 200, 'cut'],
    ['cut', 250, 'cut'],
    ['cut', 1_000, 'cut'],
    ['never ended by Twitch', 0, 'never'],
  ] as const)(
    '%s after %i ms: 0 lost, 0 stored twice, no subscription re-created, one socket',
    async (_name, delay, end) => {
      h.sim.control.configure({
        supersededEnd: end,
        supersededCloseCode: 4004,
        reconnectCloseDelayMs: delay,
      });
      await waitForListening(h);
      const states = await recordStates(h);
      const calls = subscribeCalls(h);
      const chatBefore = (await readIds(h, 'chat')).length;
      const [before] = connected(h);
      const since = Date.now();
      const firehose = h.sim.control.firehose({ rate: 200, durationMs: 2_500, wait: true });
      await pause(800);
      h.sim.control.reconnect({ login: LOGIN });
      const report = await firehose;
      const written = h.sim.control.notifications({
        messageType: 'notification',
        type: 'channel.chat.message',
        since,
      });
      expect(written).toHaveLength(report.sent);
      expect(report.sent).toBeGreaterThan(400);
      // Every frame that left the simulator (a cut may tear down one still in its socket).
      const ids = sentIds(h, since, 'channel.chat.message');
      await allStored(h, ids, 'every message of the firehose');
      if (end !== 'never')
        await waitFor(
          () => h.sim.control.sockets({ sessionId: before!.id as string })[0]?.state === 'closed',
          'the superseded socket to end',
        );
      const chat = await readIds(h, 'chat');
      expect(chat).toHaveLength(chatBefore + ids.length);
      expect(new Set(chat).size).toBe(chat.length);
      // The subscriptions were carried over to the new socket, not created again.
      expect(subscribeCalls(h)).toBe(calls);
      const status = await waitForListening(h);
      expect(h.sim.control.subscriptions({ login: LOGIN, status: 'enabled' })).toHaveLength(
        status.subscriptions.filter((s) => s.status === 'active').length,
      );
      expect(connected(h)).toHaveLength(1);
      expect(connected(h)[0]!.id).not.toBe(before!.id);
      expect((await states()).map((s) => s.state)).not.toContain('reconnecting');
      expect(status.state).toBe('connected');
    },
  );

  it('a reconnect URL that fails before its welcome: a fresh connection, resubscribed, and the status says why', async () => {
    await waitForListening(h);
    const states = await recordStates(h);
    const calls = subscribeCalls(h);
    const [before] = connected(h);
    // No grace: the old socket is closed with 4004 at once, so the reconnect URL answers 4007.
    h.sim.control.reconnect({ login: LOGIN, graceMs: 0 });
    await waitFor(
      () => connected(h).length === 1 && connected(h)[0]!.id !== before!.id,
      'a fresh connection',
    );
    const status = await waitForListening(h);
    expect(status.subscriptions.every((s) => s.status !== 'pending')).toBe(true);
    expect(subscribeCalls(h)).toBeGreaterThan(calls);
    // The fact the pages word ("Connection lost: the reconnect Twitch asked for failed ([4007] …);
    // connecting afresh", tests/unit/listener-wording.test.ts). A page open meanwhile may never
    // render it: the fresh connection can replace it before the next frame.
    expect((await states()).find((s) => s.state === 'reconnecting')?.detail).toMatchObject({
      code: 'reconnectFailed',
      cause: expect.stringContaining('[4007]'),
    });
    const since = Date.now();
    h.sim.control.trigger({ type: 'channel.chat.notification', noticeType: 'announcement' });
    await allStored(h, sentIds(h, since), 'an event after the fallback');
  });
});
