/**
 * Recorded events become desktop notifications (each channel's with its own picture) and the
 * toolbar badge's count; a click on one opens its channel's streamer page.
 */
import { browser } from 'wxt/browser';
import { database } from '../db/database';
import { withoutPolledGoLives } from '../follows/poll-events';
import type { ListenerHostController } from '../host';
import { notificationListsSupported } from '../host';
import type { RecordedEvent } from '../messaging';
import { NotificationIcons } from '../notification-icons';
import {
  NotificationPlanner,
  appIconUrl,
  eventIdOfNotification,
  notifiedChannels,
  showNotifications,
} from '../notifications';
import {
  activeFavorite,
  favorites,
  mutedChannels,
  notificationSettings,
  unseenCount,
} from '../settings';
import { TwiceTold, oneRowPerHappening } from '../twitch/happenings';
import { twitchImageUrl } from '../twitch/images';
import { refreshBadge } from './badge';
import { favoriteById } from './favorite';
import type { Feature } from './feature';
import { goLiveChannel, rememberEventSubGoLive } from './follows';
import { awayStretch, openHistoryPage } from './history-page';
import { holdBack } from './quiet';
import { openStreamerPage } from './streamer-tab';
import { isForYouNotification } from './for-you';

/** The favorites' avatars for notifications: at hand or fetched off the notification path. */
export const icons = new NotificationIcons({ fallback: appIconUrl });

/** The favorite's picture, when it is one of Twitch's images (anything else is not fetched). */
const pictureOf = (favorite: { profileImageUrl?: string } | null | undefined) =>
  twitchImageUrl(favorite?.profileImageUrl);

/** Remembers recent bursts while the background lives (a restart at worst shows one more). */
const planner = new NotificationPlanner();
/** The happenings Twitch tells twice that the badge counted lately, for their other record. */
const counted = new TwiceTold<RecordedEvent>();

/**
 * Newly recorded events: counted for the badge, then notified as the settings say — held back
 * in quiet time, bursts folded, each channel's notifications with that channel's picture.
 */
export async function onRecorded(
  received: RecordedEvent[],
  controller: Pick<ListenerHostController, 'playSound'>,
): Promise<void> {
  const events = await withoutPolledGoLives(database(), received);
  // A happening Twitch told twice counts once, as Recent events shows it once.
  const recent = counted.firstRecords(
    oneRowPerHappening(events.filter((e) => e.recent === 1)),
  ).length;
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
  // Each channel's notifications with its own picture; the folded singles go with the first.
  for (const favorite of list) {
    const show = plan.show.filter((n) => n.channelId === favorite.id);
    if (!show.length && favorite !== list[0]) continue;
    await showNotifications(
      { show, clear: favorite === list[0] ? plan.clear : [] },
      icons.iconFor(pictureOf(favorite)),
      { lists: notificationListsSupported },
    );
  }
  if (settings.sound) await controller.playSound().catch(() => undefined);
}

/** A notification's id names its event; the event names its channel, whose page opens. */
async function openClicked(id: string): Promise<void> {
  // "For you" notifications open their line (`for-you.ts`).
  if (isForYouNotification(id)) return;
  void browser.notifications.clear(id);
  const away = awayStretch(id);
  if (away) return openHistoryPage(away);
  const channel = goLiveChannel(id);
  if (channel) return openStreamerPage(channel);
  const eventId = eventIdOfNotification(id);
  const event = eventId
    ? await database()
        .events.get(eventId)
        .catch(() => undefined)
    : undefined;
  const favorite = event ? await favoriteById(event.channelId) : null;
  await openStreamerPage(favorite?.login);
}

const prefetchActivePicture = async () => icons.prefetch(pictureOf(await activeFavorite()));

export const notifyFeature: Feature = {
  listen() {
    browser.notifications.onClicked.addListener((id) => void openClicked(id));
    favorites.watch(() => void prefetchActivePicture());
  },
  // Ready before the first notification needs it.
  start: prefetchActivePicture,
};
