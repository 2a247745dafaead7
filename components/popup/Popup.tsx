import { lazy, Suspense, useEffect, useState } from 'react';
import { isConfigured } from '../../lib/config';
import { sendMessage, type ChannelSummary } from '../../lib/messaging';
import { authProfile, favorites, sessionEndedNotice } from '../../lib/settings';
import { useListenerStatus } from '../hooks/use-listener-status';
import { useStorageItem } from '../hooks/use-storage-item';
import { Avatar } from '../common/Avatar';
import { Button } from '../common/Button';
import { FavoriteForm } from './FavoriteForm';
import { LiveNow } from './LiveNow';
import { ListenerStatusView } from './ListenerStatusView';
import { SignInPanel } from './SignInPanel';
import { SnoozeControl } from './SnoozeControl';
import { WhispersLink } from './WhispersLink';
import { Loading } from '../common/Loading';
import { t } from '../../lib/i18n';
import { around, SLOT } from '../common/around';

/**
 * "For you" reads the database: its code (Dexie with it) loads once the popup is on screen, not
 * before (it shows nothing while there is nothing unread).
 */
const ForYouList = lazy(() => import('./ForYouList').then((m) => ({ default: m.ForYouList })));

function NotConfigured() {
  const fix = around(t('popup.notConfigured.fix', [SLOT]));
  return (
    <section role="alert" className="space-y-2 text-sm">
      <h2 className="text-base font-semibold">{t('popup.notConfigured.title')}</h2>
      <p>{t('popup.notConfigured.why')}</p>
      <p>
        {fix[0]}
        <code>{t('popup.notConfigured.command')}</code>
        {fix[1]}
      </p>
    </section>
  );
}

export function Popup() {
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const status = useListenerStatus();
  const ended = useStorageItem(sessionEndedNotice);
  const favorite = favoriteList?.[0];
  // The live status and title of the favorite, asked once per favorite.
  const [loaded, setLoaded] = useState<{ channelId: string; summary: ChannelSummary | null }>();
  const summary = loaded && loaded.channelId === favorite?.id ? loaded.summary : undefined;
  const signedIn = Boolean(session);
  const favoriteId = favorite?.id;

  useEffect(() => {
    if (!signedIn || !favoriteId) return;
    void sendMessage('channelSummary', undefined).then(
      (result) => setLoaded({ channelId: favoriteId, summary: result }),
      () => setLoaded({ channelId: favoriteId, summary: null }),
    );
  }, [signedIn, favoriteId]);

  const signedInAs = around(t('popup.signedInAs', [SLOT]));
  let body;
  if (!isConfigured()) body = <NotConfigured />;
  else if (session === undefined || favoriteList === undefined) body = <Loading />;
  else if (!session) body = <SignInPanel notice={ended ? t('popup.sessionEnded') : undefined} />;
  else
    body = (
      <div className="space-y-3">
        <div className="flex items-center gap-2">
          <Avatar url={session.profileImageUrl} name={session.displayName} size={28} />
          <p className="flex-1 text-sm">
            {signedInAs[0]}
            <strong>{session.displayName}</strong>
            {signedInAs[1]}
          </p>
          <Button variant="secondary" onClick={() => void sendMessage('signOut', undefined)}>
            {t('popup.signOut')}
          </Button>
        </div>
        <Suspense fallback={null}>
          <ForYouList profile={session} />
        </Suspense>
        {favorite ? (
          <div className="flex items-center gap-3" data-testid="favorite">
            <Avatar url={favorite.profileImageUrl} name={favorite.displayName} />
            <div className="min-w-0 flex-1">
              <p className="font-semibold">
                {favorite.displayName}{' '}
                {summary?.isLive && (
                  <span className="ml-1 rounded bg-red-600 px-1 text-xs font-bold text-white">
                    {t('common.live')}
                  </span>
                )}
                {summary && !summary.isLive && (
                  <span className="ml-1 text-xs text-zinc-500">{t('common.offline')}</span>
                )}
              </p>
              {summary?.title && (
                <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{summary.title}</p>
              )}
            </div>
          </div>
        ) : (
          <p className="text-sm">{t('popup.chooseFavorite')}</p>
        )}
        <FavoriteForm current={favorite?.displayName} />
        {status && <ListenerStatusView status={status} />}
        {favorite && <SnoozeControl />}
        <Button
          onClick={() => void sendMessage('openStreamerPage', undefined)}
          disabled={!favorite}
          className="w-full py-2"
        >
          {t('popup.openStreamerPage')}
        </Button>
        <WhispersLink scopes={session.scopes} />
        <Button
          variant="secondary"
          onClick={() => void sendMessage('openHistoryPage', undefined)}
          className="w-full py-2"
        >
          {t('history.open')}
        </Button>
        <LiveNow profile={session} />
      </div>
    );

  return (
    <main className="w-[360px] space-y-3 p-4 text-base">
      <header className="flex items-center gap-2">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1 className="text-lg font-bold">{t('extName')}</h1>
      </header>
      {body}
    </main>
  );
}
