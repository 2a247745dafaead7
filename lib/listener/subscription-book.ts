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

/** At most this many re-plans for one listener: the budget only ever shrinks, so a few do. */
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

const keyOf = (channelId: string, entryId: string) => `${channelId}/${entryId}`;

export class SubscriptionBook {
  /** Keyed by channel id and catalog id. */
  private readonly items = new Map<string, SubscriptionItem>();
  /** Twitch's budget as last reported, and what other subscriptions of this user spend. */
  private budget = { max: DEFAULT_MAX_TOTAL_COST, elsewhere: 0 };
  private replans = 0;

  constructor(
    /** The favorites, in order: the first has the highest priority for the cost budget. */
    private readonly channels: readonly BudgetChannel[],
    private readonly scopes: readonly string[],
    private readonly subscribe: Subscribe,
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

  /** What our own subscriptions on Twitch cost now (with `created`, the one just answered). */
  private ownCost(created?: SubscriptionItem): number {
    let cost = 0;
    for (const item of this.items.values())
      if (item === created || item.sub?._twitchId || item.status.status === 'active')
        cost += item.cost;
    return cost;
  }

  /**
   * A Create Subscription answer for `created`: what this user's subscriptions cost now,
   * everywhere. What others spend is that minus our own. Whether the budget changed (then the
   * plan is to be re-made).
   */
  applyTotals(created: SubscriptionItem | undefined, totals: SubscriptionTotals): boolean {
    const elsewhere = Math.max(0, totals.totalCost - this.ownCost(created));
    const max = totals.maxTotalCost;
    if (elsewhere === this.budget.elsewhere && max === this.budget.max) return false;
    this.budget = { max, elsewhere };
    return true;
  }

  /**
   * Twitch refused `item` as over the budget: whatever else this user spends, only what we hold
   * now fits. The item falls to the poll; whether the budget shrank (then the plan is re-made).
   */
  overBudget(item: SubscriptionItem): boolean {
    item.sub?.stop();
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
          item.sub.stop();
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

  /** The socket dropped: what was active waits for the resubscription. */
  suspendActive(): void {
    for (const item of this.items.values()) {
      if (item.status.status === 'active') item.status = { ...item.status, status: 'pending' };
    }
  }

  /** Twitch revoked a subscription of ours (or, before it had an id, of that type). */
  revoke(subscriptionId: string, type: string, twitchStatus: string): void {
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
