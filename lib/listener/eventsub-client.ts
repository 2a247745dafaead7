/**
 * twurple's EventSubWsListener, adjusted so that one signed-in user holds exactly one socket
 * and no notification is lost.
 *
 * twurple 8.1.4 keys its sockets by the subscription's "auth user", which for stream, update,
 * raid and shared-chat topics is the *broadcaster*: a viewer would open a second socket (two
 * of the three Twitch allows a user). And it turns chat notifications into classes that throw
 * on a `notice_type` they do not know, dropping them silently.
 *
 * So here every subscription is a {@link CatalogSubscription} (type, version and condition
 * straight from the event catalog), every subscription lives on the signed-in user's single
 * socket, and notifications are taken from the socket's raw frames — validated by
 * `parseFrame` and handed over whole — instead of twurple's typed event objects. Each frame is
 * parsed once, here: notifications (nearly every frame of a busy chat) only restart twurple's
 * keepalive watchdog and never reach its own handler, which would log and parse them again.
 * twurple still does what it is good at: connecting, keepalive watchdog, `session_reconnect`
 * handover, backoff, resubscribing after a drop, and Helix calls with rate-limit handling.
 */
import {
  HelixEventSubSubscription,
  type ApiClient,
  type HelixEventSubWebSocketTransportOptions,
} from '@twurple/api';
import { EventSubSubscription, type EventSubBase } from '@twurple/eventsub-base';
import { EventSubWsListener, type EventSubWsConfig } from '@twurple/eventsub-ws';
import type { CatalogEntry, Condition } from '../twitch/catalog';
import { parseFrame, type Frame } from '../twitch/frames';
import type { CreateSubscriptionRequest, EventSubSubscriptionData } from '../twitch/helix';

/** Creates a subscription on Twitch (Helix), retrying as Twitch asks, for `subscription`. */
export type CreateSubscription = (
  request: CreateSubscriptionRequest,
  subscription: CatalogSubscription,
) => Promise<EventSubSubscriptionData>;

// twurple's published types omit this constructor, which takes (data, client).
const SubscriptionData = HelixEventSubSubscription as unknown as new (
  data: EventSubSubscriptionData,
  client: ApiClient,
) => HelixEventSubSubscription;

/** A subscription described by a catalog entry; its data is the raw event, untouched. */
// twurple's published types omit the base constructor, which takes (handler, client).
const SubscriptionBase = EventSubSubscription as unknown as abstract new (
  handler: (event: unknown) => void,
  client: EventSubBase,
) => EventSubSubscription;

export class CatalogSubscription extends SubscriptionBase {
  override readonly _cliName = '';

  constructor(
    handler: (event: unknown) => void,
    client: EventSubBase,
    readonly entry: CatalogEntry,
    readonly condition: Condition,
    private readonly userId: string,
  ) {
    super(handler, client);
  }

  get id(): string {
    return `${this.entry.id}.${Object.values(this.condition).join('.')}`;
  }

  get authUserId(): string {
    return this.userId;
  }

  protected transformData(data: unknown): unknown {
    return data;
  }

  /**
   * Created through `CreateSubscription` rather than twurple's Helix client: in a browser, twurple
   * does not wait for `Ratelimit-Reset` after a 429.
   */
  protected async _subscribe(): Promise<HelixEventSubSubscription> {
    const listener = this._client as unknown as SingleSocketEventSub;
    const transport = (await this._getTransportOptions()) as HelixEventSubWebSocketTransportOptions;
    const data = await listener.createSubscription(
      {
        type: this.entry.type,
        version: this.entry.version,
        condition: this.condition,
        transport: { method: 'websocket', session_id: transport.session_id },
      },
      this,
    );
    return new SubscriptionData(data, listener.apiClient);
  }
}

/**
 * The socket `session_reconnect` asked for was lost before its welcome: twurple connects afresh.
 * `socketError` is the lost socket's own error text, when it had one.
 */
export class ReconnectFailedError extends Error {
  constructor(readonly socketError?: string) {
    super(
      socketError
        ? `the reconnect Twitch asked for failed (${socketError}); connecting afresh`
        : 'the reconnect Twitch asked for failed; connecting afresh',
    );
    this.name = 'ReconnectFailedError';
  }
}

