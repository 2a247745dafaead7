/**
 * The listener: for one signed-in user and one favorite channel, subscribes to every catalog
 * type the user may receive, records every notification, and reports its status.
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
import { createEventSubSubscription } from '../twitch/helix';
import { SingleSocketEventSub, type CatalogSubscription } from './eventsub-client';
import type { Frame } from './frames';

export interface ListenerConfig {
  clientId: string;
  accessToken: string;
  scopes: string[];
  userId: string;
  channel: { id: string; login: string; role: Role };
}

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
    if (entry.role === 'moderator') return 'needs moderator access';
    if (entry.role === 'broadcaster') return 'only the broadcaster can see these';
    return 'Twitch refused access';
  }
  if (status === 401) return 'the Twitch session ended';
  if (status === 409) return 'already subscribed elsewhere';
  if (status === 429) return 'Twitch’s subscription limit was reached';
  if (status === 400) return 'Twitch rejected the request';
  if (typeof status === 'number' && status >= 500) return 'Twitch had a server error';
  if (error instanceof Error && /scope/i.test(error.message))
    return 'needs more access (sign in again to grant it)';
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : 'failed';
}

export class Listener {
  private readonly eventSub: SingleSocketEventSub;
  readonly apiClient: ApiClient;
  private readonly recorder: EventRecorder;
  private readonly subscriptions = new Map<
    string,
    { entry: CatalogEntry; sub?: CatalogSubscription; status: SubscriptionStatus }
  >();
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
      (request) =>
        createEventSubSubscription(
          { clientId: config.clientId, accessToken: config.accessToken },
          request,
        ),
    );
    this.recorder = new EventRecorder(db, {
      onRecorded: (events, chatCount) => this.sink.recorded(events, chatCount),
      onWriteError: options.onWriteError,
    });
    this.statusState = { state: 'connecting', channelId: config.channel.id };
    this.wire();
  }

  get sessionId(): string | undefined {
    return this.eventSub.sessionId;
  }

  start(): void {
    const ids = { broadcasterId: this.config.channel.id, userId: this.config.userId };
    const allowed = new Set(entriesForRole(this.config.channel.role).map((e) => e.id));
    for (const entry of eventCatalog) {
      if (!allowed.has(entry.id)) {
        continue;
      }
      if (entry.scope && !this.config.scopes.includes(entry.scope)) {
        this.refuse(entry, 'needs more access (sign in again to grant it)');
        continue;
      }
      const sub = this.eventSub.subscribeCatalog(entry, entry.condition(ids));
      this.subscriptions.set(entry.id, {
        entry,
        sub,
        status: { id: entry.id, label: labelOf(entry.id), status: 'pending' },
      });
    }
    for (const entry of eventCatalog) {
      if (!allowed.has(entry.id)) {
        this.refuse(
          entry,
          entry.role === 'moderator'
            ? 'needs moderator access'
            : 'only the broadcaster can see these',
        );
      }
    }
    this.eventSub.start();
    this.emitStatus(true);
  }

  /** A catalog type this user cannot receive: listed with the reason, never subscribed. */
  private refuse(entry: CatalogEntry, reason: string): void {
    this.subscriptions.set(entry.id, {
      entry,
      status: { id: entry.id, label: labelOf(entry.id), status: 'refused', reason },
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
        detail: error?.message ? `Connection lost: ${error.message}` : 'Connection lost',
        nextAttemptAt: Date.now() + delay,
      });
    });
    this.eventSub.onSubscriptionCreateSuccess((subscription) => {
      const item = this.subscriptions.get(
        (subscription as unknown as CatalogSubscription).entry.id,
      );
      if (item)
        item.status = { id: item.entry.id, label: labelOf(item.entry.id), status: 'active' };
      this.emitStatus();
    });
    this.eventSub.onSubscriptionCreateFailure((subscription, error) => {
      const entry = (subscription as unknown as CatalogSubscription).entry;
      const item = this.subscriptions.get(entry.id);
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 401) {
        this.sink.sessionEnded('Twitch no longer accepts the session.');
        return;
      }
      if (item)
        item.status = {
          id: entry.id,
          label: labelOf(entry.id),
          status: 'refused',
          reason: refusalReason(entry, error),
        };
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
            item.status = {
              id: item.entry.id,
              label: labelOf(item.entry.id),
              status: 'revoked',
              reason: `revoked by Twitch (${frame.status.replaceAll('_', ' ')})`,
            };
          }
        }
        if (frame.status === 'authorization_revoked')
          this.sink.sessionEnded('Access to Twitch was revoked.');
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
    return {
      ...this.statusState,
      subscriptions: [...this.subscriptions.values()].map((item) => item.status),
      updatedAt: Date.now(),
    };
  }
}
