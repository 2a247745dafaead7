/**
 * Desktop notifications for newly recorded events: only enabled kinds, nothing stale, bursts
 * coalesced, never two for one event (the notification id is the event's message id).
 */
import { browser } from 'wxt/browser';
import type { RecordedEvent } from './messaging';
import type { FavoriteChannel, NotificationSettings } from './settings';
import { kindOf, notifiesByDefault } from './twitch/catalog';
import type { Json } from './twitch/fields';
import { TwiceTold, oneRowPerHappening } from './twitch/happenings';
import { describeEvent, labelOf } from './wording';
import { t } from './i18n';
import { count as countText } from './wording/format';

/** Events older than this when they arrive (sleep, reconnect backlog) do not notify. */
export const STALE_AFTER_MS = 3 * 60 * 1000;
/** More than this many of one kind in a burst become a single notification. */
const COALESCE_OVER = 3;

/** Whether events of a kind (see `kindOf`) notify: the user's choice, else the catalog's. */
export function isKindEnabled(kind: string, settings: NotificationSettings): boolean {
  return settings.types[kind] ?? notifiesByDefault(kind);
}

export interface PlannedNotification {
  id: string;
  /** The channel whose events it tells (its title is that channel's name). */
  channelId: string;
  title: string;
  message: string;
  eventIds: string[];
  /** A burst's latest events, newest first (shown as a list where the browser can). */
  items?: { title: string; message: string }[];
}

export interface NotificationPlan {
  show: PlannedNotification[];
  /** Notifications folded into a burst notification: they are taken down. */
  clear: string[];
}

/** Events of one kind that arrived within this long of each other count as one burst. */
export const BURST_WINDOW_MS = 10_000;
/** How many of a burst's latest events a list notification shows. */
const BURST_ITEMS = 5;

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

/**
 * The events that notify: the favorite channel's, enabled kinds, nothing stale, no gift already
 * told by its community gift, and a happening Twitch told twice (a resub notice and its
 * subscription message…) once, by its richer record (see `oneRowPerHappening`). What quiet hours
 * hold back and count is exactly these.
 */
export function notifyingEvents(
  events: RecordedEvent[],
  settings: NotificationSettings,
  channels: readonly Pick<FavoriteChannel, 'id'>[],
  now = Date.now(),
): RecordedEvent[] {
  if (!settings.enabled || channels.length === 0) return [];
  const ids = new Set(channels.map((channel) => channel.id));
  return oneRowPerHappening(
    events.filter(
      (event) =>
        ids.has(event.channelId) &&
        now - event.occurredAt <= STALE_AFTER_MS &&
        !isPartOfCommunityGift(event) &&
        isKindEnabled(kindOf(event), settings),
    ),
  );
}

/** The kind's name ("Incoming raids"), without the label's qualifier. */
function kindName(kind: string): string {
  return labelOf(kind).replace(/\s*\(.*\)$/, '');
}

/** "in the last minute", "in the last 3 minutes": how long a burst has lasted, rounded up. */
function lastMinutes(spanMs: number): string {
  const minutes = Math.max(1, Math.ceil(spanMs / 60_000));
  return t('notify.inLastMinutes', minutes, [countText(minutes)]);
}

interface Burst {
  id: string;
  count: number;
  /** When the burst's first and latest events arrived from Twitch. */
  firstAt: number;
  lastAt: number;
  /** The latest events' descriptions, newest first. */
  latest: string[];
  /** Single notifications shown before the burst was recognised. */
  singles: string[];
}

/** A channel notifications are planned for: its id, and its name as the title. */
export type NotifiedChannel = Pick<FavoriteChannel, 'id' | 'displayName'>;

/** The favorites that notify: every one but those the user muted. */
export function notifiedChannels<T extends NotifiedChannel>(
  favorites: readonly T[],
  muted: readonly string[],
): T[] {
  return favorites.filter((f) => !muted.includes(f.id));
}

/** The event a notification id stands for (the newest of a burst is looked up by the click). */
export function eventIdOfNotification(id: string): string | undefined {
  const match = /^events?:(.+)$/.exec(id);
  return match?.[1];
}

/**
 * Decides which notifications new events raise: only enabled kinds of the favorite channels
 * (each titled with its channel's name, its bursts its own),
 * nothing stale, and bursts folded into one notification that counts up (30 gifted subs are one
 * notification, even when they arrive over several seconds). Bursts are judged by when events
 * arrived from Twitch, never by when they are planned, so a backlog does not turn singles into
 * a burst. A happening Twitch tells twice notifies once: when its other record already notified
 * in an earlier batch, the later one does not notify again.
 */
