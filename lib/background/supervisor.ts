/**
 * Keeps the listener in the state the settings ask for: listening to the favorite channel
 * while signed in, stopped otherwise. Called at start, on every relevant change, and by the
 * watchdog alarm.
 */
import { serialQueue } from '../concurrency';
import { TWITCH_CLIENT_ID, isConfigured } from '../config';
import type { ListenerHostController } from '../host';
import type { ListenerConfig, StatusDetail } from '../listener-protocol';
import {
  authSession,
  favorites,
  highlightUsers,
  highlightWords,
  listenerStatus,
  requestedAccess,
  retentionSettings,
  type ConnectionState,
} from '../settings';
import type { Role } from '../twitch/catalog';
import { WATCHDOG, type Feature } from './feature';

/** What the user is in the channel: the owner, a moderator if they said so, else a viewer. */
export function roleIn(channelId: string, userId: string, claims: { moderator: boolean }): Role {
  if (channelId === userId) return 'broadcaster';
  return claims.moderator ? 'moderator' : 'viewer';
}

export async function desiredConfig(): Promise<
  { config: ListenerConfig } | { state: ConnectionState; detail: StatusDetail }
> {
  if (!isConfigured()) return { state: 'not_configured', detail: { code: 'noClientId' } };
  const session = await authSession.getValue();
  if (!session) return { state: 'signed_out', detail: { code: 'signInToListen' } };
  const list = await favorites.getValue();
  if (list.length === 0) return { state: 'no_favorite', detail: { code: 'chooseToListen' } };
  const claims = await requestedAccess.getValue();
  return {
    config: {
      clientId: TWITCH_CLIENT_ID,
      accessToken: session.accessToken,
      scopes: session.scopes,
      userId: session.userId,
      // The moderator access asked for at sign-in is for the first favorite; the others are
      // listened to as a viewer (or as the owner, for the user's own channel).
      channels: list.map((favorite, index) => ({
        id: favorite.id,
        login: favorite.login,
        role: roleIn(favorite.id, session.userId, index === 0 ? claims : { moderator: false }),
      })),
      forYou: {
        login: session.login,
        displayName: session.displayName,
        words: await highlightWords.getValue(),
        users: await highlightUsers.getValue(),
      },
    },
  };
}

export function createSupervisor(controller: ListenerHostController) {
  const inOrder = serialQueue();
  let lastChannelId: string | undefined;

  const apply = async () => {
    const desired = await desiredConfig();
    if ('config' in desired) {
      const retention = await retentionSettings.getValue();
      try {
        const { listening } = await controller.check();
        const status = await listenerStatus.getValue();
        const channelIds = desired.config.channels.map((c) => c.id);
        if (!listening || (status.channelIds ?? []).join() !== channelIds.join()) {
          // A new host or other channels: what the status said before is no longer true.
          await listenerStatus.setValue({
            state: 'starting',
            channelIds,
            subscriptions: [],
            updatedAt: Date.now(),
          });
        }
        await controller.start(desired.config, retention);
        lastChannelId = channelIds[0];
      } catch (error) {
        await listenerStatus.setValue({
          state: 'error',
          detail: {
            code: 'couldNotStart',
            cause: error instanceof Error ? error.message : String(error),
          },
          subscriptions: [],
          updatedAt: Date.now(),
        });
      }
      return;
    }
    const current = await listenerStatus.getValue();
    // Signed out: subscriptions end with the token. No favorite: delete them.
    await controller.stop({
      deleteSubscriptions: desired.state === 'no_favorite' && Boolean(lastChannelId),
    });
    lastChannelId = undefined;
    if (
      current.state !== desired.state ||
      JSON.stringify(current.detail) !== JSON.stringify(desired.detail)
    ) {
      await listenerStatus.setValue({
        state: desired.state,
        detail: desired.detail,
        subscriptions: [],
        updatedAt: Date.now(),
      });
    }
  };

  return {
    /** Brings the listener in line with the settings. Calls are applied in order. */
    ensure(): Promise<void> {
      return inOrder(apply);
    },
    /** Watchdog: if the host died or stopped while it should listen, bring it back. */
    async watchdog(): Promise<void> {
      const desired = await desiredConfig();
      if (!('config' in desired)) return;
      const { alive, listening } = await controller.check();
      const status = await listenerStatus.getValue();
      const stuck =
        status.state === 'reconnecting' &&
        status.nextAttemptAt !== undefined &&
        status.nextAttemptAt < Date.now() - 180_000;
      if (stuck) await controller.stop({ deleteSubscriptions: false });
      if (!alive || !listening || stuck) await this.ensure();
    },
  };
}

export type Supervisor = ReturnType<typeof createSupervisor>;

/** The listener follows the session, the favorites and the retention limits, and is watched. */
export function listenerFeature(supervisor: Supervisor): Feature {
  const ensure = () => void supervisor.ensure();
  return {
    listen() {
      authSession.watch(ensure);
      favorites.watch(ensure);
      // New retention limits reach the listener host, which applies them at once to every channel.
      retentionSettings.watch(ensure);
      // New highlights reach the listener, which matches with them from the next line on.
      highlightWords.watch(ensure);
      highlightUsers.watch(ensure);
    },
    alarms: [{ ...WATCHDOG, run: () => supervisor.watchdog() }],
    start: () => supervisor.ensure(),
  };
}
