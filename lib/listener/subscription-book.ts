/**
 * The listener's book of subscriptions: every catalog type of every favorite with its cost and
 * its status, and Twitch's cost budget as last reported. It plans what is real time within the
 * budget (see `budget.ts`), re-plans when the budget changes, and finds the entry a Twitch answer
 * is about. Creating and deleting subscriptions on Twitch is the listener's.
 */
import type { ListenerStatus, SubscriptionReason, SubscriptionStatus } from '../listener-protocol';
import type { SubscriptionTotals } from '../twitch/helix';
import { entriesForRole, eventCatalog, perUserEntries, type CatalogEntry } from '../twitch/catalog';
import {
  DEFAULT_MAX_TOTAL_COST,
  planSubscriptions,
  subscriptionCost,
  type BudgetChannel,
} from './budget';
import type { CatalogSubscription } from './eventsub-client';
import { MISSING_SCOPE, POLLED, roleRefusal, subscriptionStatus } from './subscription-status';

/**
 * At most this many re-plans retry polled types, until Twitch's totals show more room: the budget
 * shrinks a step at a time (10 at most), and grows only when a later look finds it freed.
 */
const MAX_REPLANS = 20;

export interface SubscriptionItem {
  channelId: string;
  entry: CatalogEntry;
  cost: 0 | 1;
  sub?: CatalogSubscription;
  status: SubscriptionStatus;
}

/** Subscribes on the socket to one catalog type of one channel. */
export type Subscribe = (channel: BudgetChannel, entry: CatalogEntry) => CatalogSubscription;

/** Ends a subscription dropped from the plan, and deletes it on Twitch if it was created there. */
export type Release = (sub: CatalogSubscription, cost: 0 | 1) => void;

const keyOf = (channelId: string, entryId: string) => `${channelId}/${entryId}`;

export class SubscriptionBook {
  /** Keyed by channel id and catalog id. */
  private readonly items = new Map<string, SubscriptionItem>();
  /** Twitch's budget as last reported, and what other subscriptions of this user spend. */
  private budget = { max: DEFAULT_MAX_TOTAL_COST, elsewhere: 0 };
  private replans = 0;
  /**
   * Our subscriptions that exist on Twitch now, by Twitch's id, with their cost: added when a
   * creation is answered, removed when a deletion is answered, a revocation arrives or the socket
   * is lost (Twitch disables them). What the user spends elsewhere is Twitch's total less these.
   */
  private readonly onTwitch = new Map<string, 0 | 1>();

  constructor(
    /** The favorites, in order: the first has the highest priority for the cost budget. */
    private readonly channels: readonly BudgetChannel[],
    private readonly scopes: readonly string[],
    private readonly subscribe: Subscribe,
    private readonly release: Release,
    /** The signed-in user: the types about them (whispers) are listed once, under their id. */
    private readonly userId?: string,
  ) {}

  /** A channel of the plan, or the user's own for the types about them. */
  private channelOf(channelId: string): BudgetChannel | undefined {
    return (
      this.channels.find((c) => c.id === channelId) ??
      (channelId === this.userId ? { id: channelId, login: '', role: 'viewer' } : undefined)
    );
  }

  /**
   * The first plan: every catalog type of every channel is listed — refused (with the reason),
   * left to the poll, or subscribed, the most important first so that they reach Twitch first.
   */
  plan(): void {
    const plan = this.planNow();
    const planned = new Set(plan.realtime.map((p) => keyOf(p.channelId, p.entry.id)));
    if (this.userId !== undefined)
      for (const entry of perUserEntries())
        if (entry.scope && !this.scopes.includes(entry.scope))
          this.refuse(this.userId, entry, MISSING_SCOPE);
    for (const channel of this.channels) {
      const allowed = new Set(entriesForRole(channel.role).map((e) => e.id));
      for (const entry of eventCatalog) {
        if (entry.perUser) continue;
        const cost = subscriptionCost(entry, channel.role);
        if (!allowed.has(entry.id)) {
          this.refuse(channel.id, entry, roleRefusal(entry));
        } else if (entry.scope && !this.scopes.includes(entry.scope)) {
          this.refuse(channel.id, entry, MISSING_SCOPE);
        } else if (!planned.has(keyOf(channel.id, entry.id))) {
          this.items.set(keyOf(channel.id, entry.id), {
            channelId: channel.id,
            entry,
            cost,
            status: subscriptionStatus(channel.id, entry, 'polled', POLLED),
          });
        }
      }
    }
    // In priority order, so the most important types reach Twitch first.
    for (const { channelId, entry, cost } of plan.realtime) {
      const channel = this.channelOf(channelId)!;
      this.items.set(keyOf(channelId, entry.id), {
        channelId,
        entry,
        cost,
        sub: this.subscribe(channel, entry),
        status: subscriptionStatus(channelId, entry, 'pending'),
      });
    }
  }

  /** A catalog type this user cannot receive: listed with the reason, never subscribed. */
  private refuse(channelId: string, entry: CatalogEntry, reason: SubscriptionReason): void {
    this.items.set(keyOf(channelId, entry.id), {
      channelId,
      entry,
      cost: 0,
      status: subscriptionStatus(channelId, entry, 'refused', reason),
    });
  }

  /** The ids Twitch gave our subscriptions. */
  twitchIds(): string[] {
    return [...this.items.values()]
      .map(({ sub }) => sub?._twitchId)
      .filter((id): id is string => Boolean(id));
  }

  /** Our subscription of this type and condition. */
  itemFor(type: string, condition: Record<string, string>): SubscriptionItem | undefined {
    for (const item of this.items.values()) {
      const sub = item.sub;
      if (
        sub &&
        item.entry.type === type &&
        Object.entries(condition).every(([k, v]) => sub.condition[k] === v)
      )
        return item;
    }
    return undefined;
  }

