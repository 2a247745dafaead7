/**
 * How one subscription is reported: its status line in the listener's status, and why Twitch (or
 * the user's role and access) refused it, in words a user understands.
 */
import type { SubscriptionStatus } from '../settings';
import type { CatalogEntry } from '../twitch/catalog';
import { t } from '../i18n';
import { labelOf } from '../wording';

/** The reason shown for a type left out of the budget. */
export const POLLED_REASON = t('listener.polled');

/** The reason shown for a type whose scope the sign-in did not grant. */
export const MISSING_SCOPE_REASON = t('listener.needsScope');

/** The HTTP status of a failed Helix request, when it has one. */
export const statusCodeOf = (error: unknown): number | undefined =>
  (error as { statusCode?: number }).statusCode;

const isServerError = (status: number | undefined) => typeof status === 'number' && status >= 500;

/** A rate limit or a server error: worth another try once twurple's own retries are spent. */
export const isWorthRetrying = (error: unknown): boolean => {
  const status = statusCodeOf(error);
  return status === 429 || isServerError(status);
};

/** Why a type of a role the user does not have in the channel is not theirs to receive. */
export const roleRefusalReason = (entry: CatalogEntry): string =>
  entry.role === 'moderator' ? t('listener.needsModerator') : t('listener.broadcasterOnly');

/** Why a subscription was refused, in words a user understands. */
export function refusalReason(entry: CatalogEntry, error: unknown): string {
  const status = statusCodeOf(error);
  if (status === 403)
    return entry.role === 'viewer' ? t('listener.refusedAccess') : roleRefusalReason(entry);
  if (status === 401) return t('listener.sessionEnded');
  if (status === 409) return t('listener.elsewhere');
  if (status === 429) return t('listener.limit');
  if (status === 400) return t('listener.rejected');
  if (isServerError(status)) return t('listener.serverError');
  if (error instanceof Error && /scope/i.test(error.message)) return MISSING_SCOPE_REASON;
  return error instanceof Error
    ? (error.message.split('\n')[0] ?? t('listener.failed'))
    : t('listener.failed');
}

/** The status line of one catalog type for one channel. */
export function subscriptionStatus(
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
