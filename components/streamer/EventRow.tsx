import { memo } from 'react';
import type { StoredEvent } from '../../lib/db/database';
import type { Moment } from '../../lib/history/moment';
import { WatchMoment } from '../moment/WatchMoment';
import { eventView } from './event-view';
import { t } from '../../lib/i18n';
import { dateTime, relativeTime } from '../../lib/wording/format';

/** One recorded event in words: icon, who did what, the amount, when; its moment in the VOD. */
export const EventRow = memo(function EventRow({
  event,
  now,
  moment,
}: {
  event: StoredEvent;
  now: number;
  /** The event's moment in the stream's past broadcast, when it happened during a stream. */
  moment?: Moment;
}) {
  const view = eventView(event);
  const at = new Date(event.occurredAt);
  const valid = Number.isFinite(at.getTime());
  return (
    <li
      data-event-id={event.id}
      data-event-type={event.type}
      className="flex items-start gap-3 px-3 py-2"
    >
      <span aria-hidden="true" className="w-6 shrink-0 text-center text-lg leading-6">
        {view.icon}
      </span>
      <span className="min-w-0 flex-1 break-words">
        {view.text}
        {event.source === 'poll' && (
          <span
            data-testid="polled-event"
            title={t('streamer.polledEventTitle')}
            className="ml-2 text-xs text-zinc-600 dark:text-zinc-400"
          >
            {t('streamer.polledEvent')}
          </span>
        )}
        {moment && <WatchMoment channelId={event.channelId} moment={moment} />}
      </span>
      {view.amount && (
        <span className="shrink-0 rounded-full bg-twitch/15 px-2 py-0.5 text-xs font-semibold text-twitch-dark dark:bg-twitch/25 dark:text-violet-200">
          {view.amount}
        </span>
      )}
      {valid && (
        <time
          dateTime={at.toISOString()}
          title={dateTime(at)}
          className="shrink-0 text-xs leading-6 text-zinc-600 dark:text-zinc-400"
        >
          {relativeTime(event.occurredAt, now)}
        </time>
      )}
    </li>
  );
});