/** One WebSocket of twurple's persistent connection (`@d-fischer/connection`). */
interface WsConnection {
  readonly onDisconnect: (handler: (manually: boolean, reason?: Error) => void) => unknown;
  removeListener(event: unknown): void;
  disconnect(): void;
}

/** twurple's persistent connection: the current socket, and during a handover the old one. */
interface TwurpleConnection {
  /** The event twurple's socket handles frames on. */
  readonly onReceive: unknown;
  /** The event twurple's socket learns of a lost socket on. */
  readonly onDisconnect: unknown;
  emit(event: unknown, ...args: unknown[]): void;
  reconnect(): void;
  acknowledgeSuccessfulReconnect(): void;
  _currentConnection?: WsConnection;
  _previousConnection?: WsConnection;
}

interface TwurpleSocket {
  readonly readyToSubscribe: boolean;
  readonly sessionId: string | undefined;
  start(): void;
  _restartKeepaliveTimer(): void;
  _connection: TwurpleConnection;
  /** Set by `session_reconnect`; while set, a lost socket is not a drop and a welcome does not resubscribe. */
  _reconnectInProgress: boolean;
  _reconnectUrl: string | undefined;
}

/**
 * After `session_reconnect`, how long the superseded socket stays open once the new one is
 * welcomed. The server stops using it at the welcome, so only frames already on their way can
 * still arrive; a browser discards those once the client has closed the socket itself.
 */
const OLD_SOCKET_LINGER_MS = 1_000;

/** How often a stream of notifications restarts the keepalive watchdog, at most. */
const KEEPALIVE_RESTART_EVERY_MS = 1_000;

/** Internal members of EventSubWsListener this class relies on (checked by the tests). */
interface ListenerInternals {
  _sockets: Map<string, TwurpleSocket>;
  _subscriptions: Map<string, EventSubSubscription>;
  _createSocketForUser(userId: string): void;
}

export class SingleSocketEventSub extends EventSubWsListener {
  private readonly frameListeners = new Set<(frame: Frame) => void>();

  /** `session_reconnect` handovers completed, and those that fell back to a fresh connection. */
  readonly handovers = { completed: 0, failed: 0 };

  readonly apiClient: ApiClient;

  constructor(
    config: EventSubWsConfig & { apiClient: ApiClient },
    /** The signed-in user: the only socket is theirs. */
    readonly userId: string,
    readonly createSubscription: CreateSubscription,
  ) {
    super(config);
    this.apiClient = config.apiClient;
  }

