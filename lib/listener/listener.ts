/**
 * The listener: for one signed-in user and every favorite channel, subscribes on one socket to
 * the catalog types the user may receive, within Twitch's cost budget (see `budget.ts`), records
 * every notification, and reports its status.
 * It runs in the listener host (Chrome: the offscreen document; Firefox: the background page).
 */
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import { TWITCH_EVENTSUB_URL } from '../config';
import type { CompanionDatabase, StoredEvent } from '../db/database';
import { EventRecorder } from '../db/recorder';
import { constantBackoff, fibonacciBackoff } from '../retry';
import type { ListenerStatus, SubscriptionStatus } from '../settings';
import { entriesForRole, eventCatalog, type CatalogEntry, type Role } from '../twitch/catalog';
import { labelOf } from '../wording';
import {
  createEventSubSubscription,
  isLimitRefusal,
  type CreateSubscriptionRequest,
  type SubscriptionTotals,
} from '../twitch/helix';
import {
  DEFAULT_MAX_TOTAL_COST,
  planSubscriptions,
  subscriptionCost,
  type BudgetChannel,
} from './budget';
import { SingleSocketEventSub, type CatalogSubscription } from './eventsub-client';
import type { Frame } from './frames';
import { t } from '../i18n';

export interface ListenerConfig {
  clientId: string;
  accessToken: string;
  scopes: string[];
  userId: string;
  /** The favorites, in order: the first has the highest priority for the cost budget. */
  channels: ListenerChannel[];
}

export type ListenerChannel = BudgetChannel & { role: Role };

/** The reason shown for a type left out of the budget. */
export const POLLED_REASON = t('listener.polled');

/** At most this many re-plans for one listener: the budget only ever shrinks, so a few do. */
const MAX_REPLANS = 20;

export interface ListenerSink {
  status(status: ListenerStatus): void;
  /**
   * Events newly committed, and how many chat lines the same write stored (the listener host
   * counts them for retention; past the host, only events travel).
   */
  recorded(events: StoredEvent[], chatCount?: number): void;
  /** Twitch said the token is no longer valid (401, or access revoked). */
  sessionEnded(reason: string): void;
}

const STATUS_THROTTLE_MS = 1_000;
/** twurple's reconnect backoff: Fibonacci seconds, capped at 120. */
const RECONNECT_BACKOFF = fibonacciBackoff(1000, 120_000);
/** A subscription refused for a rate limit or a server error is tried again after this. */
const SUBSCRIBE_RETRY_BACKOFF = constantBackoff(15_000);

/** Why a subscription was refused, in words a user understands. */
export function refusalReason(entry: CatalogEntry, error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 403) {
    if (entry.role === 'moderator') return t('listener.needsModerator');
    if (entry.role === 'broadcaster') return t('listener.broadcasterOnly');
    return t('listener.refusedAccess');
  }
  if (status === 401) return t('listener.sessionEnded');
  if (status === 409) return t('listener.elsewhere');
  if (status === 429) return t('listener.limit');
  if (status === 400) return t('listener.rejected');
  if (typeof status === 'number' && status >= 500) return t('listener.serverError');
  if (error instanceof Error && /scope/i.test(error.message)) return t('listener.needsScope');
  return error instanceof Error
    ? (error.message.split('\n')[0] ?? t('listener.failed'))
    : t('listener.failed');
}

interface SubscriptionItem {
  channelId: string;
  entry: CatalogEntry;
  cost: 0 | 1;
  sub?: CatalogSubscription;
  status: SubscriptionStatus;
}

const keyOf = (channelId: string, entryId: string) => `${channelId}/${entryId}`;

export class Listener {
  private readonly eventSub: SingleSocketEventSub;
  readonly apiClient: ApiClient;
  private readonly recorder: EventRecorder;
  /** Keyed by channel id and catalog id. */
  private readonly subscriptions = new Map<string, SubscriptionItem>();
  /** Twitch's budget as last reported, and what other subscriptions of this user spend. */
  private budget = { max: DEFAULT_MAX_TOTAL_COST, elsewhere: 0 };
  private replans = 0;
  /** Cost-1 creations, one after another. */
  private costQueue: Promise<unknown> = Promise.resolve();
  private statusState: Omit<ListenerStatus, 'subscriptions' | 'updatedAt'>;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatusAt = 0;
  private reconnectAttempt = 0;
  private retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;
  invalidFrames = 0;

