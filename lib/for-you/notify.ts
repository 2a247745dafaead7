/**
 * Which "for you" items notify, which are held back for the summary, and which stay silent:
 * pure decisions over the items and the settings (the background shows and holds them).
 */
import { PERSONAL_KINDS, type ForYouItem, type ForYouKind } from '../db/for-you';

/** Items older than this when they arrive (sleep, reconnect backlog) do not notify. */
export const FOR_YOU_STALE_AFTER_MS = 3 * 60 * 1000;

/** The held-back counts' key for a kind: beside the event kinds, told first in the summary. */
export const heldKey = (kind: ForYouKind) => `forYou/${kind}`;

export interface ForYouNotifySettings {
  /** The master switch of every notification. */
  enabled: boolean;
  /** Mentions, replies and whispers. */
  mentions: boolean;
  /** Highlight words and highlight users. */
  highlights: boolean;
  /** Mentions, replies and whispers shown during quiet hours and a snooze. */
  throughQuiet: boolean;
  /** Favorites muted: their highlights do not notify (mentions and replies still do). */
  muted: readonly string[];
}

export interface ForYouPlan {
  show: ForYouItem[];
  /** Held back by quiet hours or a snooze: counted for the summary. */
  hold: ForYouItem[];
}

export const isPersonal = (kind: ForYouKind) => PERSONAL_KINDS.includes(kind);

/** What to do with newly recorded items, given whether notifications are held back now. */
export function planForYou(
  items: readonly ForYouItem[],
  settings: ForYouNotifySettings,
  held: boolean,
  now = Date.now(),
): ForYouPlan {
  const plan: ForYouPlan = { show: [], hold: [] };
  if (!settings.enabled) return plan;
  for (const item of items) {
    if (item.read || item.deleted) continue;
    if (now - item.occurredAt > FOR_YOU_STALE_AFTER_MS) continue;
    const personal = isPersonal(item.kind);
    if (!(personal ? settings.mentions : settings.highlights)) continue;
    if (!personal && settings.muted.includes(item.channelId)) continue;
    if (held && !(personal && settings.throughQuiet)) plan.hold.push(item);
    else plan.show.push(item);
  }
  return plan;
}

/** A "for you" notification's id names its item, so a click still works after a restart. */
export const forYouNotificationId = (itemId: string) => `foryou:${itemId}`;

export function itemIdOfNotification(id: string): string | undefined {
  return /^foryou:(.+)$/.exec(id)?.[1];
}