  /** The entry a subscription of the socket stands for. */
  itemOf(subscription: unknown): SubscriptionItem | undefined {
    const sub = subscription as CatalogSubscription;
    const channelId =
      sub.condition.broadcaster_user_id ??
      sub.condition.broadcaster_id ?? // channel.ad_break.begin
      sub.condition.to_broadcaster_user_id ??
      sub.condition.from_broadcaster_user_id ??
      sub.condition.user_id ?? // the types about the user: whispers
      '';
    return this.items.get(keyOf(channelId, sub.entry.id));
  }

  private planNow() {
    return planSubscriptions(this.channels, this.scopes, this.budgetLeft(), this.userId);
  }

  private budgetLeft(): number {
    return Math.max(0, this.budget.max - this.budget.elsewhere);
  }

  /**
   * Whether a later look at Twitch's totals could make more real time: some type is left to the
   * poll while other subscriptions of this user spend part of the budget.
   */
  mayGrow(): boolean {
    if (this.budget.elsewhere === 0) return false;
    for (const item of this.items.values()) if (item.status.status === 'polled') return true;
    return false;
  }

  /** Twitch answered the creation of one of ours: it exists there, with its id. */
  created(twitchId: string, cost: 0 | 1): void {
    this.onTwitch.set(twitchId, cost);
  }

  /** One of ours is gone from Twitch (deleted or revoked). */
  gone(twitchId: string): void {
    this.onTwitch.delete(twitchId);
  }

  /** What our own subscriptions on Twitch cost now. */
  private ownCost(): number {
    let cost = 0;
    for (const c of this.onTwitch.values()) cost += c;
    return cost;
  }

  /**
   * What this user's subscriptions cost now, everywhere, as an answer of Twitch's says. What others
   * spend is that minus our own, so it is only exact while none of our cost-1 creations or
   * deletions is on its way (the listener sees to that). Whether the budget changed (then the plan
   * is to be re-made).
   */
  applyTotals(totals: SubscriptionTotals): boolean {
    const elsewhere = Math.max(0, totals.totalCost - this.ownCost());
    const max = totals.maxTotalCost;
    if (elsewhere === this.budget.elsewhere && max === this.budget.max) return false;
    if (max - elsewhere > this.budgetLeft()) this.replans = 0;
    this.budget = { max, elsewhere };
    return true;
  }

  /**
   * Twitch refused `item` as over the budget: whatever else this user spends, only what we hold
   * now fits. The item falls to the poll; whether the budget shrank (then the plan is re-made).
   */
  overBudget(item: SubscriptionItem): boolean {
    if (item.sub) this.release(item.sub, item.cost);
    item.sub = undefined;
    item.status = subscriptionStatus(item.channelId, item.entry, 'polled', POLLED);
    const elsewhere = Math.max(0, this.budget.max - this.ownCost());
    if (elsewhere <= this.budget.elsewhere) return false;
    this.budget = { ...this.budget, elsewhere };
    return true;
  }

  /**
   * The budget changed: the lowest-priority cost-1 types that no longer fit are dropped (deleted
   * on Twitch when they were created) and reported as polled; polled ones that fit now are asked
   * for (a bounded number of times).
   */
  replan(): void {
    this.replans += 1;
    const plan = this.planNow();
    const planned = new Set(plan.realtime.map((p) => keyOf(p.channelId, p.entry.id)));
    const retry: SubscriptionItem[] = [];
    for (const [key, item] of this.items) {
      if (item.cost === 0) continue;
      const status = item.status.status;
      if (!planned.has(key)) {
        if (item.sub) {
          this.release(item.sub, item.cost);
          item.sub = undefined;
        }
        if (status !== 'refused' && status !== 'revoked')
          item.status = subscriptionStatus(item.channelId, item.entry, 'polled', POLLED);
      } else if (!item.sub && status === 'polled' && this.replans <= MAX_REPLANS) {
        retry.push(item);
      }
    }
    for (const item of retry) {
      const channel = this.channelOf(item.channelId);
      if (!channel) continue;
      item.sub = this.subscribe(channel, item.entry);
      item.status = subscriptionStatus(item.channelId, item.entry, 'pending');
    }
  }

  /** The socket dropped: Twitch disabled ours; what was active waits for the resubscription. */
  suspendActive(): void {
    this.onTwitch.clear();
    for (const item of this.items.values()) {
      if (item.status.status === 'active') item.status = { ...item.status, status: 'pending' };
    }
  }

  /** Twitch revoked a subscription of ours (or, before it had an id, of that type). */
  revoke(subscriptionId: string, type: string, twitchStatus: string): void {
    this.onTwitch.delete(subscriptionId);
    for (const item of this.items.values()) {
      if (
        item.sub?._twitchId === subscriptionId ||
        (!item.sub?._twitchId && item.entry.type === type)
      ) {
        item.status = subscriptionStatus(item.channelId, item.entry, 'revoked', {
          code: 'revoked',
          status: twitchStatus,
        });
      }
    }
  }

  /** The subscriptions and the budget, for the listener's status. */
  report(): Pick<ListenerStatus, 'subscriptions' | 'budget'> {
    const items = [...this.items.values()];
    return {
      subscriptions: items.map((item) => item.status),
      budget: {
        max: this.budget.max,
        elsewhere: this.budget.elsewhere,
        cost: items.reduce(
          (n, item) =>
            n +
            (item.status.status === 'active' || item.status.status === 'pending' ? item.cost : 0),
          0,
        ),
      },
    };
  }
}
