/**
 * How one subscription is reported: its status line in the listener's status, and why Twitch (or
 * the user's role and access) refused it, as a fact the views word.
 */
import type { SubscriptionReason, SubscriptionStatus } from '../listener-protocol';
import type { CatalogEntry } from '../twitch/catalog';
import { HelixError } from '../twitch/helix';

/** A type left out of the budget. */
export const POLLED: SubscriptionReason = { code: 'polled' };

/** A type whose scope the sign-in did not grant. */
export const MISSING_SCOPE: SubscriptionReason = { code: 'needsScope' };

/** The HTTP status of a failed Helix request, when it has one. */
export const statusCodeOf = (error: unknown): number | undefined =>
  (error as { statusCode?: number }).statusCode;

const isServerError = (status: number | undefined) => typeof status === 'number' && status >= 500;

/** The statuses whose meaning the views word themselves, whatever Twitch said with them. */
const KNOWN_STATUSES = new Set([400, 401, 403, 409, 429]);

/** A rate limit or a server error: worth another try once twurple's own retries are spent. */
export const isWorthRetrying = (error: unknown): boolean => {
  const status = statusCodeOf(error);
  return status === 429 || isServerError(status);
};

/** Why a type of a role the user does not have in the channel is not theirs to receive. */
export const roleRefusal = (entry: CatalogEntry): SubscriptionReason =>
  entry.role === 'moderator' ? { code: 'needsModerator' } : { code: 'broadcasterOnly' };

/** The first line of an error's own text, if it has any. */
const firstLine = (error: unknown): string | undefined =>
  error instanceof Error ? error.message.split('\n')[0] || undefined : undefined;

/** Why a subscription was refused. */
export function refusalReason(entry: CatalogEntry, error: unknown): SubscriptionReason {
  const status = statusCodeOf(error);
  if (status === 403 && entry.role !== 'viewer') return roleRefusal(entry);
  if (status !== undefined && status >= 400) {
    // Twitch's own words only for a status the views have none for.
    return KNOWN_STATUSES.has(status) || isServerError(status)
      ? { code: 'http', status }
      : { code: 'http', status, ...(firstLine(error) ? { message: firstLine(error) } : {}) };
  }
  if (error instanceof Error && /scope/i.test(error.message)) return MISSING_SCOPE;
  // A Helix answer that was not an error but held no subscription: its text is not Twitch's.
  if (error instanceof HelixError) return { code: 'failed' };
  const message = firstLine(error);
  return message ? { code: 'failed', message } : { code: 'failed' };
}

/** The status line of one catalog type for one channel. */
export function subscriptionStatus(
  channelId: string,
  entry: CatalogEntry,
  status: SubscriptionStatus['status'],
  reason?: SubscriptionReason,
): SubscriptionStatus {
  return { id: entry.id, channelId, status, ...(reason ? { reason } : {}) };
}
