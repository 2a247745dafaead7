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
import type { ListenerSink } from '../listener/listener';
import { onMessage, type RecordedEvent } from '../messaging';
import { NotificationIcons } from '../notification-icons';
import { NotificationPlanner, appIconUrl, showNotifications } from '../notifications';
import {
  activeFavorite,
  authSession,
  badgeMode,
  favorites,
  livePollIntervalMs,
  listenerStatus,
  notificationSettings,
  retentionSettings,
  unseenCount,
} from '../settings';
import { TWITCH_CLIENT_ID } from '../config';
import { TokenInvalidError } from '../twitch/auth';
import { LOGIN_PATTERN, getChannelInfo, getStream, sendChatMessage } from '../twitch/helix';
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
import { openChannelPage, openStreamerPage } from './streamer-tab';
import { createSupervisor } from './supervisor';

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

async function onRecorded(
  events: RecordedEvent[],
  controller: ListenerHostController,
): Promise<void> {
  const recent = events.filter((e) => e.recent === 1).length;
  if (recent > 0) {
    await unseenCount.setValue((await unseenCount.getValue()) + recent);
    await refreshBadge();
  }

  const favorite = await activeFavorite();
  const settings = await notificationSettings.getValue();
  const plan = planner.plan(events, settings, favorite);
  if (!plan.show.length) return;
  // A go-live announced from EventSub is not announced again by the polls of followed channels.
  const shown = new Set(plan.show.flatMap((n) => n.eventIds));
  for (const event of events) {
    const streamId = (event.event as { id?: unknown }).id;
    if (event.type === 'stream.online' && shown.has(event.id) && typeof streamId === 'string')
      await rememberEventSubGoLive(streamId);
  }
  await showNotifications(plan, icons.iconFor(pictureOf(favorite)), {
    lists: notificationListsSupported,
  });
  if (settings.sound) await controller.playSound().catch(() => undefined);
}

export function startBackground(): void {
  // The sink runs only after `controller` exists (the in-page host of Firefox calls it later).
  const sink: ListenerSink = {
    status: (status) => void listenerStatus.setValue(status),
    // One batch after another: a burst notification must not be planned while the singles it
    // replaces are still being shown.
    recorded: (events) => {
      recording = recording.then(() => onRecorded(events, controller)).catch(() => undefined);
    },
    sessionEnded: (reason) => void endSession(reason),
  };
  const controller: ListenerHostController = createListenerHostController(sink);
  const supervisor = createSupervisor(controller);

  // Pages ask; the background does the work (a popup may close at any moment).
  onMessage('signIn', ({ data }) => signIn(data));
  onMessage('signOut', () => signOut());
  onMessage('setFavorite', ({ data }) => setFavorite(data));
  onMessage('searchChannels', ({ data }) => searchChannels(data));
  onMessage('openStreamerPage', async () => {
    await openStreamerPage();
    return { ok: true };
  });
  onMessage('openChannelPage', async ({ data }) => {
    if (typeof data !== 'string' || !LOGIN_PATTERN.test(data))
      return { ok: false, error: 'That is not a Twitch channel.' };
    await openChannelPage(data);
    return { ok: true };
  });
  onMessage('toggleFavorite', ({ data }) => toggleFavorite(data));
  onMessage('popupOpened', () => {
    void refreshFollows();
    void pollLiveNow();
  });
  onMessage('streamerPageSeen', async () => {
    await unseenCount.setValue(0);
    await refreshBadge();
  });
  onMessage('channelSummary', async () => {
    const session = await authSession.getValue();
    const favorite = await activeFavorite();
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
      if (error instanceof TokenInvalidError) await endSession('Twitch ended your session.');
      return null;
    }
  });
  onMessage('sendChatMessage', async ({ data }) => {
    const session = await authSession.getValue();
    const favorite = await activeFavorite();
    if (!session || !favorite)
      return { ok: false, error: 'Sign in and choose a favorite streamer first.' };
    if (!session.scopes.includes('user:write:chat')) {
      return {
        ok: false,
        error: 'Sending chat needs permission: sign in again with “Send chat messages” ticked.',
      };
    }
    const text = data.trim();
    if (!text || text.length > 500)
      return { ok: false, error: 'Messages are 1 to 500 characters.' };
    try {
      const result = await sendChatMessage(
        { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken },
        favorite.id,
        session.userId,
        text,
      );
      return result.sent
        ? { ok: true }
        : { ok: false, error: result.reason ?? 'Twitch did not send the message.' };
    } catch (error) {
      if (error instanceof TokenInvalidError) {
        await endSession('Twitch ended your session.');
        return { ok: false, error: 'Your Twitch session ended. Please sign in again.' };
      }
      return { ok: false, error: 'Could not send the message to Twitch.' };
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
  onMessage('hostStatus', ({ data }) => sink.status(data));
  onMessage('hostRecorded', ({ data }) => sink.recorded(data.events));
  onMessage('hostSessionEnded', ({ data }) => sink.sessionEnded(data));

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
    }
    if (alarm.name === VALIDATE_ALARM) void checkSession();
    if (alarm.name === LIVE_POLL_ALARM) void pollLiveNow();
    if (alarm.name === FOLLOWS_ALARM) void refreshFollows();
  });
  browser.notifications.onClicked.addListener((id) => {
    void browser.notifications.clear(id);
    const channel = goLiveChannel(id);
    void (channel ? openChannelPage(channel) : openStreamerPage());
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
    await syncProfile();
    void retryRevocations();
    const session = await authSession.getValue();
    if (session && Date.now() - session.validatedAt > HOUR) await checkSession();
    await supervisor.ensure();
    await refreshBadge();
    void catchUp();
    // Ready before the first notification needs it.
    await icons.prefetch(pictureOf(await activeFavorite()));
  })();
}
