import type { AuthProfile, FavoriteChannel, ListenerStatus } from '../../lib/settings';
import { ChatPanel } from './ChatPanel';
import { PlayerEmbed } from './PlayerEmbed';
import { RecentEvents } from './RecentEvents';
import { StreamerHeader } from './StreamerHeader';

/** Everything about one favorite channel: header, player, recent events and chat. */
export function StreamerDashboard({
  favorite,
  session,
  status,
}: {
  favorite: FavoriteChannel;
  session: AuthProfile;
  status?: ListenerStatus;
}) {
  const host = location.host;
  return (
    <div className="space-y-4">
      <StreamerHeader favorite={favorite} accountId={session.userId} status={status} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_auto]">
        <div className="min-w-0 space-y-4">
          <PlayerEmbed login={favorite.login} host={host} />
          <RecentEvents channelId={favorite.id} accountId={session.userId} />
        </div>
        <ChatPanel
          login={favorite.login}
          host={host}
          channelId={favorite.id}
          canSend={session.scopes.includes('user:write:chat')}
        />
      </div>
    </div>
  );
}
