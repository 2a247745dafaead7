/**
 * Pictures for notifications, never waited for. A notification is shown at once with the best
 * picture at hand (the favorite's avatar once it has been fetched, else the extension's icon);
 * the avatar is fetched off the notification path, with a time limit and a size limit, and a
 * failure is remembered for a while, so an unreachable or hanging image CDN costs one try every
 * few minutes, not a delay on every notification.
 */
import { singleFlightBy } from './concurrency';

export interface NotificationIconOptions {
  /** The picture to use while the avatar is not at hand. */
  fallback: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long one fetch may take. */
  timeoutMs?: number;
  /** How long a failed avatar is not tried again. */
  retryAfterMs?: number;
  /** The largest avatar taken. */
  maxBytes?: number;
}

const TIMEOUT_MS = 2_000;
const RETRY_AFTER_MS = 10 * 60 * 1000;
const MAX_BYTES = 1024 * 1024;
/** How many avatars are kept at hand (one for each of up to 10 favorites, and a few more). */
const KEPT = 16;

export class NotificationIcons {
  /** The avatars at hand, by address, as data URLs (the most recent few: one per favorite). */
  private readonly ready = new Map<string, string>();
  private readonly failedAt = new Map<string, number>();
  /** One fetch per avatar at a time: asking again while it runs shares it. */
  private readonly fetchOnce = singleFlightBy(async (url: string) => {
    const now = this.options.now ?? Date.now;
    try {
      const dataUrl = await this.load(url);
      this.failedAt.delete(url);
      this.ready.delete(url);
      this.ready.set(url, dataUrl);
      // The oldest goes when there are more than the favorites can use.
      if (this.ready.size > KEPT) this.ready.delete(this.ready.keys().next().value!);
    } catch {
      this.failedAt.set(url, now());
    }
  });

  constructor(private readonly options: NotificationIconOptions) {}

  /** The picture to show now for the avatar at `url`; starts fetching it when it is not at hand. */
  iconFor(url: string | undefined): string {
    const dataUrl = url && this.ready.get(url);
    if (dataUrl) return dataUrl;
    void this.prefetch(url);
    return this.options.fallback();
  }

  /**
   * Fetches the avatar at `url` unless it is at hand, already on its way, or failed recently.
   * Resolves when that attempt is over; it never rejects.
   */
  prefetch(url: string | undefined): Promise<void> {
    if (!url || this.ready.has(url)) return Promise.resolve();
    const now = this.options.now ?? Date.now;
    const failedAt = this.failedAt.get(url);
    if (failedAt !== undefined && now() - failedAt < (this.options.retryAfterMs ?? RETRY_AFTER_MS))
      return Promise.resolve();
    return this.fetchOnce(url);
  }

  /** The image at `url` as a data URL; rejects when it cannot be had or used in time. */
  private async load(url: string): Promise<string> {
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? TIMEOUT_MS);
    const response = await (this.options.fetch ?? fetch)(url, { signal });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    // Notifications take raster images only.
    const type = /^image\/(png|jpeg|gif|webp)/.exec(response.headers.get('content-type') ?? '');
    if (!type) throw new Error('not a raster image');
    const maxBytes = this.options.maxBytes ?? MAX_BYTES;
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body.cancel();
      throw new Error('too large');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel();
        throw new Error('too large');
      }
      chunks.push(value);
    }
    let binary = '';
    for (const chunk of chunks) for (const byte of chunk) binary += String.fromCharCode(byte);
    return `data:${type[0]};base64,${btoa(binary)}`;
  }
}