  /** Every frame received on the socket (including during a reconnect handover), parsed. */
  onFrame(listener: (frame: Frame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  subscribeCatalog(entry: CatalogEntry, condition: Condition): CatalogSubscription {
    return this._genericSubscribe(
      CatalogSubscription as unknown as new (
        handler: (event: unknown) => void,
        client: EventSubBase,
        entry: CatalogEntry,
        condition: Condition,
        userId: string,
      ) => EventSubSubscription,
      () => undefined,
      this,
      entry,
      condition,
      this.userId,
    ) as unknown as CatalogSubscription;
  }

  /**
   * Lets a subscription go without deleting it on Twitch, where twurple would delete it out of
   * turn: the caller deletes what this returns (Twitch's id, if it was created there).
   */
  release(subscription: CatalogSubscription): string | undefined {
    const twitchId = subscription._twitchId;
    subscription._droppedByTwitch();
    this._dropTwitchSubscription(subscription.id);
    subscription.stop();
    return twitchId;
  }

  get sessionId(): string | undefined {
    return this.internals._sockets.get(this.userId)?.sessionId;
  }

  private get internals(): ListenerInternals {
    return this as unknown as ListenerInternals;
  }

  /** @internal One socket, whoever the subscription's user is. */
  _createSocketForUser(_authUserId: string): void {
    const existing = this.internals._sockets.get(this.userId);
    if (existing) {
      existing.start();
      return;
    }
    const create = EventSubWsListener.prototype as unknown as ListenerInternals;
    create._createSocketForUser.call(this, this.userId);
    const socket = this.internals._sockets.get(this.userId);
    if (!socket) return;
    const connection = socket._connection;
    const emit = connection.emit.bind(connection);
    const handover = this.takeOverHandover(socket);
    let keepaliveRestartedAt = 0;
    connection.emit = (event, ...args) => {
      if (event === connection.onDisconnect) {
        handover.lost(args);
        return emit(event, ...args);
      }
      if (event !== connection.onReceive || typeof args[0] !== 'string')
        return emit(event, ...args);
      const frame = parseFrame(args[0]);
      for (const listener of this.frameListeners) listener(frame);
      if (frame.kind === 'notification') {
        // A notification proves the socket alive, as a keepalive does. twurple's watchdog allows
        // 1.2 × Twitch's keepalive timeout: restarting it at most once a second is plenty.
        const now = Date.now();
        if (now - keepaliveRestartedAt >= KEEPALIVE_RESTART_EVERY_MS) {
          keepaliveRestartedAt = now;
          socket._restartKeepaliveTimer();
        }
        return;
      }
      // twurple needs the session messages and revocations; an invalid frame it cannot parse.
      if (frame.kind === 'invalid') return;
      emit(event, ...args);
      if (frame.kind === 'session' && frame.messageType === 'session_welcome') handover.welcomed();
    };
  }

  /**
   * The `session_reconnect` handover, made indifferent to the superseded socket. twurple (through
   * its persistent connection) treats the old socket closing as a lost connection: when Twitch
   * closes it before the client does (with 4004, 1000, an abrupt cut — its docs leave the timing
   * open), twurple would tear down the *new* socket and resubscribe from scratch, losing what
   * arrives meanwhile. Here, once `session_reconnect` arrives, the old socket's end is only noted:
   * its frames still count (a frame seen on both is stored once, by message id), and it is closed
   * a moment after the new socket's welcome unless Twitch closed it first. If the new socket is
   * lost before its welcome (4007, unreachable, no keepalive), that is a lost connection: twurple
   * starts afresh on Twitch's first URL and resubscribes, and the reason says so.
   */
  private takeOverHandover(socket: TwurpleSocket): {
    /** The current socket was lost (`args`: manually, reason). */
    lost(args: unknown[]): void;
    /** twurple has handled a welcome. */
    welcomed(): void;
  } {
    const connection = socket._connection;
    const reconnect = connection.reconnect.bind(connection);
    /** The superseded socket, while a handover waits for the new socket's welcome. */
    let pending: { old: WsConnection | undefined } | undefined;

    connection.reconnect = () => {
      const old = connection._currentConnection;
      if (old) {
        // Only this socket's end is taken over: its frames keep flowing to twurple's handler.
        old.removeListener(old.onDisconnect);
        old.onDisconnect(() => {
          if (connection._previousConnection === old) connection._previousConnection = undefined;
        });
      }
      pending = { old };
      reconnect();
    };
    connection.acknowledgeSuccessfulReconnect = () => {
      const old = connection._previousConnection;
      connection._previousConnection = undefined;
      if (old) setTimeout(() => old.disconnect(), OLD_SOCKET_LINGER_MS);
    };
    return {
      lost: (args) => {
        if (!pending) return;
        pending.old?.disconnect();
        connection._previousConnection = undefined;
        pending = undefined;
        // twurple now sees a drop: unless the client is stopping, it reconnects to its first URL
        // and resubscribes.
        socket._reconnectInProgress = false;
        socket._reconnectUrl = undefined;
        if (args[0] === true) return; // closed by the client: stopping, not a failed handover
        this.handovers.failed += 1;
        args[1] = new ReconnectFailedError(args[1] instanceof Error ? args[1].message : undefined);
      },
      welcomed: () => {
        if (!pending) return;
        // twurple took the welcome as a reconnect (no resubscribe): the handover is done.
        pending = undefined;
        socket._reconnectInProgress = false;
        this.handovers.completed += 1;
      },
    };
  }

  override _isReadyToSubscribe(_subscription: EventSubSubscription): boolean {
    return this.internals._sockets.get(this.userId)?.readyToSubscribe ?? false;
  }

  override async _getTransportOptionsForSubscription(
    _subscription: EventSubSubscription,
  ): Promise<HelixEventSubWebSocketTransportOptions> {
    const sessionId = this.sessionId;
    if (!sessionId) throw new Error('The EventSub socket is not connected yet');
    return { method: 'websocket', session_id: sessionId };
  }

  override _getSubscriptionsForUser(userId: string): EventSubSubscription[] {
    return userId === this.userId ? [...this.internals._subscriptions.values()] : [];
  }

  /** Notifications are recorded from the raw frames; twurple's typed events are not used. */
  override _handleSingleEventPayload(): void {}
}
