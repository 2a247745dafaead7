import type { AuthProfile, FavoriteChannel, ListenerStatus } from '../../lib/settings';
import { MomentPlayer } from '../moment/MomentPlayer';
import { StreamClips } from '../moment/StreamClips';
import { ChatPanel } from './ChatPanel';
import { RecentEvents } from './RecentEvents';
import { StreamerHeader } from './StreamerHeader';

/**
 * Everything about one channel: header, player (live, or a moment of a past broadcast or a clip
 * that a row or Clips asked for), what has been recorded for it, its clips and chat. The
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
          <MomentPlayer channelId={favorite.id} login={favorite.login} host={host} />
          <RecentEvents channelId={favorite.id} accountId={session.userId} />
          <StreamClips channelId={favorite.id} accountId={session.userId} />
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
