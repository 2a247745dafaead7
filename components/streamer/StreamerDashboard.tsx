import type { AuthProfile, FavoriteChannel, ListenerStatus } from '../../lib/settings';
import { ChatPanel } from './ChatPanel';
import { PlayerEmbed } from './PlayerEmbed';
import { RecentEvents } from './RecentEvents';
import { StreamerHeader } from './StreamerHeader';

/**
 * Everything about one channel: header, player, what has been recorded for it and chat. The
 * listener's state and the recorded chat are a favorite's; any other channel shows what the
 * minute poll recorded, and Twitch's chat.
 */
export function StreamerDashboard({
  favorite,
  isFavorite = true,
  session,
  status,
}: {
  favorite: FavoriteChannel;
  isFavorite?: boolean;
  session: AuthProfile;
  status?: ListenerStatus;
}) {
  const host = location.host;
  return (
    <div className="space-y-4">
      <StreamerHeader
        favorite={favorite}
        accountId={session.userId}
        status={isFavorite ? status : undefined}
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_auto]">
        <div className="min-w-0 space-y-4">
          <PlayerEmbed login={favorite.login} host={host} />
          <RecentEvents channelId={favorite.id} accountId={session.userId} />
        </div>
        <ChatPanel
          login={favorite.login}
          host={host}
          channelId={favorite.id}
          recorded={isFavorite}
          displayName={favorite.displayName}
          canSend={session.scopes.includes('user:write:chat')}
        />
      </div>
    </div>
  );
}
