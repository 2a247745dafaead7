// @vitest-environment node
/**
 * The listener against the simulator's cost accounting: several favorites on one socket, with
 * other subscriptions of the same user (another browser) already spending part of the budget.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { Listener } from '../../lib/listener/listener';
import type { ListenerStatus } from '../../lib/settings';
import { entriesForRole, scopesFor } from '../../lib/twitch/catalog';
import {
  VIEWER,
  subscribe,
  useTestSim,
  waitFor,
  type RawSocket,
} from '../../simulator/test/support';
import { DEMO_CLIENT_ID } from '../../simulator/tokens';

const FAVORITES = [
  { id: '100001', login: 'demo', role: 'viewer' as const },
  { id: '100010', login: 'pixelpaladin', role: 'viewer' as const },
  { id: '100011', login: 'speedrunsam', role: 'viewer' as const },
];
/** Channels the other browser follows going live. */
const ELSEWHERE = ['100012', '100013', '100014', '300001', '300002'];

const sim = useTestSim();
let listener: Listener | undefined;
let other: RawSocket | undefined;

afterEach(async () => {
  sim.control.configure({ helixJitterMs: 0 });
  await listener?.stop({ deleteSubscriptions: true });
  listener = undefined;
  await other?.close();
  other = undefined;
  await waitFor(
    () => sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }).length === 0,
  );
});

const enabled = () =>
  sim.control.subscriptions({ login: 'demo_viewer', status: 'enabled' }) as {
    type: string;
    cost: number;
    condition: Record<string, string>;
    transport: { session_id: string };
  }[];
const totalCost = () => enabled().reduce((n, s) => n + s.cost, 0);
const posts = () =>
  sim.control.helixCalls({ path: '/eventsub/subscriptions' }).filter((c) => c.method === 'POST')
    .length;

/** Another browser of the same user: its own socket, holding `count` cost-1 subscriptions. */
async function otherBrowser(count: number) {
  const token = await sim.token('demo_viewer', ['user:read:chat']);
  other = await sim.socket();
  const session = await other.sessionId();
  for (let i = 0; i < count; i += 1) {
    const type = i < ELSEWHERE.length ? 'stream.online' : 'stream.offline';
    const created = await subscribe(token, session, type, '1', {
      broadcaster_user_id: ELSEWHERE[i % ELSEWHERE.length]!,
    });
    expect(created.status).toBe(202);
  }
  expect(totalCost()).toBe(count);
}

async function listen(channels = FAVORITES, options: { budgetRecheckMs?: number } = {}) {
  const scopes = scopesFor({ moderator: false, broadcaster: false });
  const accessToken = await sim.token('demo_viewer', scopes);
  const statuses: ListenerStatus[] = [];
  listener = new Listener(
    { clientId: DEMO_CLIENT_ID, accessToken, scopes, userId: VIEWER, channels },
    (event) => {
      if (event.kind === 'status') statuses.push(event.status);
    },
    new CompanionDatabase(`budget-${Math.random()}`),
    options,
  );
  let maxSeen = 0;
  listener.start();
  await waitFor(() => {
    maxSeen = Math.max(maxSeen, totalCost());
    const last = statuses.at(-1);
    return (
      last?.state === 'connected' &&
      last.subscriptions.every((s) => s.status !== 'pending') &&
      enabled().some((s) => s.transport.session_id === listener!.sessionId)
    );
  }, 15_000);
  return { statuses, maxSeen: () => maxSeen };
}

const ours = () => enabled().filter((s) => s.transport.session_id === listener!.sessionId);

