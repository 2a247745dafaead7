import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSupervisor } from '../../../lib/background/supervisor';
import type { ListenerHostController } from '../../../lib/host';
import type { ListenerConfig } from '../../../lib/listener-protocol';
import { authSession, favorites, listenerStatus, requestedAccess } from '../../../lib/settings';
import { statusDetailWords } from '../../../lib/wording/listener';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

/** A listener host that does what it is told, and can die or refuse to start. */
function fakeHost() {
  const host = {
    alive: false,
    config: undefined as ListenerConfig | undefined,
    failStart: undefined as string | undefined,
    stops: [] as { deleteSubscriptions: boolean }[],
    starts: 0,
  };
  const controller: ListenerHostController = {
    start: async (config) => {
      if (host.failStart) throw new Error(host.failStart);
      host.alive = true;
      host.starts += 1;
      host.config = config;
    },
    stop: async (options) => {
      host.stops.push(options);
      host.config = undefined;
    },
    check: async () => ({ alive: host.alive, listening: Boolean(host.config) }),
    playSound: async () => undefined,
  };
  return { host, controller };
}

const signIn = (userId = '100003') =>
  authSession.setValue({
    accessToken: 'token0123456789',
    userId,
    login: 'someone',
    displayName: 'Someone',
    scopes: ['user:read:chat'],
    expiresAt: Date.now() + 3_600_000,
    validatedAt: Date.now(),
  });
const favor = (id: string, login: string) =>
  favorites.setValue([{ id, login, displayName: login, addedAt: 1 }]);

beforeEach(async () => {
  await signIn();
  await favor('100001', 'demo');
});

describe('supervisor', () => {
  it('starts the listener for the favorite, in the role the user holds there', async () => {
    const { host, controller } = fakeHost();
    await createSupervisor(controller).ensure();
    expect(host.config).toEqual({
      clientId: 'companiontestclient0000000',
      accessToken: 'token0123456789',
      scopes: ['user:read:chat'],
      userId: '100003',
      channels: [{ id: '100001', login: 'demo', role: 'viewer' }],
      // What makes a line "for you": the user's name, no highlights yet.
      forYou: { login: 'someone', displayName: 'Someone', words: [], users: [] },
    });
    expect(await listenerStatus.getValue()).toMatchObject({
      state: 'starting',
      channelIds: ['100001'],
    });

    await requestedAccess.setValue({ moderator: true, broadcaster: false, sendChat: false });
    await createSupervisor(controller).ensure();
    expect(host.config!.channels[0]!.role).toBe('moderator');
    await signIn('100001');
    await createSupervisor(controller).ensure();
    expect(host.config!.channels[0]!.role).toBe('broadcaster');
  });

  it('listens to every favorite in order; the moderator access is for the first only', async () => {
    const { host, controller } = fakeHost();
    await favorites.setValue([
      { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 },
      { id: '100010', login: 'pixelpaladin', displayName: 'PixelPaladin', addedAt: 2 },
      { id: '100003', login: 'viewer', displayName: 'Viewer', addedAt: 3 },
    ]);
    await requestedAccess.setValue({ moderator: true, broadcaster: false, sendChat: false });
    await createSupervisor(controller).ensure();
    expect(host.config!.channels).toEqual([
      { id: '100001', login: 'demo', role: 'moderator' },
      { id: '100010', login: 'pixelpaladin', role: 'viewer' },
      { id: '100003', login: 'viewer', role: 'broadcaster' },
    ]);
    expect(await listenerStatus.getValue()).toMatchObject({
      state: 'starting',
      channelIds: ['100001', '100010', '100003'],
    });
  });

  it('stops when signed out (subscriptions end with the token) and says why', async () => {
    const { host, controller } = fakeHost();
    const supervisor = createSupervisor(controller);
    await supervisor.ensure();
    await authSession.setValue(null);
    await supervisor.ensure();
    expect(host.config).toBeUndefined();
    expect(host.stops).toEqual([{ deleteSubscriptions: false }]);
    expect(await listenerStatus.getValue()).toMatchObject({
      state: 'signed_out',
      detail: { code: 'signInToListen' },
    });
    expect(statusDetailWords((await listenerStatus.getValue()).detail!)).toBe(
      'Sign in with Twitch to start listening.',
    );
  });

  it('deletes the subscriptions when the favorite is removed', async () => {
    const { host, controller } = fakeHost();
    const supervisor = createSupervisor(controller);
    await supervisor.ensure();
    await favorites.setValue([]);
    await supervisor.ensure();
    expect(host.stops).toEqual([{ deleteSubscriptions: true }]);
    expect(await listenerStatus.getValue()).toMatchObject({ state: 'no_favorite' });
  });

  it('reports a host that cannot start', async () => {
    const { host, controller } = fakeHost();
    host.failStart = 'no offscreen document';
    await createSupervisor(controller).ensure();
    expect(await listenerStatus.getValue()).toMatchObject({
      state: 'error',
      detail: { code: 'couldNotStart', cause: 'no offscreen document' },
    });
    expect(statusDetailWords((await listenerStatus.getValue()).detail!)).toBe(
      'The listener could not start: no offscreen document',
    );
  });

  it('keeps what a running listener reported when nothing changed', async () => {
    const { controller } = fakeHost();
    const supervisor = createSupervisor(controller);
    await supervisor.ensure();
    const connected = {
      state: 'connected' as const,
      channelIds: ['100001'],
      subscriptions: [],
      updatedAt: 5,
    };
    await listenerStatus.setValue(connected);
    await supervisor.ensure();
    expect(await listenerStatus.getValue()).toEqual(connected);
    await favor('100002', 'other');
    await supervisor.ensure();
    expect(await listenerStatus.getValue()).toMatchObject({
      state: 'starting',
      channelIds: ['100002'],
    });
  });

  describe('watchdog', () => {
    it('brings back a host that died or stopped listening, and leaves a healthy one alone', async () => {
      const { host, controller } = fakeHost();
      const supervisor = createSupervisor(controller);
      await supervisor.ensure();
      await supervisor.watchdog();
      expect(host.starts).toBe(1);

      host.alive = false;
      host.config = undefined;
      await supervisor.watchdog();
      expect(host.starts).toBe(2);
      expect(host.config).toBeDefined();
    });

    it('restarts a listener stuck reconnecting for over three minutes past its next attempt', async () => {
      const { host, controller } = fakeHost();
      const supervisor = createSupervisor(controller);
      await supervisor.ensure();
      const reconnecting = (late: number) =>
        listenerStatus.setValue({
          state: 'reconnecting',
          channelIds: ['100001'],
          nextAttemptAt: Date.now() - late,
          subscriptions: [],
          updatedAt: Date.now(),
        });
      await reconnecting(60_000);
      await supervisor.watchdog();
      expect(host.stops).toEqual([]);
      expect(host.starts).toBe(1);

      await reconnecting(200_000);
      await supervisor.watchdog();
      expect(host.stops).toEqual([{ deleteSubscriptions: false }]);
      expect(host.starts).toBe(2);
    });

    it('does nothing while there is nothing to listen to', async () => {
      const { host, controller } = fakeHost();
      await authSession.setValue(null);
      await createSupervisor(controller).watchdog();
      expect(host.starts).toBe(0);
      expect(host.stops).toEqual([]);
    });
  });
});
