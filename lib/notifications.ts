/**
 * Desktop notifications for newly recorded events: only enabled kinds, nothing stale, bursts
 * coalesced, never two for one event (the notification id is the event's message id).
 */
import { browser } from 'wxt/browser';
import type { RecordedEvent } from './messaging';
import type { FavoriteChannel, NotificationSettings } from './settings';
import { catalogEntryById, catalogEntryFor, noticeKinds } from './twitch/catalog';
import type { Json } from './twitch/fields';

/** Events older than this when they arrive (sleep, reconnect backlog) do not notify. */
export const STALE_AFTER_MS = 3 * 60 * 1000;
/** More than this many of one kind in one batch become a single notification. */
export const COALESCE_OVER = 3;

/** The key notification settings use: the catalog id, or the notice kind for chat notices. */
export function notificationKind(
  event: Pick<RecordedEvent, 'type' | 'version' | 'noticeType' | 'event' | 'channelId'>,
): string {
  if (event.type === 'channel.chat.notification')
    return `channel.chat.notification/${event.noticeType || 'unknown'}`;
  if (event.type === 'channel.raid') {
    const to = (event.event as Json).to_broadcaster_user_id;
    return to === event.channelId ? 'channel.raid.to' : 'channel.raid.from';
  }
  return catalogEntryFor(event.type, event.version)?.id ?? event.type;
}

export function isKindEnabled(kind: string, settings: NotificationSettings): boolean {
  const explicit = settings.types[kind];
  if (explicit !== undefined) return explicit;
  if (kind.startsWith('channel.chat.notification/')) {
    return noticeKinds[kind.slice('channel.chat.notification/'.length)]?.notifyByDefault ?? false;
  }
  return catalogEntryById(kind)?.notifyByDefault ?? false;
}

export interface PlannedNotification {
  id: string;
  title: string;
  message: string;
  eventIds: string[];
}

/** Decides which notifications a batch of new events should raise. Pure, so it is tested alone. */
export function planNotifications(
  events: RecordedEvent[],
  settings: NotificationSettings,
  favorite: Pick<FavoriteChannel, 'id' | 'displayName'> | null,
  now = Date.now(),
): PlannedNotification[] {
  if (!settings.enabled || !favorite) return [];
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (event.channelId !== favorite.id) continue;
    if (now - event.occurredAt > STALE_AFTER_MS) continue;
    const kind = notificationKind(event);
    if (!isKindEnabled(kind, settings)) continue;
    const group = groups.get(kind) ?? [];
    group.push(event);
    groups.set(kind, group);
  }
  const planned: PlannedNotification[] = [];
  for (const [kind, group] of groups) {
    const entry = catalogEntryFor(group[0]!.type, group[0]!.version);
    if (group.length > COALESCE_OVER) {
      const label = kind.startsWith('channel.chat.notification/')
        ? (noticeKinds[kind.split('/')[1] ?? '']?.label ?? 'Chat notices')
        : (entry?.label ?? kind);
      planned.push({
        id: `events:${group[0]!.id}`,
        title: favorite.displayName,
        message: `${group.length} new: ${label.toLowerCase()}`,
        eventIds: group.map((e) => e.id),
      });
      continue;
    }
    for (const event of group) {
      const text = entry?.describe(event.event).text ?? `New ${event.type} event`;
      planned.push({
        id: `event:${event.id}`,
        title: favorite.displayName,
        message: text,
        eventIds: [event.id],
      });
    }
  }
  return planned;
}

export async function showNotifications(
  planned: PlannedNotification[],
  iconUrl: string,
): Promise<void> {
  const fallback = browser.runtime.getURL('/icon/128.png');
  await Promise.all(
    planned.map(async (n) => {
      const options = {
        type: 'basic' as const,
        title: n.title,
        message: n.message.slice(0, 300),
        priority: 0,
      };
      try {
        await browser.notifications.create(n.id, { ...options, iconUrl });
      } catch {
        // An avatar the browser cannot use must not cost the notification.
        if (iconUrl !== fallback)
          await browser.notifications.create(n.id, { ...options, iconUrl: fallback });
      }
    }),
  );
}
