/**
 * The words for what the listener reports (`lib/listener-protocol.ts`): why it is in its state,
 * why a subscription is not active, and why Twitch ended the session.
 */
import { t } from '../i18n';
import type { SessionEndReason, StatusDetail, SubscriptionReason } from '../listener-protocol';

/** Why the listener is in its state, in words. */
export function statusDetailWords(detail: StatusDetail): string {
  switch (detail.code) {
    case 'connectionLost':
      return detail.cause
        ? t('listener.connectionLostBecause', [detail.cause])
        : t('listener.connectionLost');
    case 'reconnectFailed':
      return t('listener.connectionLostBecause', [
        detail.cause
          ? t('listener.reconnectFailedBecause', [detail.cause])
          : t('listener.reconnectFailed'),
      ]);
    case 'noClientId':
      return t('errors.noClientIdShort');
    case 'signInToListen':
      return t('listenerState.signInToListen');
    case 'chooseToListen':
      return t('listenerState.chooseToListen');
    case 'couldNotStart':
      return t('listenerState.couldNotStart', [detail.cause]);
  }
}

/** What Twitch's answer with this HTTP status means for a subscription, in words. */
function httpWords(status: number, message: string | undefined): string {
  if (status === 403) return t('listener.refusedAccess');
  if (status === 401) return t('listener.sessionEnded');
  if (status === 409) return t('listener.elsewhere');
  if (status === 429) return t('listener.limit');
  if (status === 400) return t('listener.rejected');
  if (status >= 500) return t('listener.serverError');
  return message || t('errors.httpStatus', [String(status)]);
}

/** Why a subscription is not active, in words. */
export function subscriptionReasonWords(reason: SubscriptionReason): string {
  switch (reason.code) {
    case 'polled':
      return t('listener.polled');
    case 'needsScope':
      return t('listener.needsScope');
    case 'needsModerator':
      return t('listener.needsModerator');
    case 'broadcasterOnly':
      return t('listener.broadcasterOnly');
    case 'http':
      return httpWords(reason.status, reason.message);
    case 'revoked':
      return t('listener.revokedBy', [reason.status.replaceAll('_', ' ')]);
    case 'failed':
      return reason.message || t('listener.failed');
  }
}

/** Why Twitch ended the session, in words (the notification that asks to sign in again). */
export function sessionEndWords(reason: SessionEndReason): string {
  return reason === 'revoked' ? t('listener.revoked') : t('listener.sessionRefused');
}
