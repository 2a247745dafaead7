/**
 * The listener: for one signed-in user and every favorite channel, subscribes on one socket to
 * the catalog types the user may receive, within Twitch's cost budget (the plan is kept in
 * `subscription-book.ts`), records every notification, and reports its status
 * (`status-reporter.ts`).
 * It runs in the listener host (Chrome: the offscreen document; Firefox: the background page).
 */
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import { TWITCH_EVENTSUB_URL } from '../config';
import type { CompanionDatabase } from '../db/database';
import { EventRecorder } from '../db/recorder';
import { ForYouMatcher } from '../for-you/match';
import { serialQueue } from '../concurrency';
import { sleep } from '../retry';
import type {
  ListenerConfig,
  ListenerSink,
  ListenerStatus,
  StatusDetail,
} from '../listener-protocol';
import {
  createEventSubSubscription,
  getSubscriptionTotals,
  isLimitRefusal,
  type CreateSubscriptionRequest,
  type SubscriptionTotals,
} from '../twitch/helix';
import {
  ReconnectFailedError,
  SingleSocketEventSub,
  type CatalogSubscription,
} from './eventsub-client';
import type { Frame } from '../twitch/frames';
import { ListenerRetries } from './retries';
import { StatusReporter } from './status-reporter';
import { SubscriptionBook } from './subscription-book';
import {
  isWorthRetrying,
  refusalReason,
  statusCodeOf,
  subscriptionStatus,
} from './subscription-status';

export type { ListenerChannel, ListenerConfig, ListenerSink } from '../listener-protocol';

/** Why the socket was lost, as a fact for the status. */
function lostBecause(error: Error | undefined): StatusDetail {
  if (error instanceof ReconnectFailedError)
    return error.socketError
      ? { code: 'reconnectFailed', cause: error.socketError }
      : { code: 'reconnectFailed' };
  return error?.message
    ? { code: 'connectionLost', cause: error.message }
    : { code: 'connectionLost' };
}

/** How long stopping waits for our creations and deletions on their way, at most. */
const STOP_WAIT_MS = 5_000;

/**
 * How often Twitch's totals are looked at again while some type is left to the poll because other
 * subscriptions of this user (another browser) spend part of the budget: when they end, ours grow.
 */
const BUDGET_RECHECK_MS = 5 * 60_000;

export class Listener {
  private readonly eventSub: SingleSocketEventSub;
  readonly apiClient: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly forYou: ForYouMatcher;
  private readonly book: SubscriptionBook;
  private readonly status: StatusReporter;
  private readonly retries = new ListenerRetries();
  /** Cost-1 creations, one after another. */
  private readonly costQueue = serialQueue();
  private stopped = false;
  private budgetTimer: ReturnType<typeof setInterval> | undefined;
  private readonly budgetRecheckMs: number;
  invalidFrames = 0;