  constructor(
    readonly config: ListenerConfig,
    private readonly sink: ListenerSink,
    db: CompanionDatabase,
    options: {
      url?: string;
      /** Called when a batch could not be written, before it is tried again. */
      onWriteError?: (error: unknown) => Promise<void> | void;
    } = {},
  ) {
    this.apiClient = new ApiClient({
      authProvider: new StaticAuthProvider(config.clientId, config.accessToken, config.scopes),
      logger: { minLevel: 'error' },
    });
    this.eventSub = new SingleSocketEventSub(
      {
        apiClient: this.apiClient,
        url: options.url ?? TWITCH_EVENTSUB_URL,
        logger: { minLevel: 'error' },
      },
      config.userId,
      (request) => this.createSubscription(request),
    );
    this.recorder = new EventRecorder(db, {
      onRecorded: (events, chatCount) => this.sink.recorded(events, chatCount),
      onWriteError: options.onWriteError,
    });
    this.statusState = {
      state: 'connecting',
      channelId: config.channels[0]?.id,
      channelIds: config.channels.map((c) => c.id),
    };
    this.wire();
  }

  get sessionId(): string | undefined {
    return this.eventSub.sessionId;
  }

  start(): void {
    const plan = planSubscriptions(this.config.channels, this.config.scopes, this.budgetLeft());
    const planned = new Set(plan.realtime.map((p) => keyOf(p.channelId, p.entry.id)));
    for (const channel of this.config.channels) {
      const allowed = new Set(entriesForRole(channel.role).map((e) => e.id));
      for (const entry of eventCatalog) {
        const cost = subscriptionCost(entry, channel.role);
        if (!allowed.has(entry.id)) {
          this.refuse(
            channel.id,
            entry,
            entry.role === 'moderator'
              ? t('listener.needsModerator')
              : t('listener.broadcasterOnly'),
          );
        } else if (entry.scope && !this.config.scopes.includes(entry.scope)) {
          this.refuse(channel.id, entry, t('listener.needsScope'));
        } else if (!planned.has(keyOf(channel.id, entry.id))) {
          this.subscriptions.set(keyOf(channel.id, entry.id), {
            channelId: channel.id,
            entry,
            cost,
            status: this.statusOf(channel.id, entry, 'polled', POLLED_REASON),
          });
        }
      }
    }
    // In priority order, so the most important types reach Twitch first.
    for (const { channelId, entry, cost } of plan.realtime) {
      const channel = this.config.channels.find((c) => c.id === channelId)!;
      this.subscriptions.set(keyOf(channelId, entry.id), {
        channelId,
        entry,
        cost,
        sub: this.subscribe(channel, entry),
        status: this.statusOf(channelId, entry, 'pending'),
      });
    }
    this.eventSub.start();
    this.emitStatus(true);
  }

  private subscribe(channel: ListenerChannel, entry: CatalogEntry): CatalogSubscription {
    const ids = { broadcasterId: channel.id, userId: this.config.userId };
    return this.eventSub.subscribeCatalog(entry, entry.condition(ids));
  }

  private statusOf(
    channelId: string,
    entry: CatalogEntry,
    status: SubscriptionStatus['status'],
    reason?: string,
  ): SubscriptionStatus {
    return {
      id: entry.id,
      channelId,
      label: labelOf(entry.id),
      status,
      ...(reason ? { reason } : {}),
    };
  }

  private budgetLeft(): number {
    return Math.max(0, this.budget.max - this.budget.elsewhere);
  }

  /** What our own subscriptions on Twitch cost now. */
  private ownCost(): number {
    let cost = 0;
    for (const item of this.subscriptions.values())
      if (item.sub?._twitchId || item.status.status === 'active') cost += item.cost;
    return cost;
  }