describe('several favorites within the cost budget, on the simulator', () => {
  it('fits three favorites beside 3 spent by another browser: online first, never past 10', async () => {
    await otherBrowser(3);
    const { statuses, maxSeen } = await listen();
    const callsAfter = posts();
    expect(maxSeen()).toBeLessThanOrEqual(10);
    expect(totalCost()).toBeLessThanOrEqual(10);
    const paid = ours().filter((s) => s.cost === 1);
    for (const favorite of FAVORITES) {
      expect(
        paid.some(
          (s) => s.type === 'stream.online' && s.condition.broadcaster_user_id === favorite.id,
        ),
      ).toBe(true);
    }
    // Chat of every favorite, at no cost.
    for (const favorite of FAVORITES)
      expect(
        ours().some(
          (s) =>
            s.type === 'channel.chat.message' && s.condition.broadcaster_user_id === favorite.id,
        ),
      ).toBe(true);
    const last = statuses.at(-1)!;
    expect(last.budget).toMatchObject({ max: 10, elsewhere: 3 });
    const active = last.subscriptions.filter((s) => s.status === 'active');
    const polled = last.subscriptions.filter((s) => s.status === 'polled');
    expect(active.length).toBe(ours().length);
    expect(polled.length).toBe(24 - paid.length);
    // What the status calls real time is what Twitch holds; nothing is retried afterwards.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(posts()).toBe(callsAfter);
  });

  it('with the budget spent elsewhere, listens to chat and leaves the rest to the poll', async () => {
    await otherBrowser(10);
    const { statuses } = await listen();
    expect(totalCost()).toBe(10);
    expect(ours().every((s) => s.cost === 0)).toBe(true);
    // Every chat type (cost 0: its user_id is the viewer) for each favorite.
    const chatTypes = entriesForRole('viewer').filter((e) => e.scope === 'user:read:chat');
    expect(ours().length).toBe(FAVORITES.length * chatTypes.length);
    const last = statuses.at(-1)!;
    expect(last.subscriptions.filter((s) => s.status === 'polled')).toHaveLength(24);
    expect(
      last.subscriptions.filter(
        (s) => s.status === 'refused' && s.reason?.code === 'http' && s.reason.status === 429,
      ),
    ).toEqual([]);
  });

  it('grows into what another browser frees, looking at Twitch’s totals again', async () => {
    await otherBrowser(5);
    const { statuses } = await listen(FAVORITES, { budgetRecheckMs: 200 });
    expect(ours().filter((s) => s.cost === 1)).toHaveLength(5);
    expect(statuses.at(-1)!.budget).toMatchObject({ elsewhere: 5, cost: 5 });
    await other!.close();
    other = undefined;
    await waitFor(() => ours().filter((s) => s.cost === 1).length === 10, 10_000);
    await waitFor(() => {
      const budget = statuses.at(-1)!.budget;
      return budget?.elsewhere === 0 && budget.cost === 10;
    });
    expect(totalCost()).toBe(10);
    // Nothing left to grow into: Twitch is not asked again.
    const looks = () =>
      sim.control.helixCalls({ path: '/eventsub/subscriptions' }).filter((c) => c.method === 'GET')
        .length;
    const before = looks();
    await new Promise((r) => setTimeout(r, 600));
    expect(looks()).toBe(before);
  });

  describe('with Helix requests and answers crossing on the way (up to 150 ms each way)', () => {
    const conflicts = () =>
      sim.control
        .helixCalls({ path: '/eventsub/subscriptions' })
        .filter((c) => c.method === 'POST' && c.status === 409).length;
    const refused = (statuses: ListenerStatus[]) =>
      statuses
        .at(-1)!
        .subscriptions.filter((s) => s.status === 'refused' && s.reason?.code === 'http');

    it('three favorites end at exactly 10, none refused, never past 10', async () => {
      sim.control.clearLogs();
      for (let round = 0; round < 3; round += 1) {
        sim.control.configure({ helixJitterMs: 150 });
        const { statuses, maxSeen } = await listen();
        expect(maxSeen()).toBeLessThanOrEqual(10);
        expect(totalCost()).toBe(10);
        expect(ours().filter((s) => s.cost === 1)).toHaveLength(10);
        expect(refused(statuses)).toEqual([]);
        expect(statuses.at(-1)!.budget).toMatchObject({ max: 10, elsewhere: 0, cost: 10 });
        await listener!.stop({ deleteSubscriptions: true });
        listener = undefined;
        await waitFor(() => enabled().length === 0);
      }
      expect(conflicts()).toBe(0);
    }, 60_000);

    it('from one favorite to three at once: the first plan’s creations do not cost the second', async () => {
      sim.control.clearLogs();
      sim.control.configure({ helixJitterMs: 150 });
      const scopes = scopesFor({ moderator: false, broadcaster: false });
      const accessToken = await sim.token('demo_viewer', scopes);
      const first = new Listener(
        {
          clientId: DEMO_CLIENT_ID,
          accessToken,
          scopes,
          userId: VIEWER,
          channels: [FAVORITES[0]!],
        },
        () => undefined,
        new CompanionDatabase(`budget-${Math.random()}`),
      );
      first.start();
      // Stopped while its cost-1 creations are on their way.
      await waitFor(() => enabled().some((s) => s.cost === 1), 15_000);
      await first.stop({ deleteSubscriptions: true });
      const { statuses, maxSeen } = await listen();
      expect(maxSeen()).toBeLessThanOrEqual(10);
      await waitFor(
        () =>
          totalCost() === 10 &&
          enabled().every((s) => s.transport.session_id === listener!.sessionId),
      );
      expect(refused(statuses)).toEqual([]);
      expect(statuses.at(-1)!.budget).toMatchObject({ elsewhere: 0, cost: 10 });
      expect(conflicts()).toBe(0);
    }, 30_000);
  });
});
