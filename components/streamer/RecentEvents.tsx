import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { database } from '../../lib/db/database';
import { momentOf, streamAt, type StreamSpan } from '../../lib/history/moment';
import { channelStreams } from '../moment/stream-queries';
import { useStreamVideos } from '../moment/use-stream-videos';
import { RECENT_EVENTS_LIMIT, oneRowEach, recentEvents } from './streamer-queries';
import { useNow } from '../hooks/use-now';
import { EventRow } from './EventRow';
import { t } from '../../lib/i18n';

/**
 * The favorite channel's 10 most recent events, newest first, live from the database: public
 * ones, and role-only ones only if the signed-in account `accountId` received them; a happening
 * Twitch told twice is one row (the richer record).
 */
export function RecentEvents({
  channelId,
  accountId,
}: {
  channelId: string;
  accountId: string | undefined;
}) {
  const events = useLiveQuery(
    async () =>
      oneRowEach(await recentEvents(database(), channelId, accountId, RECENT_EVENTS_LIMIT * 2)),
    [channelId, accountId],
  );
  const now = useNow();
  // Each row's stream, and that stream's past broadcast: "Watch this moment".
  const spans = useLiveQuery(
    () => channelStreams(database(), channelId, accountId),
    [channelId, accountId],
  );
  const rowStreams = useMemo(
    () => (events ?? []).map((event) => (spans ? streamAt(spans, event.occurredAt) : undefined)),
    [events, spans],
  );
  const streams = useMemo(() => {
    const byId = new Map<string, StreamSpan>();
    for (const span of rowStreams) if (span) byId.set(span.streamId, span);
    return [...byId.values()];
  }, [rowStreams]);
  const videos = useStreamVideos(streams);
  return (
    <section
      aria-labelledby="recent-events-title"
      className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="recent-events-title"
        className="border-b border-zinc-200 px-3 py-2 text-lg font-semibold dark:border-zinc-800"
      >
        {t('streamer.recentEvents')}
      </h2>
      {events === undefined ? (
        <p aria-busy="true" className="px-3 py-4 text-sm text-zinc-600 dark:text-zinc-400">
          {t('streamer.loadingEvents')}
        </p>
      ) : (
        <>
          {/* A polite live region: a screen reader hears each new event once, as it is added,
              without losing its place (removals and the changing times are not announced). */}
          <ol
            aria-label={t('streamer.recentEvents')}
            aria-live="polite"
            aria-relevant="additions"
            aria-atomic="false"
            className="divide-y divide-zinc-100 dark:divide-zinc-800"
          >
            {events.map((event, i) => {
              const span = rowStreams[i];
              const moment = span && momentOf(videos.get(span.streamId), event.occurredAt);
              return <EventRow key={event.id} event={event} now={now} moment={moment} />;
            })}
          </ol>
          {events.length === 0 && (
            <p className="px-3 py-4 text-sm text-zinc-600 dark:text-zinc-400">
              {t('streamer.noEvents')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
