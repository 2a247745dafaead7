/**
 * The background: answers the pages, supervises the listener host, turns recorded events into
 * notifications and the toolbar badge, and keeps the session valid.
 */
import { browser } from 'wxt/browser';
import {
  createListenerHostController,
  notificationListsSupported,
  type ListenerHostController,
} from '../host';
import type { ListenerSink } from '../listener-protocol';
import { onMessage, type RecordedEvent } from '../messaging';
import { NotificationIcons } from '../notification-icons';
import {
  NotificationPlanner,
  appIconUrl,
  eventIdOfNotification,
  notifiedChannels,
  showNotifications,
} from '../notifications';
import { database } from '../db/database';
import { withoutPolledGoLives } from '../follows/poll-events';
import {
  activeFavorite,
  authSession,
  badgeMode,
  favorites,
  livePollIntervalMs,
  listenerStatus,
  mutedChannels,
  notificationSettings,
  quietHours,
  retentionSettings,
  unseenCount,
  userSettings,
  type FavoriteChannel,
} from '../settings';
import { moveLocalSettingsToSync, retryUnsyncedSettings } from '../synced-storage';
import { TWITCH_CLIENT_ID } from '../config';
import { OPEN_STREAMER_PAGE_COMMAND, TOGGLE_SNOOZE_COMMAND } from '../shortcuts';
import { TokenInvalidError } from '../twitch/auth';
import { getChannelInfo, getStream, sendChatMessage } from '../twitch/helix';
import { twitchImageUrl } from '../twitch/images';
import { installEmbedRules } from './embed-rules';
import { refreshBadge } from './badge';
import { searchChannels, setFavorite, toggleFavorite } from './favorite';
import {
  FOLLOWS_ALARM,
  LIVE_POLL_ALARM,
  catchUp,
  ensurePollAlarm,
  goLiveChannel,
  onPollRecorded,
  pollLiveNow,
  refreshFollows,
  rememberEventSubGoLive,
} from './follows';
import {
  checkSession,
  endSession,
  retryRevocations,
  signIn,
  signOut,
  syncProfile,
} from './session';
import { QUIET_END_ALARM, holdBack, releaseHeld, setSnooze, toggleSnooze } from './quiet';
import { openStreamerPage } from './streamer-tab';
import { createSupervisor } from './supervisor';
import { t } from '../i18n';
import { count } from '../wording/format';
import { sessionEndWords } from '../wording/listener';

/** The favorite with this id, or the first favorite without one. */
async function favoriteById(id?: string): Promise<FavoriteChannel | null> {
  if (typeof id !== 'string') return activeFavorite();
  return (await favorites.getValue()).find((f) => f.id === id) ?? null;
}

const WATCHDOG_ALARM = 'listener-watchdog';
const VALIDATE_ALARM = 'validate-session';
const HOUR = 60 * 60 * 1000;

/** The favorite's avatar for notifications: at hand or fetched off the notification path. */
const icons = new NotificationIcons({ fallback: appIconUrl });

/** The favorite's picture, when it is one of Twitch's images (anything else is not fetched). */
const pictureOf = (favorite: { profileImageUrl?: string } | null | undefined) =>
  twitchImageUrl(favorite?.profileImageUrl);

async function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { periodInMinutes });
}

/** Remembers recent bursts while the background lives (a restart at worst shows one more). */
const planner = new NotificationPlanner();
let recording: Promise<void> = Promise.resolve();

/** Runs after the recorded batches before it (quiet time ending must not race a batch). */
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const result = recording.then(task);
  recording = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

