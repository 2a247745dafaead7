/**
 * The listener's status as the popup sees it: the connection state, when Twitch last said
 * anything, and every subscription with the budget. Updates are throttled: a chat firehose must
 * not become a message firehose.
 */
import type { ListenerStatus } from '../listener-protocol';

/** The connection part of the status; the subscriptions and the budget come from the plan. */
export type ConnectionStatus = Omit<ListenerStatus, 'subscriptions' | 'updatedAt'>;

const STATUS_THROTTLE_MS = 1_000;

export class StatusReporter {
  private connection: ConnectionStatus;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = 0;
  private stopped = false;

  constructor(
    initial: ConnectionStatus,
    /** The subscriptions and the budget, as they are now. */
    private readonly plan: () => Pick<ListenerStatus, 'subscriptions' | 'budget'>,
    private readonly send: (status: ListenerStatus) => void,
  ) {
    this.connection = initial;
  }

  /** A frame arrived from Twitch (a notification, a keepalive…). */
  heard(): void {
    this.connection.lastMessageAt = Date.now();
  }

  /** The connection changed: reported at once. */
  set(patch: Partial<ConnectionStatus>): void {
    this.connection = { ...this.connection, ...patch };
    this.emit(true);
  }

  /** Reports the status: at once with `now`, else at most once a second. */
  emit(now = false): void {
    if (this.stopped) return;
    const elapsed = Date.now() - this.lastSentAt;
    if (now || elapsed >= STATUS_THROTTLE_MS) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.lastSentAt = Date.now();
      this.send(this.snapshot());
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.emit(true);
      }, STATUS_THROTTLE_MS - elapsed);
    }
  }

  snapshot(): ListenerStatus {
    return { ...this.connection, ...this.plan(), updatedAt: Date.now() };
  }

  /** Nothing is reported after this. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
