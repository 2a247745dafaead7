import { NoticePanel } from './NoticePanel';
import { t } from '../../lib/i18n';
import { around, SLOT } from '../common/around';

/** No favorite streamer yet: how to choose one in the toolbar popup. */
export function NoFavoritePanel() {
  const click = around(t('noFavorite.click', [SLOT]));
  const [beforeField, rest] = around(t('noFavorite.under', [SLOT, SLOT]));
  const under = [beforeField, ...around(rest)];
  return (
    <NoticePanel id="no-favorite" title={t('noFavorite.title')}>
      <p>{t('noFavorite.intro')}</p>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          {click[0]}
          <strong>{t('extName')}</strong>
          {click[1]}
        </li>
        <li>
          {under[0]}
          <strong>{t('popup.favorite.label')}</strong>
          {under[1]}
          <strong>{t('common.save')}</strong>
          {under[2]}
        </li>
      </ol>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('noFavorite.updates')}</p>
    </NoticePanel>
  );
}
