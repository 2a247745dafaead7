// @vitest-environment node
/**
 * The `session_reconnect` handover against the simulator, at every way and time Twitch may end
 * the superseded socket: one session throughout, no resubscribe, no lost or doubled frame.
 */
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { SingleSocketEventSub } from '../../lib/listener/eventsub-client';
import { catalogEntryFor } from '../../lib/twitch/catalog';
import { createEventSubSubscription } from '../../lib/twitch/helix';
import { DEMO, VIEWER, useTestSim, waitFor } from '../../simulator/test/support';
import { DEMO_CLIENT_ID } from '../../simulator/tokens';

const sim = useTestSim();
let listener: SingleSocketEventSub | undefined;

afterEach(async () => {
  listener?.stop();
  listener = undefined;
  // The next test starts with no socket of this user left open.
  await waitFor(() =>
    sim.control.sockets({ login: 'demo_viewer' }).every((socket) => socket.state === 'closed'),
  );
  sim.control.configure({
    supersededEnd: 'close',
    supersededCloseCode: 1000,
    reconnectCloseDelayMs: 1000,
  });
});

/** A listener on the simulator, subscribed to the demo channel's chat, with what it saw. */
async function listen() {
  const accessToken = await sim.token('demo_viewer', ['user:read:chat']);
  const apiClient = new ApiClient({
    authProvider: new StaticAuthProvider(DEMO_CLIENT_ID, accessToken, ['user:read:chat']),
    logger: { minLevel: 'critical' },
  });
  const l = new SingleSocketEventSub(
    { apiClient, logger: { minLevel: 'critical' } },
    VIEWER,
    (request) => createEventSubSubscription({ clientId: DEMO_CLIENT_ID, accessToken }, request),
  );
  listener = l;
  const seen: string[] = [];
  const drops: string[] = [];
  l.onFrame((frame) => {
    if (frame.kind === 'notification') seen.push(frame.messageId);
  });
  l.onUserSocketDisconnect((_user, error) => drops.push(error?.message ?? 'lost'));
  const entry = catalogEntryFor('channel.chat.message', '1')!;
  l.subscribeCatalog(entry, entry.condition({ broadcasterId: DEMO, userId: VIEWER }));
  l.start();
  await waitFor(() =>
    sim.control
      .subscriptions({ login: 'demo_viewer', status: 'enabled' })
      .some((sub) => (sub.transport as { session_id: string }).session_id === l.sessionId),
  );
  return { l, seen, drops };
}

const subscribeCalls = () =>
  sim.control.helixCalls({ path: '/eventsub/subscriptions' }).filter((c) => c.method === 'POST')
    .length;

const connected = () => sim.control.sockets({ login: 'demo_viewer', state: 'connected' });

describe('session_reconnect under a 200/s chat firehose', () => {
  it.each([
    ['close', 4004, 0],
    ['close', 4004, 100],
    ['close', 4004, 200],
    ['close', 4004, 250],
    ['close', 4004, 1000],
    ['close', 1000, 0],
    ['cut', 1006, 0],
    ['cut', 1006, 100],
    ['cut', 1006, 250],
    ['never', 0, 0],
  ] as const)(
    'old socket ended by %s (%i) after %i ms: 0 lost, 0 doubled, no resubscribe, one session',
    async (end, code, delay) => {
      sim.control.configure({
        supersededEnd: end,
        ...(end === 'close' ? { supersededCloseCode: code } : {}),
        reconnectCloseDelayMs: delay,
      });
      const { l, seen, drops } = await listen();
      const calls = subscribeCalls();
      const since = Date.now();
      const firehose = sim.control.firehose({ channel: 'demo', rate: 200, count: 300, wait: true });
      await waitFor(() => seen.length >= 60);
      const [session] = connected();
      sim.control.reconnect({ sessionId: session!.id as string });
      await firehose;
      const written = sim.control.notifications({ messageType: 'notification', since });
      expect(written).toHaveLength(300);
      // What a cut tore down with the old socket before it left never arrived anywhere: every
      // other frame must be seen.
      const sent = written.filter((n) => !n.undelivered).map((n) => n.messageId as string);
      await waitFor(() => sent.every((id) => seen.includes(id)));
      // Past the end of the old socket, whatever it was.
      await waitFor(
        () => sim.control.sockets({ sessionId: session!.id as string })[0]?.state === 'closed',
      );
      expect(new Set(seen).size).toBe(seen.length);
      expect(drops).toEqual([]);
      expect(subscribeCalls()).toBe(calls);
      expect(connected()).toHaveLength(1);
      expect(connected()[0]?.id).toBe(l.sessionId);
      expect(l.handovers).toEqual({ completed: 1, failed: 0 });
    },
    20_000,
  );

  it('a reconnect URL that fails before its welcome falls back to a fresh connection and resubscribes', async () => {
    const { l, drops } = await listen();
    const calls = subscribeCalls();
    const [session] = connected();
    // No grace: the old socket is closed with 4004 at once, so its reconnect URL answers 4007.
    sim.control.reconnect({ sessionId: session!.id as string, graceMs: 0 });
    await waitFor(
      () => drops.length > 0 && connected().length === 1 && connected()[0]?.id !== session!.id,
    );
    expect(drops[0]).toMatch(
      /the reconnect Twitch asked for failed \(\[4007\].*\); connecting afresh/,
    );
    await waitFor(() => subscribeCalls() === calls + 1);
    expect(sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' })).toHaveLength(1);
    expect(l.handovers).toEqual({ completed: 0, failed: 1 });
  }, 20_000);
});
