import { useEffect, useState } from 'react';
import { isConfigured } from '../../lib/config';
import { sendMessage, type ChannelSummary } from '../../lib/messaging';
import { authProfile, favorites, listenerStatus, sessionEndedNotice } from '../../lib/settings';
import { useStorageItem } from '../hooks/use-storage-item';
import { Avatar } from '../common/Avatar';
import { Button } from '../common/Button';
import { FavoriteForm } from './FavoriteForm';
import { LiveNow } from './LiveNow';
import { ListenerStatusView } from './ListenerStatusView';
import { SignInPanel } from './SignInPanel';
import { SnoozeControl } from './SnoozeControl';
import { Loading } from '../common/Loading';

function NotConfigured() {
  return (
    <section role="alert" className="space-y-2 text-sm">
      <h2 className="text-base font-semibold">Not configured</h2>
      <p>
        This build of Companion for Twitch has no Twitch application client id, so it cannot sign
        in.
      </p>
      <p>
        Register an application at dev.twitch.tv, then build again with{' '}
        <code>WXT_TWITCH_CLIENT_ID=&lt;your client id&gt;</code> (see the README, “Use it with your
        own Twitch application”).
      </p>
    </section>
  );
}

export function Popup() {
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const status = useStorageItem(listenerStatus);
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

  let body;
  if (!isConfigured()) body = <NotConfigured />;
  else if (session === undefined || favoriteList === undefined) body = <Loading />;
  else if (!session)
    body = (
      <SignInPanel
        notice={ended ? 'Your Twitch session ended. Sign in again to keep listening.' : undefined}
      />
    );
  else
    body = (
      <div className="space-y-3">
        <div className="flex items-center gap-2">
          <Avatar url={session.profileImageUrl} name={session.displayName} size={28} />
          <p className="flex-1 text-sm">
            Signed in as <strong>{session.displayName}</strong>
          </p>
          <Button variant="secondary" onClick={() => void sendMessage('signOut', undefined)}>
            Sign out
          </Button>
        </div>
        {favorite ? (
          <div className="flex items-center gap-3" data-testid="favorite">
            <Avatar url={favorite.profileImageUrl} name={favorite.displayName} />
            <div className="min-w-0 flex-1">
              <p className="font-semibold">
                {favorite.displayName}{' '}
                {summary?.isLive && (
                  <span className="ml-1 rounded bg-red-600 px-1 text-xs font-bold text-white">
                    LIVE
                  </span>
                )}
                {summary && !summary.isLive && (
                  <span className="ml-1 text-xs text-zinc-500">offline</span>
                )}
              </p>
              {summary?.title && (
                <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{summary.title}</p>
              )}
            </div>
          </div>
        ) : (
          <p className="text-sm">
            Choose the streamer you want to follow. Events are recorded from then on.
          </p>
        )}
        <FavoriteForm current={favorite?.displayName} />
        {status && <ListenerStatusView status={status} />}
        {favorite && <SnoozeControl />}
        <Button
          onClick={() => void sendMessage('openStreamerPage', undefined)}
          disabled={!favorite}
          className="w-full py-2"
        >
          Open streamer page
        </Button>
        <LiveNow profile={session} />
      </div>
    );

  return (
    <main className="w-[360px] space-y-3 p-4 text-base">
      <header className="flex items-center gap-2">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1 className="text-lg font-bold">Companion for Twitch</h1>
      </header>
      {body}
    </main>
  );
}
