import type { Moment } from '../../lib/history/moment';
import { t } from '../../lib/i18n';
import { twitchTime, videoWatchUrl } from '../../lib/twitch/videos';
import { useMomentPlayer } from './moment-player';

/**
 * A recorded event's moment in the stream's past broadcast: "Watch this moment" (in the page's
 * player) and the same moment on twitch.tv — or, in words, why there is none. `compact`: on one
 * line at the end of a row of fixed height (the words cut short, whole in their tooltip);
 * `onPlay` is told after the moment was asked to play.
 */
export function WatchMoment({
  channelId,
  moment,
  compact = false,
  onPlay,
}: {
  channelId: string;
  moment: Moment;
  compact?: boolean;
  onPlay?: () => void;
}) {
  const player = useMomentPlayer(channelId);
  if (moment.kind !== 'watch') {
    const words = moment.kind === 'noVods' ? t('moment.noVods') : t('moment.gone');
    return (
      <span
        data-testid="moment-missing"
        data-moment={moment.kind}
        title={compact ? words : undefined}
        className={`text-xs text-zinc-600 dark:text-zinc-400 ${compact ? 'max-w-[40%] shrink-0 truncate' : 'mt-1 block'}`}
      >
        {words}
      </span>
    );
  }
  const time = twitchTime(moment.seconds);
  return (
    <span
      className={`flex items-center gap-x-3 text-xs ${compact ? 'shrink-0 whitespace-nowrap' : 'mt-1 flex-wrap gap-y-1'}`}
    >
      <button
        type="button"
        data-testid="watch-moment"
        data-video={moment.videoId}
        data-seconds={moment.seconds}
        title={t('moment.watchTitle', [time])}
        onClick={() => {
          player.play({ kind: 'video', videoId: moment.videoId, seconds: moment.seconds });
          onPlay?.();
        }}
        className="rounded font-semibold text-twitch-dark underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-twitch dark:text-violet-300"
      >
        ▶ {t('moment.watch')}
      </button>
      <a
        href={videoWatchUrl(moment.videoId, moment.seconds)}
        target="_blank"
        rel="noreferrer noopener"
        title={t('moment.onTwitchTitle')}
        className="text-zinc-600 underline underline-offset-2 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        {t('moment.onTwitch')}
      </a>
      {moment.subOnly && (
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {t('moment.subOnly')}
        </span>
      )}
    </span>
  );
}