  constructor(
    readonly config: ListenerConfig,
    private readonly sink: ListenerSink,
    db: CompanionDatabase,
    options: {
      url?: string;
      /** Called when a batch could not be written, before it is tried again. */
      onWriteError?: (error: unknown) => Promise<void> | void;
      /** How often the budget is looked at again while others spend part of it. */
      budgetRecheckMs?: number;
    } = {},
  ) {
    this.budgetRecheckMs = options.budgetRecheckMs ?? BUDGET_RECHECK_MS;
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
      (request, subscription) => this.createSubscription(request, subscription),
    );
    this.forYou = new ForYouMatcher(config.userId, config.forYou);
    this.recorder = new EventRecorder(db, {
      accountId: config.userId,
      forYou: this.forYou,
      onRecorded: (events, chatCount, forYou) =>
        this.sink({ kind: 'recorded', events, chatCount, ...(forYou ? { forYou } : {}) }),
      onWriteError: options.onWriteError,
    });
    this.book = new SubscriptionBook(
      config.channels,
      config.scopes,
      (channel, entry) =>
        this.eventSub.subscribeCatalog(
          entry,
          entry.condition({ broadcasterId: channel.id, userId: config.userId }),
        ),
      (sub, cost) => this.release(sub, cost),
      config.userId,
    );
    this.status = new StatusReporter(
      {
        state: 'connecting',
        channelIds: config.channels.map((c) => c.id),
      },
      () => this.book.report(),
      (status) => this.sink({ kind: 'status', status }),
    );
    this.wire();
  }

  get sessionId(): string | undefined {
    return this.eventSub.sessionId;
  }

  /** New highlight words or users: matching uses them from the next line on. */
  updateForYou(config: ListenerConfig): void {
    if (config.forYou) this.forYou.update(config.forYou);
  }

  start(): void {
    this.book.plan();
    this.eventSub.start();
    this.status.emit(true);
    this.budgetTimer = setInterval(() => void this.recheckBudget(), this.budgetRecheckMs);
  }

  /**
   * Looks at Twitch's totals again (in turn with our cost-1 creations, so that they are exact)
   * when other subscriptions of this user held part of the budget: what they freed is used.
   */
  private recheckBudget(): Promise<void> {
    if (this.stopped || !this.sessionId || !this.book.mayGrow()) return Promise.resolve();
    return this.costQueue(async () => {
      if (this.stopped) return;
      const totals = await getSubscriptionTotals({
        clientId: this.config.clientId,
        accessToken: this.config.accessToken,
      });
      if (!this.stopped && this.book.applyTotals(totals)) this.replan();
    }).catch(() => undefined);
  }

  /**
   * Creates a subscription on Twitch. Those that cost are created — and deleted — one at a time,
   * so that while an answer is read none of our own is on its way, and its `total_cost` tells
   * exactly what other subscriptions of this user spend. Answers to cost-0 creations may cross
   * ours on the wire, so their totals are not used. A subscription dropped from the plan while
   * it waited is never sent; one dropped while its request was on its way is deleted before the
   * next creation, which may be the same type again.
   */
  private createSubscription(
    request: CreateSubscriptionRequest,
    subscription: CatalogSubscription,
  ) {
    const credentials = { clientId: this.config.clientId, accessToken: this.config.accessToken };
    const item = this.book.itemOf(subscription);
    if (!item || item.cost === 0) return createEventSubSubscription(credentials, request);
    const wanted = () => !this.stopped && item.sub === subscription;
    return this.costQueue(async () => {
      if (!wanted()) throw new Error('dropped from the plan');
      let totals: SubscriptionTotals | undefined;
      const data = await createEventSubSubscription(credentials, request, {
        onTotals: (t) => (totals = t),
      });
      this.book.created(data.id, item.cost);
      if (totals && !this.stopped && this.book.applyTotals(totals)) this.replan();
      if (!wanted()) {
        await this.deleteOwn(data.id);
        throw new Error('dropped from the plan');
      }
      return data;
    });
  }

  /** Deletes one of ours on Twitch; cost-1 ones only in their turn (see createSubscription). */
  private deleteOwn(twitchId: string): Promise<void> {
    return this.deleteOnTwitch(twitchId)
      .catch(() => undefined)
      .finally(() => this.book.gone(twitchId));
  }

  /** A subscription dropped from the plan: twurple lets it go, and if Twitch has it, it is deleted. */
  private release(sub: CatalogSubscription, cost: 0 | 1): void {
    const twitchId = this.eventSub.release(sub);
    if (twitchId) this.giveBack(twitchId, cost);
  }

  /** Deletes one of ours that is no longer wanted; a cost-1 one in its turn. */
  private giveBack(twitchId: string, cost: 0 | 1): void {
    if (cost === 0) void this.deleteOwn(twitchId);
    else void this.costQueue(() => this.deleteOwn(twitchId));
  }

  private replan(): void {
    if (this.stopped) return;
    this.book.replan();
    this.status.emit(true);
  }

  /**
   * Stops listening. With `deleteSubscriptions`, the subscriptions are deleted on Twitch first
   * (before subscribing for another channel); the recorded events are flushed either way.
   */
  async stop(options: { deleteSubscriptions?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearInterval(this.budgetTimer);
    this.retries.stop();
    this.status.stop();
    if (options.deleteSubscriptions) {
      // A creation on its way is deleted once answered, and queued deletions are done, before
      // the next listener spends the budget (within a bound: a stalled request does not hold it).
      await Promise.race([this.costQueue.idle(), sleep(STOP_WAIT_MS)]);
      await Promise.allSettled(this.book.twitchIds().map((id) => this.deleteOnTwitch(id)));
    }
    this.eventSub.stop();
    await this.recorder.flush();
  }

  private deleteOnTwitch(id: string): Promise<void> {
    return this.apiClient.asUser(this.config.userId, (ctx) => ctx.eventSub.deleteSubscription(id));
  }

  /** Resolves when everything received so far is committed. */
  flush(): Promise<void> {
    return this.recorder.flush();
  }

  private wire(): void {
    this.eventSub.onFrame((frame) => this.handleFrame(frame));

    this.eventSub.onUserSocketReady(() => {
      this.retries.connected();
      this.status.set({ state: 'connected', detail: undefined, nextAttemptAt: undefined });
    });
    this.eventSub.onUserSocketDisconnect((_userId, error) => {
      if (this.stopped) return;
      this.book.suspendActive();
      this.status.set({
        state: 'reconnecting',
        detail: lostBecause(error),
        nextAttemptAt: this.retries.nextReconnectAt(),
      });
    });
    this.eventSub.onSubscriptionCreateSuccess((subscription, data) => {
      const item = this.book.itemOf(subscription);
      if (item && item.sub !== (subscription as unknown)) {
        // Dropped from the plan just as it was answered: give the budget back.
        this.giveBack(data.id, item.cost);
        return;
      }
      if (item) item.status = subscriptionStatus(item.channelId, item.entry, 'active');
      this.status.emit();
    });
    this.eventSub.onSubscriptionCreateFailure((subscription, error) => {
      const entry = (subscription as unknown as CatalogSubscription).entry;
      const item = this.book.itemOf(subscription);
      if (statusCodeOf(error) === 401) {
        this.sink({ kind: 'sessionEnded', reason: 'refused' });
        return;
      }
      if (item && item.sub !== (subscription as unknown)) return;
      if (item && item.cost === 1 && isLimitRefusal(error)) {
        // Over the budget: whatever else this user spends, only what we hold now fits. Re-plan
        // (the lowest priorities give way) instead of trying again.
        if (this.book.overBudget(item)) this.replan();
        else this.status.emit();
        return;
      }
      if (item)
        item.status = subscriptionStatus(
          item.channelId,
          entry,
          'refused',
          refusalReason(entry, error),
        );
      // Server errors and rate limits are worth another try once twurple's own retries are spent.
      if (isWorthRetrying(error) && item?.sub) {
        this.retries.retrySubscription(() => {
          if (!this.stopped && item.sub && !item.sub._twitchId) item.sub.start();
        });
      }
      this.status.emit();
    });
  }

  private handleFrame(frame: Frame): void {
    this.status.heard();
    switch (frame.kind) {
      case 'notification':
        this.recorder.add(frame);
        break;
      case 'revocation': {
        this.book.revoke(frame.subscriptionId, frame.type, frame.status);
        if (frame.status === 'authorization_revoked')
          this.sink({ kind: 'sessionEnded', reason: 'revoked' });
        this.status.emit(true);
        return;
      }
      case 'invalid':
        this.invalidFrames += 1;
        console.warn(`Ignored a frame from Twitch: ${frame.reason}`);
        break;
      case 'session':
        break;
    }
    this.status.emit();
  }

  snapshot(): ListenerStatus {
    return this.status.snapshot();
  }
}
