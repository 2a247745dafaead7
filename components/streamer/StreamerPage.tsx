import { useEffect } from 'react';
import { authProfile, favorites, listenerStatus } from '../../lib/settings';
import { usePageSeen } from './use-page-seen';
import { usePageKeys } from './use-page-keys';
import { useStorageItem } from '../hooks/use-storage-item';
import { NoFavoritePanel } from './NoFavoritePanel';
import { SignedOutPanel } from './SignedOutPanel';
import { StreamerDashboard } from './StreamerDashboard';

const APP_NAME = 'Companion for Twitch';

/** The full-tab streamer page: follows the active favorite and the session as they change. */
export function StreamerPage() {
  usePageSeen();
  usePageKeys();
  const session = useStorageItem(authProfile);
  const favoriteList = useStorageItem(favorites);
  const status = useStorageItem(listenerStatus);
  const favorite = favoriteList?.[0];

  useEffect(() => {
    document.title = favorite ? `${favorite.displayName} — ${APP_NAME}` : APP_NAME;
  }, [favorite]);

  let body;
  if (session === undefined || favoriteList === undefined) {
    body = (
      <p aria-busy="true" className="p-6 text-zinc-600 dark:text-zinc-400">
        Loading…
      </p>
    );
  } else if (!session) {
    body = <SignedOutPanel />;
  } else if (!favorite) {
    body = <NoFavoritePanel />;
  } else {
    body = (
      <StreamerDashboard key={favorite.id} favorite={favorite} session={session} status={status} />
    );
  }

  return (
    <div className="min-h-screen bg-zinc-50 text-base dark:bg-zinc-950">
      <nav
        aria-label="Companion"
        className="flex items-center gap-2 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <span className="font-semibold">{APP_NAME}</span>
        <a
          href="/options.html"
          className="ml-auto rounded px-2 py-1 text-sm text-twitch-dark underline-offset-2 hover:underline dark:text-violet-300"
        >
          Settings
        </a>
      </nav>
      <main className="mx-auto max-w-[1800px] p-4">{body}</main>
    </div>
  );
}
