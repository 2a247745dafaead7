// @vitest-environment node
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { SingleSocketEventSub } from '../../lib/listener/eventsub-client';
import { catalogEntryFor, entriesForRole } from '../../lib/twitch/catalog';

const VIEWER = '100003';
const BROADCASTER = '100001';

let listener: SingleSocketEventSub | undefined;
afterEach(() => listener?.stop());

function create(): SingleSocketEventSub {
  const apiClient = new ApiClient({
    authProvider: new StaticAuthProvider('client', 'token', ['user:read:chat']),
  });
  // A closed local port: the socket never connects, which is all this test needs.
  listener = new SingleSocketEventSub(
    { apiClient, url: 'ws://127.0.0.1:9/ws', logger: { minLevel: 'critical' } },
    VIEWER,
    async () => {
      throw new Error('not in this test');
    },
  );
  return listener;
}

/** twurple internals the single-socket listener relies on; a twurple upgrade that moves them fails here. */
const internals = (l: SingleSocketEventSub) =>
  l as unknown as { _sockets: Map<string, unknown>; _subscriptions: Map<string, unknown> };

describe('SingleSocketEventSub', () => {
  it('keeps every subscription of a viewer on one socket, theirs', () => {
    const l = create();
    const ids = { broadcasterId: BROADCASTER, userId: VIEWER };
    for (const entry of entriesForRole('viewer')) l.subscribeCatalog(entry, entry.condition(ids));
    l.start();
    expect([...internals(l)._sockets.keys()]).toEqual([VIEWER]);
    // The reconnect handover is deferred, and frames taken, through these members of twurple's
    // socket and connection.
    const socket = internals(l)._sockets.get(VIEWER) as Record<string, unknown> & {
      _connection: Record<string, unknown>;
    };
    expect(typeof socket._connection.acknowledgeSuccessfulReconnect).toBe('function');
    expect(typeof socket._connection.emit).toBe('function');
    expect(typeof socket._connection.onReceive).toBe('function');
    expect(typeof socket._restartKeepaliveTimer).toBe('function');
    expect(internals(l)._subscriptions.size).toBe(entriesForRole('viewer').length);
    expect(l._getSubscriptionsForUser(VIEWER)).toHaveLength(entriesForRole('viewer').length);
    expect(l._getSubscriptionsForUser(BROADCASTER)).toHaveLength(0);
  });

  it('names each subscription by catalog entry and condition, so raids to and from differ', () => {
    const l = create();
    const ids = { broadcasterId: BROADCASTER, userId: VIEWER };
    const to = catalogEntryFor('channel.raid', '1')!;
    const from = entriesForRole('viewer').find((e) => e.id === 'channel.raid.from')!;
    const a = l.subscribeCatalog(to, to.condition(ids));
    const b = l.subscribeCatalog(from, from.condition(ids));
    expect(a.id).not.toBe(b.id);
    expect(a.authUserId).toBe(VIEWER);
    expect(b.authUserId).toBe(VIEWER);
  });

  it('is not ready to subscribe before the socket has a session', async () => {
    const l = create();
    const entry = catalogEntryFor('stream.online')!;
    const sub = l.subscribeCatalog(
      entry,
      entry.condition({ broadcasterId: BROADCASTER, userId: VIEWER }),
    );
    expect(l._isReadyToSubscribe(sub)).toBe(false);
    await expect(l._getTransportOptionsForSubscription(sub)).rejects.toThrow(/not connected/);
  });
});
