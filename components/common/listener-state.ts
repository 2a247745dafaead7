/** How each listener state is named and coloured, wherever the status is shown. */
import type { ConnectionState } from '../../lib/settings';
import { t } from '../../lib/i18n';

export const listenerStateLabel = (): Record<ConnectionState, string> => ({
  not_configured: t('popup.notConfigured.title'),
  signed_out: t('listenerState.signedOut'),
  no_favorite: t('noFavorite.title'),
  starting: t('listenerState.starting'),
  connecting: t('listenerState.connecting'),
  connected: t('listenerState.connected'),
  reconnecting: t('listenerState.reconnecting'),
  error: t('listenerState.error'),
});

/** Tailwind classes for the status dot. */
export const listenerStateDot: Record<ConnectionState, string> = {
  not_configured: 'bg-zinc-400',
  signed_out: 'bg-zinc-400',
  no_favorite: 'bg-zinc-400',
  starting: 'bg-amber-500',
  connecting: 'bg-amber-500',
  connected: 'bg-green-600',
  reconnecting: 'bg-amber-500',
  error: 'bg-red-600',
};
