/**
 * The listener's retries: when twurple will reconnect a dropped socket (for the status to say),
 * and trying again a subscription Twitch refused for a rate limit or a server error.
 */
import { constantBackoff, fibonacciBackoff } from '../retry';

/** twurple's reconnect backoff: Fibonacci seconds, capped at 120. */
const RECONNECT_BACKOFF = fibonacciBackoff(1000, 120_000);
/** A subscription refused for a rate limit or a server error is tried again after this. */
const SUBSCRIBE_RETRY_BACKOFF = constantBackoff(15_000);

export class ListenerRetries {
  private reconnectAttempt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /** The socket is up: the next drop starts the backoff over. */
  connected(): void {
    this.reconnectAttempt = 0;
  }

  /** The socket dropped: when twurple's next attempt to reconnect comes (epoch ms). */
  nextReconnectAt(): number {
    const delay = RECONNECT_BACKOFF(this.reconnectAttempt + 1);
    this.reconnectAttempt += 1;
    return Date.now() + delay;
  }

  /** Runs `again` after the subscription retry delay, unless stopped first. */
  retrySubscription(again: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      again();
    }, SUBSCRIBE_RETRY_BACKOFF(1));
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}