async function onRecorded(
  received: RecordedEvent[],
  controller: ListenerHostController,
): Promise<void> {
  const events = await withoutPolledGoLives(database(), received);
  const recent = events.filter((e) => e.recent === 1).length;
  if (recent > 0) {
    await unseenCount.setValue((await unseenCount.getValue()) + recent);
    await refreshBadge();
  }
  const list = notifiedChannels(await favorites.getValue(), await mutedChannels.getValue());
  const settings = await notificationSettings.getValue();
  // Quiet hours or a snooze: counted for the summary at their end, not shown.
  if (await holdBack(events, settings, list)) return;
  const plan = planner.plan(events, settings, list);
  if (!plan.show.length) return;
  // A go-live announced from EventSub is not announced again by the polls of followed channels.
  const shown = new Set(plan.show.flatMap((n) => n.eventIds));
  for (const event of events) {
    const streamId = (event.event as { id?: unknown }).id;
    if (event.type === 'stream.online' && shown.has(event.id) && typeof streamId === 'string')
      await rememberEventSubGoLive(streamId);
  }
  // Each channel's notifications with its own picture.
  for (const favorite of list) {
    const show = plan.show.filter((n) => n.title === favorite.displayName);
    const mine = new Set(show.map((n) => n.id));
    if (!show.length && favorite !== list[0]) continue;
    await showNotifications(
      {
        show,
        clear: favorite === list[0] ? plan.clear : [],
      },
      icons.iconFor(pictureOf(favorite)),
      { lists: notificationListsSupported },
    );
    plan.show = plan.show.filter((n) => !mine.has(n.id));
  }
  if (settings.sound) await controller.playSound().catch(() => undefined);
}

