/**
 * The background's side of the follows: imports them, polls who is live on an alarm and when
 * the popup opens, announces go-lives, and keeps the badge's live count.
 */
import { browser } from 'wxt/browser';
import { TWITCH_CLIENT_ID } from '../config';
import { database, type StoredEvent } from '../db/database';
import { decideGoLive, rememberAnnounced } from '../follows/go-live';
import { detectPollChanges, pollCoverage, recordPollEvents } from '../follows/poll-events';
import { FOLLOWS_REFRESH_MS, hasFollowsScope, importFollows, pollLive } from '../follows/poller';
import { appIconUrl } from '../notifications';
import {
  authSession,
  favorites,
  followNotificationSettings,
  follows,
  goLiveMemory,
  listenerStatus,
  livePollIntervalMs,
  liveStreams,
  pollSnapshot,
  type FavoriteChannel,
  type ListenerStatus,
  type LiveStream,
} from '../settings';
import { TokenInvalidError } from '../twitch/auth';
import { refreshBadge } from './badge';
import { endSession } from './session';
import { t } from '../i18n';

export const LIVE_POLL_ALARM = 'live-poll';
export const FOLLOWS_ALARM = 'follows-refresh';
/** Go-live notification ids: `golive:<login>:<stream id>`, so a click knows the channel. */
const GO_LIVE_PREFIX = 'golive:';

async function signedIn() {
  const session = await authSession.getValue();
  if (!session || !hasFollowsScope(session)) return null;
  return {
    session,
    credentials: { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken },
  };
}

let importing: Promise<void> | undefined;

/** Imports the follows when they are older than an hour (or at once with `force`). */
export function refreshFollows(force = false): Promise<void> {
  importing ??= (async () => {
    const current = await signedIn();
    if (!current) return;
    const previous = await follows.getValue();
    const fresh =
      previous?.userId === current.session.userId &&
      !previous.error &&
      Date.now() - previous.fetchedAt < FOLLOWS_REFRESH_MS;
    if (fresh && !force) return;
    try {
      await follows.setValue(
        await importFollows(current.credentials, current.session.userId, previous),
      );
    } catch (error) {
      if (error instanceof TokenInvalidError) await endSession(t('errors.sessionEnded'));
    }
  })().finally(() => {
    importing = undefined;
  });
  return importing;
}

/** Channels whose go-live the listener hears from EventSub (it notifies them itself). */
function realTimeChannels(status: ListenerStatus): Set<string> {
  if (status.state !== 'connected') return new Set();
  return new Set(
    status.subscriptions
      .filter((s) => s.id === 'stream.online' && s.status === 'active')
      .map((s) => s.channelId)
      .filter((id): id is string => Boolean(id)),
  );
}

async function announce(streams: LiveStream[]): Promise<void> {
  for (const stream of streams) {
    const what = [stream.gameName, stream.title].filter(Boolean).join(' — ');
    await browser.notifications
      .create(`${GO_LIVE_PREFIX}${stream.login}:${stream.streamId}`, {
        type: 'basic',
        iconUrl: appIconUrl(),
        title: t('notify.isLive', [stream.displayName]),
        message: what || t('notify.streamingNow'),
        priority: 1,
      })
      .catch(() => undefined);
  }
}

let polling: Promise<void> | undefined;
let pollRecorded: ((events: StoredEvent[]) => void) | undefined;

/** Who is told of the events a poll records (the background's notifications). */
export function onPollRecorded(handler: (events: StoredEvent[]) => void): void {
  pollRecorded = handler;
}

/**
 * The favorites' changes the poll saw that EventSub does not deliver now: recorded as events of
 * their channel (see `lib/follows/poll-events.ts`) and handed on for notifications.
 */
async function recordFavoriteChanges(
  userId: string,
  live: LiveStream[],
  favoriteList: FavoriteChannel[],
  status: ListenerStatus,
): Promise<void> {
  const changes = detectPollChanges({
    previous: await pollSnapshot.getValue(),
    userId,
    favorites: favoriteList,
    live,
    coverage: pollCoverage(
      status,
      favoriteList.map((f) => f.id),
    ),
    now: Date.now(),
  });
  const recorded = await recordPollEvents(database(), changes);
  await pollSnapshot.setValue(changes.snapshot);
  if (recorded.length > 0) pollRecorded?.(recorded);
}

