import { t } from '../../lib/i18n';

/** Shown while stored settings or data are still being read. */
export function Loading() {
  return <p aria-busy="true">{t('common.loading')}</p>;
}