  /** Our subscription of this type and condition. */
  private itemFor(type: string, condition: Record<string, string>): SubscriptionItem | undefined {
    for (const item of this.subscriptions.values()) {
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

  /**
   * Creates a subscription on Twitch. Those that cost are created one at a time, so that each
   * answer's `total_cost` tells exactly what other subscriptions of this user spend (none of ours
   * is on its way meanwhile), and one dropped from the plan while it waited is never sent.
   */
  private createSubscription(request: CreateSubscriptionRequest) {
    const send = () =>
      createEventSubSubscription(
        { clientId: this.config.clientId, accessToken: this.config.accessToken },
        request,
        { onTotals: (totals) => this.onTotals(request.type, request.condition, totals) },
      );
    const item = this.itemFor(request.type, request.condition);
    if (!item || item.cost === 0) return send();
    const run = this.costQueue.then(() => {
      if (this.stopped || this.itemFor(request.type, request.condition) !== item)
        throw new Error('dropped from the plan');
      return send();
    });
    this.costQueue = run.catch(() => undefined);
    return run;
  }

  private itemOf(subscription: unknown): SubscriptionItem | undefined {
    const sub = subscription as CatalogSubscription;
    const channelId =
      sub.condition.broadcaster_user_id ??
      sub.condition.broadcaster_id ?? // channel.ad_break.begin
      sub.condition.to_broadcaster_user_id ??
      sub.condition.from_broadcaster_user_id ??
      '';
    return this.subscriptions.get(keyOf(channelId, sub.entry.id));
  }

  /**
   * A Create Subscription answer: what this user's subscriptions cost now, everywhere. What
   * others spend is that minus our own; when it grew, the plan shrinks to fit.
   */
  private onTotals(type: string, condition: Record<string, string>, totals: SubscriptionTotals) {
    if (this.stopped) return;
    const created = this.itemFor(type, condition);
    let own = 0;
    for (const item of this.subscriptions.values()) {
      if (item === created || item.sub?._twitchId || item.status.status === 'active')
        own += item.cost;
    }
    const elsewhere = Math.max(0, totals.totalCost - own);
    const max = totals.maxTotalCost;
    if (elsewhere !== this.budget.elsewhere || max !== this.budget.max) {
      this.budget = { max, elsewhere };
      this.replan();
    }
  }

  /**
   * The budget changed: the lowest-priority cost-1 types that no longer fit are dropped (deleted
   * on Twitch when they were created) and reported as polled; polled ones that fit now are asked
   * for (a bounded number of times).
   */
  private replan(): void {
    if (this.stopped) return;
    this.replans += 1;
    const plan = planSubscriptions(this.config.channels, this.config.scopes, this.budgetLeft());
    const planned = new Set(plan.realtime.map((p) => keyOf(p.channelId, p.entry.id)));
    const retry: SubscriptionItem[] = [];
    for (const [key, item] of this.subscriptions) {
      if (item.cost === 0) continue;
      const status = item.status.status;
      if (!planned.has(key)) {
        if (item.sub) {
          item.sub.stop();
          item.sub = undefined;
        }
        if (status !== 'refused' && status !== 'revoked')
          item.status = this.statusOf(item.channelId, item.entry, 'polled', POLLED_REASON);
      } else if (!item.sub && status === 'polled' && this.replans <= MAX_REPLANS) {
        retry.push(item);
      }
    }
    for (const item of retry) {
      const channel = this.config.channels.find((c) => c.id === item.channelId);
      if (!channel) continue;
      item.sub = this.subscribe(channel, item.entry);
      item.status = this.statusOf(item.channelId, item.entry, 'pending');
    }
    this.emitStatus(true);
  }

  /** A catalog type this user cannot receive: listed with the reason, never subscribed. */
  private refuse(channelId: string, entry: CatalogEntry, reason: string): void {
    this.subscriptions.set(keyOf(channelId, entry.id), {
      channelId,
      entry,
      cost: 0,
      status: this.statusOf(channelId, entry, 'refused', reason),
    });
  }

  /**
   * Stops listening. With `deleteSubscriptions`, the subscriptions are deleted on Twitch first
   * (before subscribing for another channel); the recorded events are flushed either way.
   */
  async stop(options: { deleteSubscriptions?: boolean } = {}): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (options.deleteSubscriptions) {
      const ids = [...this.subscriptions.values()]
        .map(({ sub }) => sub?._twitchId)
        .filter((id): id is string => Boolean(id));
      await Promise.allSettled(
        ids.map((id) =>
          this.apiClient.asUser(this.config.userId, (ctx) => ctx.eventSub.deleteSubscription(id)),
        ),
      );
    }
    this.eventSub.stop();
    await this.recorder.flush();
  }

  /** Resolves when everything received so far is committed. */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  private wire(): void {
    this.eventSub.onFrame((frame) => this.handleFrame(frame));

    this.eventSub.onUserSocketReady(() => {
      this.reconnectAttempt = 0;
      this.setState({ state: 'connected', detail: undefined, nextAttemptAt: undefined });
    });
    this.eventSub.onUserSocketDisconnect((_userId, error) => {
      if (this.stopped) return;
      const delay = RECONNECT_BACKOFF(this.reconnectAttempt + 1);
      this.reconnectAttempt += 1;
      for (const item of this.subscriptions.values()) {
        if (item.status.status === 'active') item.status = { ...item.status, status: 'pending' };
      }
      this.setState({
        state: 'reconnecting',
        detail: error?.message
          ? t('listener.connectionLostBecause', [error.message])
          : t('listener.connectionLost'),
        nextAttemptAt: Date.now() + delay,
      });
    });
    this.eventSub.onSubscriptionCreateSuccess((subscription, data) => {
      const item = this.itemOf(subscription);
      if (item && item.sub !== (subscription as unknown)) {
        // Dropped from the plan while its request was on its way: give the budget back.
        void this.apiClient
          .asUser(this.config.userId, (ctx) => ctx.eventSub.deleteSubscription(data.id))
          .catch(() => undefined);
        return;
      }
      if (item) item.status = this.statusOf(item.channelId, item.entry, 'active');
      this.emitStatus();
    });
    this.eventSub.onSubscriptionCreateFailure((subscription, error) => {
      const entry = (subscription as unknown as CatalogSubscription).entry;
      const item = this.itemOf(subscription);
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 401) {
        this.sink.sessionEnded(t('listener.sessionRefused'));
        return;
      }
      if (item && item.sub !== (subscription as unknown)) return;
      if (item && item.cost === 1 && isLimitRefusal(error)) {
        // Over the budget: whatever else this user spends, only what we hold now fits. Re-plan
        // (the lowest priorities give way) instead of trying again.
        item.sub?.stop();
        item.sub = undefined;
        item.status = this.statusOf(item.channelId, entry, 'polled', POLLED_REASON);
        const elsewhere = Math.max(0, this.budget.max - this.ownCost());
        if (elsewhere > this.budget.elsewhere) {
          this.budget = { ...this.budget, elsewhere };
          this.replan();
        } else {
          this.emitStatus();
        }
        return;
      }
      if (item)
        item.status = this.statusOf(item.channelId, entry, 'refused', refusalReason(entry, error));
      // Server errors and rate limits are worth another try once twurple's own retries are spent.
      if ((status === 429 || (typeof status === 'number' && status >= 500)) && item?.sub) {
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (!this.stopped && item.sub && !item.sub._twitchId) item.sub.start();
        }, SUBSCRIBE_RETRY_BACKOFF(1));
        this.retryTimers.add(timer);
      }
      this.emitStatus();
    });
  }

  private handleFrame(frame: Frame): void {
    this.statusState.lastMessageAt = Date.now();
    switch (frame.kind) {
      case 'notification':
        this.recorder.add(frame);
        break;
      case 'revocation': {
        for (const item of this.subscriptions.values()) {
          if (
            item.sub?._twitchId === frame.subscriptionId ||
            (!item.sub?._twitchId && item.entry.type === frame.type)
          ) {
            item.status = this.statusOf(
              item.channelId,
              item.entry,
              'revoked',
              t('listener.revokedBy', [frame.status.replaceAll('_', ' ')]),
            );
          }
        }
        if (frame.status === 'authorization_revoked') this.sink.sessionEnded(t('listener.revoked'));
        this.emitStatus(true);
        return;
      }
      case 'invalid':
        this.invalidFrames += 1;
        console.warn(`Ignored a frame from Twitch: ${frame.reason}`);
        break;
      case 'session':
        break;
    }
    this.emitStatus();
  }

  private setState(patch: Partial<Omit<ListenerStatus, 'subscriptions' | 'updatedAt'>>): void {
    this.statusState = { ...this.statusState, ...patch };
    this.emitStatus(true);
  }

  /** Status updates are throttled: a chat firehose must not become a message firehose. */
  private emitStatus(now = false): void {
    if (this.stopped) return;
    const elapsed = Date.now() - this.lastStatusAt;
    if (now || elapsed >= STATUS_THROTTLE_MS) {
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = undefined;
      this.lastStatusAt = Date.now();
      this.sink.status(this.snapshot());
    } else {
      this.statusTimer ??= setTimeout(() => {
        this.statusTimer = undefined;
        this.emitStatus(true);
      }, STATUS_THROTTLE_MS - elapsed);
    }
  }

  snapshot(): ListenerStatus {
    const items = [...this.subscriptions.values()];
    return {
      ...this.statusState,
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
      updatedAt: Date.now(),
    };
  }
}