/**
 * Polls who is live now (the followed channels, and by id the favorites not followed), records
 * what changed for favorites EventSub does not cover, announces new go-lives and updates the badge.
 */
export function pollLiveNow(): Promise<void> {
  polling ??= (async () => {
    const session = await authSession.getValue();
    const favoriteList = await favorites.getValue();
    const favoriteIds = favoriteList.map((f) => f.id);
    const followsAllowed = hasFollowsScope(session);
    if (!session || (!followsAllowed && favoriteIds.length === 0)) {
      if (await liveStreams.getValue()) await liveStreams.setValue(null);
      await refreshBadge();
      return;
    }
    const credentials = { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken };
    const followed = await follows.getValue();
    const followedIds = new Set(
      followsAllowed && followed?.userId === session.userId
        ? followed.channels.map((c) => c.id)
        : [],
    );
    const previous = await liveStreams.getValue();
    let state;
    try {
      state = await pollLive(credentials, session.userId, previous, Date.now(), {
        follows: followsAllowed,
        extraIds: favoriteIds.filter((id) => !followedIds.has(id)),
      });
    } catch (error) {
      if (error instanceof TokenInvalidError) await endSession(t('errors.sessionEnded'));
      return;
    }
    if (!state.error) {
      const status = await listenerStatus.getValue();
      await recordFavoriteChanges(session.userId, state.streams, favoriteList, status).catch(
        (error: unknown) => console.error('Could not record what the poll saw', error),
      );
      // A favorite's go-live is an event of its channel (from EventSub or from the poll), which
      // notifies as the event settings say: the go-live announcement is for the other follows.
      const realTimeIds = realTimeChannels(status);
      for (const id of favoriteIds) realTimeIds.add(id);
      const decision = decideGoLive({
        live: state.streams,
        memory: await goLiveMemory.getValue(),
        settings: await followNotificationSettings.getValue(),
        favoriteIds: new Set(favoriteIds),
        realTimeIds,
        now: Date.now(),
        pollIntervalMs: await livePollIntervalMs.getValue(),
      });
      await goLiveMemory.setValue(decision.memory);
      await announce(decision.notify);
    }
    await liveStreams.setValue(state);
    await refreshBadge();
  })().finally(() => {
    polling = undefined;
  });
  return polling;
}

/**
 * At the background's start: imports the follows when due and polls who is live when the last
 * poll is older than the interval (a service worker that wakes often does not poll more often).
 */
export async function catchUp(): Promise<void> {
  await refreshFollows();
  const live = await liveStreams.getValue();
  const session = await authSession.getValue();
  const due =
    !live ||
    live.userId !== session?.userId ||
    Date.now() - live.fetchedAt >= (await livePollIntervalMs.getValue());
  if (due) await pollLiveNow();
}

/** A go-live EventSub delivered: the polls will not announce that stream again. */
export async function rememberEventSubGoLive(streamId: string): Promise<void> {
  await goLiveMemory.setValue(rememberAnnounced(await goLiveMemory.getValue(), streamId));
}

/** The login a go-live notification is about, or undefined for any other notification. */
export function goLiveChannel(notificationId: string): string | undefined {
  if (!notificationId.startsWith(GO_LIVE_PREFIX)) return undefined;
  return notificationId.slice(GO_LIVE_PREFIX.length).split(':')[0] || undefined;
}

/** Creates the poll alarm, or re-creates it when the interval changed. */
export async function ensurePollAlarm(): Promise<void> {
  const periodInMinutes = (await livePollIntervalMs.getValue()) / 60_000;
  const alarm = await browser.alarms.get(LIVE_POLL_ALARM);
  if (alarm?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(LIVE_POLL_ALARM, {
    periodInMinutes,
    delayInMinutes: periodInMinutes,
  });
}
