/**
 * The EventSub cost budget, shared by every favorite: which subscriptions are real time and which
 * are left to the minute poll.
 *
 * Twitch gives one user of one client id a `max_total_cost` (10) across all their subscriptions,
 * in every browser. Chat types (as the user) and every type of a channel the user moderates or
 * owns cost 0; the public types of any other channel (online, offline, update, raids, shared
 * chat) cost 1 each. So every cost-0 type is planned for every favorite, then the cost-1 types by
 * priority across favorites: `stream.online` for each, then `stream.offline`, then the rest in
 * catalog order. With chat notices, the incoming-raid type comes last: the chat `raid` notice
 * already tells of it at cost 0. The types about the user rather than a channel (whispers) are
 * planned once, under the user's id, at cost 0.
 */
import {
  entriesForRole,
  eventCatalog,
  perUserEntries,
  type CatalogEntry,
  type Role,
} from '../twitch/catalog';

/** Twitch's `max_total_cost`, until an answer says otherwise. */
export const DEFAULT_MAX_TOTAL_COST = 10;

export interface BudgetChannel {
  id: string;
  login: string;
  role: Role;
}

export interface PlannedSubscription {
  channelId: string;
  entry: CatalogEntry;
  cost: 0 | 1;
}

export interface SubscriptionPlan {
  /** Subscribed on the socket, in priority order. */
  realtime: PlannedSubscription[];
  /** Would cost more than the budget left: covered by the minute poll instead. */
  polled: PlannedSubscription[];
  /** What the real-time subscriptions cost. */
  cost: number;
  /** What was left to spend. */
  budget: number;
}

/** The type that tells of incoming raids, and the chat notices that make it redundant. */
const RAID_TO = 'channel.raid.to';
const CHAT_NOTICES = 'channel.chat.notification';

/** What one subscription costs: 0 for chat types and for a channel the user moderates or owns. */
export function subscriptionCost(entry: CatalogEntry, role: Role): 0 | 1 {
  if (role !== 'viewer') return 0;
  return entry.condition({ broadcasterId: 'b', userId: 'u' }).user_id === 'u' ? 0 : 1;
}

function rank(entry: CatalogEntry, chatNotices: boolean): number {
  if (entry.id === 'stream.online') return 0;
  if (entry.id === 'stream.offline') return 1;
  if (entry.id === RAID_TO && chatNotices) return eventCatalog.length + 2;
  return 2 + eventCatalog.indexOf(entry);
}

/**
 * Plans the subscriptions of every channel (in the favorites' order) within `budget`, the cost
 * Twitch still allows this user (`max_total_cost` minus what other subscriptions already spend).
 * Only the types the role allows and the scopes grant are considered. With `userId`, the types
 * about the user (whispers) are planned once, with the user's id as their channel.
 */
export function planSubscriptions(
  channels: readonly BudgetChannel[],
  scopes: readonly string[],
  budget: number,
  userId?: string,
): SubscriptionPlan {
  const granted = (entry: CatalogEntry) => !entry.scope || scopes.includes(entry.scope);
  const chatNotices = eventCatalog.some((e) => e.id === CHAT_NOTICES && granted(e));
  const free: PlannedSubscription[] = [];
  const paid: (PlannedSubscription & { rank: number; order: number })[] = [];
  channels.forEach((channel, order) => {
    for (const entry of entriesForRole(channel.role)) {
      if (entry.perUser || !granted(entry)) continue;
      const cost = subscriptionCost(entry, channel.role);
      const planned = { channelId: channel.id, entry, cost };
      if (cost === 0) free.push(planned);
      else paid.push({ ...planned, rank: rank(entry, chatNotices), order });
    }
  });
  if (userId !== undefined)
    for (const entry of perUserEntries())
      if (granted(entry)) free.push({ channelId: userId, entry, cost: 0 });
  paid.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const left = Math.max(0, Math.floor(budget));
  const strip = ({ channelId, entry, cost }: PlannedSubscription): PlannedSubscription => ({
    channelId,
    entry,
    cost,
  });
  const fits = paid.slice(0, left).map(strip);
  return {
    realtime: [...fits, ...free],
    polled: paid.slice(left).map(strip),
    cost: fits.length,
    budget: left,
  };
}
