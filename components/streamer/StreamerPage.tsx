import { useEffect } from 'react';
import { authProfile, favorites } from '../../lib/settings';
import { usePageSeen } from './use-page-seen';
import { usePageKeys } from './use-page-keys';
import { useListenerStatus } from '../hooks/use-listener-status';
import { useStorageItem } from '../hooks/use-storage-item';
import { ChannelSearch } from './ChannelSearch';
import { ChannelSwitcher } from './ChannelSwitcher';
import { NoFavoritePanel } from './NoFavoritePanel';
import { NoticePanel } from './NoticePanel';
import { useChannelLookup } from './use-channel-lookup';
import { usePageChannel } from './use-page-channel';
import { SignedOutPanel } from './SignedOutPanel';
import { StreamerDashboard } from './StreamerDashboard';
import { t } from '../../lib/i18n';
import type { FavoriteChannel } from '../../lib/settings';
import { Button } from '../common/Button';

/**
 * The full-tab streamer page: any Twitch channel (`?channel=<login>`, else the first favorite),
 * with a switch to the favorites; follows the favorites and the session as they change. A channel
 * that is not a favorite is looked up in the background and can be made one on the spot.
 */
export function StreamerPage() {
  usePageSeen();
  usePageKeys();
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const status = useListenerStatus();
  const { requested, invalid, channel: favorite, select } = usePageChannel(favoriteList);
  const ready = session !== undefined && favoriteList !== undefined;
  const { lookup, retry } = useChannelLookup(ready && session && !favorite ? requested : undefined);
  const found: FavoriteChannel | undefined =
    !favorite && lookup?.status === 'found' ? { ...lookup.channel, addedAt: 0 } : undefined;
  const shown = favorite ?? found;

  const shownName = shown?.displayName;
  useEffect(() => {
    document.title = shownName ? t('streamer.documentTitle', [shownName]) : t('extName');
  }, [shownName]);

  const searchPanel = (id: string, title: string, name: string) => (
    <NoticePanel id={id} title={title}>
      <p>{t('streamer.searchIntro')}</p>
      <ChannelSearch key={name} initial={name} onSelect={select} />
      {favoriteList && favoriteList.length > 0 && (
        <>
          <p>{t('streamer.orFavorite')}</p>
          <ChannelSwitcher favorites={favoriteList} onSelect={select} />
        </>
      )}
    </NoticePanel>
  );

  let body;
  if (!ready || (session && requested && !shown && lookup === undefined)) {
    body = (
      <p aria-busy="true" className="p-6 text-zinc-600 dark:text-zinc-400">
        {ready && requested ? t('streamer.lookingUp', [requested]) : t('common.loading')}
      </p>
    );
  } else if (!session || (!shown && lookup?.status === 'signedOut')) {
    body = <SignedOutPanel />;
  } else if (invalid !== undefined || (!shown && requested && lookup?.status === 'invalid')) {
    const name = invalid ?? requested ?? '';
    body = searchPanel('invalid-channel', t('streamer.invalidChannel', [name]), name);
  } else if (!shown && requested && lookup?.status === 'unknown') {
    body = searchPanel('unknown-channel', t('streamer.unknownChannel', [requested]), requested);
  } else if (!shown && requested) {
    body = (
      <NoticePanel id="channel-error" title={t('streamer.lookupFailed', [requested])}>
        <Button onClick={retry}>{t('streamer.tryAgain')}</Button>
      </NoticePanel>
    );
  } else if (!shown) {
    body = <NoFavoritePanel />;
  } else {
    const isFavorite = favoriteList.some((f) => f.id === shown.id);
    body = (
      <div className="space-y-4">
        <ChannelSwitcher favorites={favoriteList} channel={shown} onSelect={select} />
        <StreamerDashboard
          key={shown.id}
          favorite={shown}
          isFavorite={isFavorite}
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
