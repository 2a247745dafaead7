/**
 * Desktop notifications for newly recorded events: only enabled kinds, nothing stale, bursts
 * coalesced, never two for one event (the notification id is the event's message id).
 */
import { browser } from 'wxt/browser';
import type { RecordedEvent } from './messaging';
import type { FavoriteChannel, NotificationSettings } from './settings';
import { catalogEntryById, catalogEntryFor, describeEvent, noticeKinds } from './twitch/catalog';
import type { Json } from './twitch/fields';

/** Events older than this when they arrive (sleep, reconnect backlog) do not notify. */
export const STALE_AFTER_MS = 3 * 60 * 1000;
/** More than this many of one kind in a burst become a single notification. */
const COALESCE_OVER = 3;

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

export interface NotificationPlan {
  show: PlannedNotification[];
  /** Notifications folded into a burst notification: they are taken down. */
  clear: string[];
}

/** Events of one kind within this long of each other count as one burst. */
export const BURST_WINDOW_MS = 10_000;

/** A sub gifted as part of a community gift: the community gift's own notice already says it. */
function isPartOfCommunityGift(event: RecordedEvent): boolean {
  const detail = (event.event as Json)[event.noticeType];
  const giftId =
    typeof detail === 'object' && detail !== null ? (detail as Json).community_gift_id : undefined;
  return (
    (event.noticeType === 'sub_gift' || event.noticeType === 'shared_chat_sub_gift') &&
    Boolean(giftId)
  );
}

function kindLabel(kind: string, sample: RecordedEvent): string {
  if (kind.startsWith('channel.chat.notification/')) {
    return noticeKinds[kind.split('/')[1] ?? '']?.label ?? 'Chat notices';
  }
  return (
    catalogEntryById(kind)?.label ?? catalogEntryFor(sample.type, sample.version)?.label ?? kind
  );
}

interface Burst {
  id: string;
  count: number;
  lastAt: number;
  /** Single notifications shown before the burst was recognised. */
  singles: string[];
}

/**
 * Decides which notifications new events raise: only enabled kinds of the favorite channel,
 * nothing stale, and bursts folded into one notification that counts up (30 gifted subs are one
 * notification, even when they arrive over several seconds).
 */
export class NotificationPlanner {
  private readonly bursts = new Map<string, Burst>();

  plan(
    events: RecordedEvent[],
    settings: NotificationSettings,
    favorite: Pick<FavoriteChannel, 'id' | 'displayName'> | null,
    now = Date.now(),
  ): NotificationPlan {
    const plan: NotificationPlan = { show: [], clear: [] };
    if (!settings.enabled || !favorite) return plan;
    const groups = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (event.channelId !== favorite.id) continue;
      if (now - event.occurredAt > STALE_AFTER_MS) continue;
      if (isPartOfCommunityGift(event)) continue;
      const kind = notificationKind(event);
      if (!isKindEnabled(kind, settings)) continue;
      const group = groups.get(kind) ?? [];
      group.push(event);
      groups.set(kind, group);
    }
    for (const [kind, group] of groups) {
      const first = group[0]!;
      const previous = this.bursts.get(kind);
      const burst = previous && now - previous.lastAt <= BURST_WINDOW_MS ? previous : undefined;
      const count = (burst?.count ?? 0) + group.length;
      if (count > COALESCE_OVER) {
        const id = burst && burst.id.startsWith('events:') ? burst.id : `events:${first.id}`;
        plan.show.push({
          id,
          title: favorite.displayName,
          message: `${count} new: ${kindLabel(kind, first).toLowerCase()}`,
          eventIds: group.map((e) => e.id),
        });
        plan.clear.push(...(burst?.singles ?? []));
        this.bursts.set(kind, { id, count, lastAt: now, singles: [] });
        continue;
      }
      const singles = group.map((event) => {
        const { text } = describeEvent(event);
        const id = `event:${event.id}`;
        plan.show.push({ id, title: favorite.displayName, message: text, eventIds: [event.id] });
        return id;
      });
      this.bursts.set(kind, {
        id: burst?.id ?? '',
        count,
        lastAt: now,
        singles: [...(burst?.singles ?? []), ...singles],
      });
    }
    return plan;
  }
}

/** One batch on its own (no earlier bursts): what `NotificationPlanner` would show for it. */
export function planNotifications(
  events: RecordedEvent[],
  settings: NotificationSettings,
  favorite: Pick<FavoriteChannel, 'id' | 'displayName'> | null,
  now = Date.now(),
): PlannedNotification[] {
  return new NotificationPlanner().plan(events, settings, favorite, now).show;
}

/** The extension's own icon, for notifications without a better picture. */
export const appIconUrl = (): string => browser.runtime.getURL('/icon/128.png');

/** Shows the plan's notifications with `iconUrl` (the extension's icon when it is refused). */
export async function showNotifications(plan: NotificationPlan, iconUrl: string): Promise<void> {
  await Promise.all(plan.clear.map((id) => browser.notifications.clear(id)));
  const planned = plan.show;
  const fallback = appIconUrl();
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
