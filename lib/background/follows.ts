/**
 * The background's side of the follows: imports them, polls who is live on an alarm and when
 * the popup opens, announces go-lives, and keeps the badge's live count.
 */
import { browser } from 'wxt/browser';
import { singleFlight, singleFlightBy } from '../concurrency';
import { database, type StoredEvent } from '../db/database';
import { decideGoLive, rememberAnnounced } from '../follows/go-live';
import { detectPollChanges, pollCoverage, recordPollEvents } from '../follows/poll-events';
import { FOLLOWS_REFRESH_MS, hasFollowsScope, importFollows, pollLive } from '../follows/poller';
import { onMessage } from '../messaging';
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
import { refreshBadge } from './badge';
import { ensureAlarm, type Alarm, type Feature } from './feature';
import { withSession } from './session';
import { t } from '../i18n';

/** Go-live notification ids: `golive:<login>:<stream id>`, so a click knows the channel. */
const GO_LIVE_PREFIX = 'golive:';
/** Popup openings within this long of the last poll share it instead of polling again. */
export const POPUP_POLL_EVERY_MS = 15_000;

/**
 * Imports the follows when they are older than an hour (or at once with `force`). A forced
 * import does not wait for an unforced one that is running, nor share it.
 */
const importing = singleFlightBy(async (force: boolean) => {
  await withSession(async (credentials, session) => {
    if (!hasFollowsScope(session)) return;
    const previous = await follows.getValue();
    const fresh =
      previous?.userId === session.userId &&
      !previous.error &&
      Date.now() - previous.fetchedAt < FOLLOWS_REFRESH_MS;
    if (fresh && !force) return;
    await follows.setValue(await importFollows(credentials, session.userId, previous));
  }).catch((error: unknown) => console.error('Could not import the follows', error));
});

export function refreshFollows(force = false): Promise<void> {
  return importing(force);
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

/** When the last poll started (in this background's life). */
let lastPollAt = -Infinity;

/**
 * Polls who is live now (the followed channels, and by id the favorites not followed), records
 * what changed for favorites EventSub does not cover, announces new go-lives and updates the badge.
 */
export const pollLiveNow = singleFlight(async (): Promise<void> => {
  lastPollAt = Date.now();
  const favoriteList = await favorites.getValue();
  const favoriteIds = favoriteList.map((f) => f.id);
  const polled = await withSession(async (credentials, session) => {
    const followsAllowed = hasFollowsScope(session);
    if (!followsAllowed && favoriteIds.length === 0) return null;
    const followed = await follows.getValue();
    const followedIds = new Set(
      followsAllowed && followed?.userId === session.userId
        ? followed.channels.map((c) => c.id)
        : [],
    );
    const state = await pollLive(
      credentials,
      session.userId,
      await liveStreams.getValue(),
      Date.now(),
      { follows: followsAllowed, extraIds: favoriteIds.filter((id) => !followedIds.has(id)) },
    );
    return { userId: session.userId, state };
  });
  if (!polled.ok && polled.ended) return;
  if (!polled.ok || !polled.value) {
    // Signed out, or nothing to ask about: no list.
    if (await liveStreams.getValue()) await liveStreams.setValue(null);
    await refreshBadge();
    return;
  }
  const { userId, state } = polled.value;
  if (!state.error) {
    const status = await listenerStatus.getValue();
    await recordFavoriteChanges(userId, state.streams, favoriteList, status).catch(
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
});

/**
 * The popup opened: the follows are imported when due and who is live is polled, unless a poll
 * started within `POPUP_POLL_EVERY_MS` (the popup shows what that one saw). The poll alarm is
 * not held back by this.
 */
export async function onPopupOpened(): Promise<void> {
  if (Date.now() - lastPollAt < POPUP_POLL_EVERY_MS) return;
  lastPollAt = Date.now();
  await Promise.all([refreshFollows(), pollLiveNow()]);
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

const pollAlarm: Alarm = {
  name: 'live-poll',
  period: async () => (await livePollIntervalMs.getValue()) / 60_000,
  run: () => pollLiveNow(),
};

export const followsFeature: Feature = {
  listen() {
    onMessage('popupOpened', () => void onPopupOpened());
    authSession.watch((session, previous) => {
      // A new sign-in (or one with other scopes) imports at once; a sign-out clears the live list.
      if (
        session?.userId !== previous?.userId ||
        session?.scopes.length !== previous?.scopes.length
      )
        void refreshFollows(true).then(() => pollLiveNow());
    });
    livePollIntervalMs.watch(() => void ensureAlarm(pollAlarm));
  },
  alarms: [pollAlarm, { name: 'follows-refresh', period: 60, run: () => refreshFollows() }],
  async start() {
    void catchUp();
  },
};
