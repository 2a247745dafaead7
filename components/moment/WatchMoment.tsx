import type { Moment } from '../../lib/history/moment';
import { t } from '../../lib/i18n';
import { twitchTime, videoWatchUrl } from '../../lib/twitch/videos';
import { useMomentPlayer } from './moment-player';

/**
 * A recorded event's moment in the stream's past broadcast: "Watch this moment" (in the page's
 * player) and the same moment on twitch.tv — or, in words, why there is none.
 */
export function WatchMoment({ channelId, moment }: { channelId: string; moment: Moment }) {
  const player = useMomentPlayer(channelId);
  if (moment.kind !== 'watch') {
    return (
      <span
        data-testid="moment-missing"
        data-moment={moment.kind}
        className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400"
      >
        {moment.kind === 'noVods' ? t('moment.noVods') : t('moment.gone')}
      </span>
    );
  }
  const time = twitchTime(moment.seconds);
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <button
        type="button"
        data-testid="watch-moment"
        data-video={moment.videoId}
        data-seconds={moment.seconds}
        title={t('moment.watchTitle', [time])}
        onClick={() =>
          player.play({ kind: 'video', videoId: moment.videoId, seconds: moment.seconds })
        }
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
