import { PLAYER_SANDBOX } from '../../lib/twitch/embeds';
import { clipEmbedUrl, twitchTime, videoPlayerUrl } from '../../lib/twitch/videos';
import { t } from '../../lib/i18n';
import { Button } from '../common/Button';
import { PlayerEmbed } from '../streamer/PlayerEmbed';
import { useMomentPlayer } from './moment-player';

/**
 * The page's player: the channel live, or — when a row's "Watch this moment" or a clip asked for
 * it — the past broadcast at that moment or the clip, with a way back to live. Without `login`
 * (a page about past streams) there is no live player: nothing until a moment or a clip is
 * chosen, and a way to close it.
 */
export function MomentPlayer({
  channelId,
  login,
  host,
}: {
  channelId: string;
  login?: string;
  host: string;
}) {
  const player = useMomentPlayer(channelId);
  const target = player.target;
  if (!target) return login === undefined ? null : <PlayerEmbed login={login} host={host} />;
  const src =
    target.kind === 'video'
      ? videoPlayerUrl(target.videoId, target.seconds, host)
      : clipEmbedUrl(target.slug, host);
  const caption =
    target.kind === 'video'
      ? t('moment.playingVideo', [twitchTime(target.seconds)])
      : t('moment.playingClip', [target.title]);
  return (
    <div className="space-y-2">
      <div className="aspect-video min-h-[300px] w-full min-w-[400px] overflow-hidden rounded-lg bg-black shadow">
        <iframe
          key={src}
          data-testid="moment-player"
          title={target.kind === 'video' ? t('moment.videoPlayer') : t('moment.clipPlayer')}
          src={src}
          sandbox={PLAYER_SANDBOX}
          allow="autoplay; fullscreen"
          allowFullScreen
          className="h-full w-full border-0"
        />
      </div>
      <div className="flex items-center justify-between gap-3 text-sm">
        <p className="min-w-0 truncate text-zinc-700 dark:text-zinc-300">{caption}</p>
        <Button variant="secondary" onClick={() => player.play(undefined)}>
          {login === undefined ? t('moment.closePlayer') : t('moment.backToLive')}
        </Button>
      </div>
    </div>
  );
}
