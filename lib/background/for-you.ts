/**
 * "For you" in the background: what the recorder found for the user is notified at once (no
 * network on the way: the picture is one at hand), held back in quiet time unless the user lets
 * mentions and whispers through, taken back when Twitch deletes the line; a click opens the line
 * on its channel's streamer page. The badge can count what is unread.
 */
import { browser } from 'wxt/browser';
import { database } from '../db/database';
import {
  countUnreadForYou,
  markForYouRead,
  type ForYouReport,
  type ForYouSelection,
} from '../db/for-you';
import { forYouNotificationId, heldKey, itemIdOfNotification, planForYou } from '../for-you/notify';
import { onMessage } from '../messaging';
import { addHeld } from '../quiet';
import {
  authSession,
  badgeMode,
  favorites,
  heldNotifications,
  mentionsThroughQuiet,
  mutedChannels,
  notificationSettings,
  notifyHighlights,
  notifyMentions,
} from '../settings';
import { twitchImageUrl } from '../twitch/images';
import { forYouMessage, forYouTitle } from '../wording/for-you';
import { refreshBadge } from './badge';
import type { Feature } from './feature';
import { icons } from './notify';
import { currentHold, inTurn, scheduleEnd } from './quiet';
import { openStreamerPage } from './streamer-tab';

export const isForYouNotification = (id: string) => itemIdOfNotification(id) !== undefined;

/** The signed-in user's id, or undefined. */
const signedInUser = async () => (await authSession.getValue())?.userId;

/** How many "for you" items of the signed-in user are unread (the badge's count). */
export async function unreadForYouCount(): Promise<number> {
  const userId = await signedInUser();
  return userId ? countUnreadForYou(database(), userId) : 0;
}

const refreshIfCounted = async () => {
  if ((await badgeMode.getValue()) === 'forYou') await refreshBadge();
};

/**
 * What one write did to "for you": withdrawn items' notifications taken down, new items shown
 * (or held back in quiet time and counted for the summary).
 */
export async function onForYou(report: ForYouReport, now = Date.now()): Promise<void> {
  const withdrawn = new Set(report.withdrawn);
  await Promise.all(
    [...withdrawn].map((id) => browser.notifications.clear(forYouNotificationId(id))),
  );
  const userId = await signedInUser();
  const items = report.items.filter((i) => i.accountId === userId && !withdrawn.has(i.id));
  await refreshIfCounted();
  if (!items.length) return;
  const general = await notificationSettings.getValue();
  const until = await currentHold(now);
  const plan = planForYou(
    items,
    {
      enabled: general.enabled,
      mentions: await notifyMentions.getValue(),
      highlights: await notifyHighlights.getValue(),
      throughQuiet: await mentionsThroughQuiet.getValue(),
      muted: await mutedChannels.getValue(),
    },
    until !== undefined,
    now,
  );
  if (plan.hold.length && until !== undefined) {
    const held = await heldNotifications.getValue();
    await heldNotifications.setValue({
      since: held?.since ?? now,
      counts: addHeld(
        held?.counts ?? {},
        plan.hold.map((item) => heldKey(item.kind)),
      ),
    });
    await scheduleEnd(until);
  }
  if (!plan.show.length) return;
  const list = await favorites.getValue();
  await Promise.all(
    plan.show.map(async (item) => {
      const favorite = list.find((f) => f.id === item.channelId);
      // A picture at hand or the extension's icon: nothing is fetched on the way.
      const iconUrl = icons.iconFor(twitchImageUrl(favorite?.profileImageUrl));
      const options = {
        type: 'basic' as const,
        title: forYouTitle(item),
        message: forYouMessage(item).slice(0, 300),
        priority: 0,
      };
      try {
        await browser.notifications.create(forYouNotificationId(item.id), { ...options, iconUrl });
      } catch {
        await browser.notifications.create(forYouNotificationId(item.id), {
          ...options,
          iconUrl: browser.runtime.getURL('/icon/128.png'),
        });
      }
    }),
  );
}

/** A click on a "for you" notification: its line on its channel's streamer page. */
export async function openForYouNotification(id: string): Promise<void> {
  const itemId = itemIdOfNotification(id);
  if (!itemId) return;
  void browser.notifications.clear(id);
  const item = await database()
    .forYou.get(itemId)
    .catch(() => undefined);
  if (!item) return openStreamerPage();
  if (item.kind === 'whisper' || !item.channelLogin) {
    await markRead({ ids: [item.id] });
    return openStreamerPage();
  }
  // The streamer page marks it read once it shows the line.
  await openStreamerPage(item.channelLogin, item.messageId);
}

async function markRead(selection: ForYouSelection): Promise<void> {
  const userId = await signedInUser();
  if (!userId) return;
  const changed = await markForYouRead(database(), userId, selection);
  if (changed) await refreshIfCounted();
}

export const forYouFeature: Feature = {
  listen() {
    browser.notifications.onClicked.addListener((id) => {
      if (isForYouNotification(id)) void openForYouNotification(id);
    });
    onMessage('markForYouRead', ({ data }) => inTurn(() => markRead(data)));
    onMessage('openChatLine', async ({ data }) => {
      await openStreamerPage(data.channel, data.line);
      return { ok: true };
    });
    authSession.watch(() => void refreshIfCounted());
  },
};
