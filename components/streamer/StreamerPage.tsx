import { useEffect } from 'react';
import { authProfile, favorites } from '../../lib/settings';
import { usePageSeen } from './use-page-seen';
import { usePageKeys } from './use-page-keys';
import { useListenerStatus } from '../hooks/use-listener-status';
import { useStorageItem } from '../hooks/use-storage-item';
import { ChannelSwitcher } from './ChannelSwitcher';
import { NoFavoritePanel } from './NoFavoritePanel';
import { NoticePanel } from './NoticePanel';
import { usePageChannel } from './use-page-channel';
import { SignedOutPanel } from './SignedOutPanel';
import { StreamerDashboard } from './StreamerDashboard';
import { t } from '../../lib/i18n';

/**
 * The full-tab streamer page: one favorite channel (`?channel=<login>`, else the first), with a
 * switch to the others; follows the favorites and the session as they change.
 */
export function StreamerPage() {
  usePageSeen();
  usePageKeys();
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const status = useListenerStatus();
  const { requested, channel: favorite, select } = usePageChannel(favoriteList);

  useEffect(() => {
    document.title = favorite ? t('streamer.documentTitle', [favorite.displayName]) : t('extName');
  }, [favorite]);

  let body;
  if (session === undefined || favoriteList === undefined) {
    body = (
      <p aria-busy="true" className="p-6 text-zinc-600 dark:text-zinc-400">
        {t('common.loading')}
      </p>
    );
  } else if (!session) {
    body = <SignedOutPanel />;
  } else if (!favorite && requested && favoriteList.length > 0) {
    body = (
      <NoticePanel id="not-a-favorite" title={t('streamer.notAFavorite', [requested])}>
        <p>{t('streamer.pickOne')}</p>
        <ChannelSwitcher favorites={favoriteList} onSelect={select} />
      </NoticePanel>
    );
  } else if (!favorite) {
    body = <NoFavoritePanel />;
  } else {
    body = (
      <div className="space-y-4">
        <ChannelSwitcher favorites={favoriteList} channel={favorite} onSelect={select} />
        <StreamerDashboard
          key={favorite.id}
          favorite={favorite}
          session={session}
          status={status}
        />
      </div>
    );
  }

  return (
    <div className="min-h-screen bg-zinc-50 text-base dark:bg-zinc-950">
      <nav
        aria-label={t('streamer.nav')}
        className="flex items-center gap-2 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <span className="font-semibold">{t('extName')}</span>
        <a
          href="/options.html"
          className="ml-auto rounded px-2 py-1 text-sm text-twitch-dark underline-offset-2 hover:underline dark:text-violet-300"
        >
          {t('streamer.settings')}
        </a>
      </nav>
      <main className="mx-auto max-w-[1800px] p-4">{body}</main>
    </div>
  );
}