export function startBackground(): void {
  // The sink runs only after `controller` exists (the in-page host of Firefox calls it later).
  const sink: ListenerSink = (event) => {
    if (event.kind === 'status') void listenerStatus.setValue(event.status);
    // One batch after another: a burst notification must not be planned while the singles it
    // replaces are still being shown.
    else if (event.kind === 'recorded')
      void inTurn(() => onRecorded(event.events, controller)).catch(() => undefined);
    else void endSession(sessionEndWords(event.reason));
  };
  const controller: ListenerHostController = createListenerHostController(sink);
  // What the minute poll records for favorites notifies like what EventSub delivers.
  onPollRecorded((events) => sink({ kind: 'recorded', events }));
  const supervisor = createSupervisor(controller);

  // Pages ask; the background does the work (a popup may close at any moment).
  onMessage('signIn', ({ data }) => signIn(data));
  onMessage('signOut', () => signOut());
  onMessage('setFavorite', ({ data }) => setFavorite(data));
  onMessage('searchChannels', ({ data }) => searchChannels(data));
  onMessage('toggleFavorite', ({ data }) => toggleFavorite(data));
  onMessage('openStreamerPage', async ({ data }) => {
    await openStreamerPage(typeof data?.channel === 'string' ? data.channel : undefined);
    return { ok: true };
  });
  onMessage('popupOpened', () => {
    void refreshFollows();
    void pollLiveNow();
  });
  onMessage('streamerPageSeen', async () => {
    await unseenCount.setValue(0);
    await refreshBadge();
  });
  onMessage('snooze', async ({ data }) => ({ until: await inTurn(() => setSnooze(data)) }));
  onMessage('channelSummary', async ({ data }) => {
    const session = await authSession.getValue();
    const favorite = await favoriteById(data);
    if (!session || !favorite) return null;
    const credentials = { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken };
    try {
      const [stream, info] = await Promise.all([
        getStream(credentials, favorite.id),
        getChannelInfo(credentials, favorite.id),
      ]);
      return {
        isLive: stream?.type === 'live',
        title: stream?.title || info?.title || '',
        gameName: stream?.game_name || info?.game_name || '',
        viewerCount: stream?.viewer_count,
        startedAt: stream?.started_at,
      };
    } catch (error) {
      // A 401 ends the session now, as the hourly validation would.
      if (error instanceof TokenInvalidError) await endSession(t('errors.sessionEnded'));
      return null;
    }
  });
  onMessage('sendChatMessage', async ({ data }) => {
    const session = await authSession.getValue();
    const favorite = await favoriteById(typeof data === 'string' ? undefined : data.channelId);
    if (!session || !favorite) return { ok: false, error: t('errors.signInAndChoose') };
    if (!session.scopes.includes('user:write:chat')) {
      return {
        ok: false,
        error: t('errors.chatPermission'),
      };
    }
    const text = (typeof data === 'string' ? data : String(data.text ?? '')).trim();
    if (!text || text.length > 500)
      return { ok: false, error: t('errors.messageLength', [count(1), count(500)]) };
    try {
      const result = await sendChatMessage(
        { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken },
        favorite.id,
        session.userId,
        text,
      );
      return result.sent
        ? { ok: true }
        : { ok: false, error: result.reason ?? t('errors.notSent') };
    } catch (error) {
      if (error instanceof TokenInvalidError) {
        await endSession(t('errors.sessionEnded'));
        return { ok: false, error: t('errors.signInAgain') };
      }
      return { ok: false, error: t('errors.sendFailed') };
    }
  });

  // The token goes to the offscreen document only, in the answer to its own request (an answer
  // reaches only the asker; a message from the background would reach every open page).
  onMessage('hostCredentials', async ({ sender }) => {
    const fromHost =
      sender.id === browser.runtime.id && sender.url === browser.runtime.getURL('/offscreen.html');
    if (!fromHost) return null;
    return (await authSession.getValue())?.accessToken ?? null;
  });
  // The listener host reports back (Chrome: from the offscreen document).
  onMessage('hostReady', () => void supervisor.ensure());
  onMessage('hostEvent', ({ data }) => sink(data));

  authSession.watch((session, previous) => {
    void supervisor.ensure();
    // A new sign-in (or one with other scopes) imports at once; a sign-out clears the live list.
    if (session?.userId !== previous?.userId || session?.scopes.length !== previous?.scopes.length)
      void refreshFollows(true).then(() => pollLiveNow());
  });
  badgeMode.watch(() => void refreshBadge());
  livePollIntervalMs.watch(() => void ensurePollAlarm());
  favorites.watch(() => {
    void supervisor.ensure();
    void activeFavorite().then((favorite) => icons.prefetch(pictureOf(favorite)));
  });
  // New retention limits reach the listener host, which applies them at once to every channel.
  retentionSettings.watch(() => void supervisor.ensure());

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) {
      void supervisor.watchdog();
      void retryRevocations();
      // Settings the browser refused to sync (write rate, quota) are offered again.
      void retryUnsyncedSettings(userSettings).catch(() => {});
    }
    if (alarm.name === VALIDATE_ALARM) void checkSession();
    if (alarm.name === QUIET_END_ALARM) void inTurn(() => releaseHeld()).catch(() => undefined);
    if (alarm.name === LIVE_POLL_ALARM) void pollLiveNow();
    if (alarm.name === FOLLOWS_ALARM) void refreshFollows();
  });
  // Quiet hours turned off or moved: what they held is told now if they are over.
  quietHours.watch(() => void inTurn(() => releaseHeld()).catch(() => undefined));
  browser.commands?.onCommand.addListener((command) => {
    if (command === OPEN_STREAMER_PAGE_COMMAND.name) void openStreamerPage();
    if (command === TOGGLE_SNOOZE_COMMAND.name)
      void inTurn(() => toggleSnooze()).catch(() => undefined);
  });
  // A notification's id names its event; the event names its channel, whose page opens.
  browser.notifications.onClicked.addListener((id) => {
    void browser.notifications.clear(id);
    const channel = goLiveChannel(id);
    if (channel) {
      void openStreamerPage(channel);
      return;
    }
    void (async () => {
      const eventId = eventIdOfNotification(id);
      const event = eventId
        ? await database()
            .events.get(eventId)
            .catch(() => undefined)
        : undefined;
      const favorite = event ? await favoriteById(event.channelId) : null;
      await openStreamerPage(favorite?.login);
    })();
  });
  browser.runtime.onInstalled.addListener(() => {
    void installEmbedRules();
    void checkSession().then(() => supervisor.ensure());
  });
  browser.runtime.onStartup.addListener(() => {
    void installEmbedRules();
    void checkSession().then(() => supervisor.ensure());
  });

  // Created once: re-creating an alarm on every wake-up would postpone it forever.
  void ensureAlarm(WATCHDOG_ALARM, 0.5);
  void ensureAlarm(VALIDATE_ALARM, 60);
  void ensureAlarm(FOLLOWS_ALARM, 60);
  void ensurePollAlarm();

  // Every time the background starts (browser start, update, or a service worker wake-up).
  void (async () => {
    // Preferences an earlier version kept on this computer move to sync first (once).
    await moveLocalSettingsToSync(userSettings).catch(() => []);
    await retryUnsyncedSettings(userSettings).catch(() => {});
    await syncProfile();
    void retryRevocations();
    const session = await authSession.getValue();
    if (session && Date.now() - session.validatedAt > HOUR) await checkSession();
    await supervisor.ensure();
    await refreshBadge();
    void catchUp();
    // A quiet time that ended while the background slept is told now.
    await inTurn(() => releaseHeld()).catch(() => undefined);
    // Ready before the first notification needs it.
    await icons.prefetch(pictureOf(await activeFavorite()));
  })();
}