export class NotificationPlanner {
  private readonly bursts = new Map<string, Burst>();
  /** Happenings Twitch tells twice that notified lately, for their other record. */
  private readonly told = new TwiceTold<RecordedEvent>();

  plan(
    events: RecordedEvent[],
    settings: NotificationSettings,
    favorite: NotifiedChannel | readonly NotifiedChannel[] | null,
    now = Date.now(),
  ): NotificationPlan {
    const plan: NotificationPlan = { show: [], clear: [] };
    const channels = favorite === null ? [] : 'id' in favorite ? [favorite] : favorite;
    const groups = new Map<
      string,
      { channel: NotifiedChannel; kind: string; events: RecordedEvent[] }
    >();
    for (const event of this.told.firstRecords(notifyingEvents(events, settings, channels, now))) {
      const channel = channels.find((c) => c.id === event.channelId)!;
      const kind = kindOf(event);
      const key = `${channel.id}|${kind}`;
      const group = groups.get(key) ?? { channel, kind, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
    for (const [key, { channel, kind, events: group }] of groups) {
      for (const run of runsOf(group)) this.planRun(key, kind, run, channel, plan);
    }
    return plan;
  }

  /** Plans one run of events of `kind` that arrived within the burst window of each other. */
  private planRun(
    key: string,
    kind: string,
    run: RecordedEvent[],
    channel: NotifiedChannel,
    plan: NotificationPlan,
  ): void {
    const { id: channelId, displayName: title } = channel;
    const first = run[0]!;
    const newest = run.at(-1)!;
    const previous = this.bursts.get(key);
    const burst =
      previous && first.receivedAt - previous.lastAt <= BURST_WINDOW_MS ? previous : undefined;
    const count = (burst?.count ?? 0) + run.length;
    const texts = run.map((event) => describeEvent(event).text);
    const latest = [...texts]
      .reverse()
      .concat(burst?.latest ?? [])
      .slice(0, BURST_ITEMS);
    const next: Burst = {
      id: burst?.id ?? '',
      count,
      firstAt: burst?.firstAt ?? first.receivedAt,
      lastAt: newest.receivedAt,
      latest,
      singles: burst?.singles ?? [],
    };
    this.bursts.set(key, next);
    if (count > COALESCE_OVER) {
      next.id = burst?.id.startsWith('events:') ? burst.id : `events:${first.id}`;
      const more = t('notify.more', count - 1, [
        countText(count - 1),
        kindName(kind),
        lastMinutes(next.lastAt - next.firstAt),
      ]);
      plan.show.push({
        id: next.id,
        channelId,
        title,
        message: `${latest[0]} · ${more}`,
        eventIds: run.map((e) => e.id),
        items: latest.map((message) => ({ title: '', message })),
      });
      plan.clear.push(...next.singles);
      next.singles = [];
      return;
    }
    run.forEach((event, i) => {
      const id = `event:${event.id}`;
      plan.show.push({ id, channelId, title, message: texts[i]!, eventIds: [event.id] });
      next.singles.push(id);
    });
  }
}

/** Splits events (in arrival order) where more than the burst window passed between two. */
function runsOf(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const run = runs.at(-1);
    if (run && event.receivedAt - run.at(-1)!.receivedAt <= BURST_WINDOW_MS) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

/** One batch on its own (no earlier bursts): what `NotificationPlanner` would show for it. */
export function planNotifications(
  events: RecordedEvent[],
  settings: NotificationSettings,
  favorite: NotifiedChannel | readonly NotifiedChannel[] | null,
  now = Date.now(),
): PlannedNotification[] {
  return new NotificationPlanner().plan(events, settings, favorite, now).show;
}

/** The extension's own icon, for notifications without a better picture. */
export const appIconUrl = (): string => browser.runtime.getURL('/icon/128.png');

/**
 * Shows the plan's notifications with `iconUrl` (the extension's icon when it is refused); a
 * burst as a list of its latest events where the browser has list notifications.
 */
export async function showNotifications(
  plan: NotificationPlan,
  iconUrl: string,
  { lists }: { lists: boolean },
): Promise<void> {
  await Promise.all(plan.clear.map((id) => browser.notifications.clear(id)));
  const planned = plan.show;
  const fallback = appIconUrl();
  await Promise.all(
    planned.map(async (n) => {
      const base = { title: n.title, message: n.message.slice(0, 300), priority: 0 };
      const options =
        lists && n.items
          ? { ...base, type: 'list' as const, items: n.items }
          : { ...base, type: 'basic' as const };
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
