import { useLiveQuery } from 'dexie-react-hooks';
import { database } from '../../lib/db/database';
import type { StreamClip, StreamSpan } from '../../lib/history/moment';
import { t } from '../../lib/i18n';
import { count, dateTime, relativeTime } from '../../lib/wording/format';
import { useNow } from '../hooks/use-now';
import { useMomentPlayer } from './moment-player';
import { channelStreams } from './stream-queries';
import { useStreamClips } from './use-stream-clips';

/**
 * The region "Clips": the clips made during the channel's current or latest recorded stream,
 * most viewed first, each with its thumbnail, title, creator and views; clicking one plays it
 * in the page's player.
 */
export function StreamClips({
  channelId,
  accountId,
}: {
  channelId: string;
  accountId: string | undefined;
}) {
  const spans = useLiveQuery(
    () => channelStreams(database(), channelId, accountId),
    [channelId, accountId],
  );
  return <ClipsOfStream channelId={channelId} stream={spans && (spans.at(-1) ?? null)} />;
}

/**
 * The region "Clips" of one stream (`null`: no stream recorded; undefined: not read yet), as
 * `StreamClips` shows it.
 */
export function ClipsOfStream({
  channelId,
  stream,
}: {
  channelId: string;
  stream: StreamSpan | null | undefined;
}) {
  const span = stream ?? undefined;
  const lookup = useStreamClips(span);
  const now = useNow();
  const note = (text: string, busy = false) => (
    <p aria-busy={busy || undefined} className="px-3 py-4 text-sm text-zinc-600 dark:text-zinc-400">
      {text}
    </p>
  );
  let body;
  if (stream === undefined) body = note(t('moment.clipsLoading'), true);
  else if (!span) body = note(t('moment.noStream'));
  else if (!lookup) body = note(t('moment.clipsLoading'), true);
  else if (lookup.status !== 'found') body = note(t('moment.clipsUnavailable'));
  else if (lookup.clips.length === 0) body = note(t('moment.noClips'));
  else
    body = (
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-3 p-3">
        {lookup.clips.map((clip) => (
          <ClipCard key={clip.id} channelId={channelId} clip={clip} />
        ))}
      </ul>
    );
  return (
    <section
      aria-labelledby="clips-title"
      data-testid="clips"
      className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-baseline justify-between gap-3 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 id="clips-title" className="text-lg font-semibold">
          {t('moment.clips')}
        </h2>
        {span && (
          <time
            dateTime={new Date(span.startedAt).toISOString()}
            title={dateTime(span.startedAt)}
            className="text-xs text-zinc-600 dark:text-zinc-400"
          >
            {t('moment.clipsOfStream', [relativeTime(span.startedAt, now)])}
          </time>
        )}
      </div>
      {body}
    </section>
  );
}

function ClipCard({ channelId, clip }: { channelId: string; clip: StreamClip }) {
  const player = useMomentPlayer(channelId);
  return (
    <li data-clip-id={clip.id}>
      <button
        type="button"
        aria-label={t('moment.playClip', [clip.title])}
        onClick={() => player.play({ kind: 'clip', slug: clip.id, title: clip.title })}
        className="group block w-full rounded-md text-left focus-visible:outline focus-visible:outline-2 focus-visible:outline-twitch"
      >
        <span className="block aspect-video w-full overflow-hidden rounded-md bg-zinc-200 dark:bg-zinc-800">
          {clip.thumbnailUrl && (
            <img
              src={clip.thumbnailUrl}
              alt=""
              loading="lazy"
              className="h-full w-full object-cover group-hover:opacity-90"
            />
          )}
        </span>
        <span className="mt-1 block truncate text-sm font-semibold">{clip.title}</span>
        <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">
          {t('moment.clipBy', [clip.creatorName])}
          {' · '}
          {t('moment.clipViews', clip.viewCount, [count(clip.viewCount)])}
        </span>
      </button>
    </li>
  );
}
