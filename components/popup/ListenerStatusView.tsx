import { isPolledType } from '../../lib/follows/poll-events';
import { favorites, type ListenerStatus } from '../../lib/settings';
import { useStorageItem } from '../hooks/use-storage-item';
import { listenerStateDot, listenerStateLabel } from '../common/listener-state';
import { useNow } from '../hooks/use-now';
import { relativeTime } from '../common/time';

export function ListenerStatusView({ status }: { status: ListenerStatus }) {
  const now = useNow(5_000);
  const active = status.subscriptions.filter((s) => s.status === 'active');
  const refused = status.subscriptions.filter(
    (s) => s.status === 'refused' || s.status === 'revoked',
  );
  const pending = status.subscriptions.filter((s) => s.status === 'pending');
  const favoriteList = useStorageItem(favorites);
  const nameOf = (channelId?: string) =>
    favoriteList?.find((f) => f.id === channelId)?.displayName ?? 'another channel';
  // What did not fit the budget: go-lives, offlines and title or category changes the minute poll
  // sees (within a minute); the rest is not received.
  const polled = new Map<string | undefined, { poll: string[]; missed: string[] }>();
  // An incoming raid still arrives as the chat's raid notice (cost 0) when that is active.
  const chatNotices = new Set(
    status.subscriptions
      .filter((s) => s.id === 'channel.chat.notification' && s.status === 'active')
      .map((s) => s.channelId),
  );
  for (const s of status.subscriptions) {
    if (s.status !== 'polled') continue;
    if (s.id === 'channel.raid.to' && chatNotices.has(s.channelId)) continue;
    const lists = polled.get(s.channelId) ?? { poll: [], missed: [] };
    (isPolledType(s.id) ? lists.poll : lists.missed).push(s.label.toLowerCase());
    polled.set(s.channelId, lists);
  }
  const withinMinute = [...polled].filter(([, lists]) => lists.poll.length > 0);
  const missed = [...polled].filter(([, lists]) => lists.missed.length > 0);
  const budget = status.budget;
  return (
    <section
      aria-label="Listener status"
      className="space-y-1 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-700"
    >
      <p className="flex items-center gap-2">
        <span
          aria-hidden="true"
          className={`inline-block h-2.5 w-2.5 rounded-full ${listenerStateDot[status.state]}`}
        />
        <span data-testid="listener-state" data-state={status.state} className="font-semibold">
          {listenerStateLabel[status.state]}
        </span>
        {status.state === 'reconnecting' && status.nextAttemptAt !== undefined && (
          <span className="text-zinc-500">
            {status.nextAttemptAt > now
              ? `next try in ${Math.ceil((status.nextAttemptAt - now) / 1000)} s`
              : 'trying now'}
          </span>
        )}
      </p>
      {status.detail && status.state !== 'connected' && (
        <p className="text-zinc-600 dark:text-zinc-400">{status.detail}</p>
      )}
      {status.lastMessageAt !== undefined && (
        <p className="text-zinc-600 dark:text-zinc-400">
          Twitch last said something {relativeTime(status.lastMessageAt, now)}.
        </p>
      )}
      {status.subscriptions.length > 0 && (
        <p data-testid="subscription-count">
          {active.length} of {status.subscriptions.length} event types active
          {pending.length > 0 ? `, ${pending.length} pending` : ''}
        </p>
      )}
      {budget &&
        favoriteList !== undefined &&
        (status.state === 'connected' || status.state === 'connecting') && (
          <div data-testid="realtime-budget" className="text-zinc-700 dark:text-zinc-300">
            <p>
              Real-time: {budget.cost + budget.elsewhere} of {budget.max}
              {budget.elsewhere > 0 ? ` (${budget.elsewhere} used elsewhere)` : ''}
              {polled.size === 0 ? ' — every event arrives at once' : ''}
            </p>
            {withinMinute.length > 0 && (
              <ul aria-label="Within a minute" className="text-xs">
                {withinMinute.map(([channelId, lists]) => (
                  <li key={channelId ?? ''}>
                    {lists.poll.join(', ')} for {nameOf(channelId)} arrive within a minute
                  </li>
                ))}
              </ul>
            )}
            {missed.length > 0 && (
              <ul aria-label="Not received" className="text-xs">
                {missed.map(([channelId, lists]) => (
                  <li key={channelId ?? ''}>
                    {lists.missed.join(', ')} for {nameOf(channelId)}: not received (over the
                    budget)
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      {refused.length > 0 && (
        <details>
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
            {refused.length} not available
          </summary>
          <ul
            className="mt-1 max-h-32 space-y-0.5 overflow-auto text-xs"
            aria-label="Event types not available"
          >
            {refused.map((s) => (
              <li key={`${s.channelId ?? ''}/${s.id}`}>
                {s.label}
                {(status.channelIds?.length ?? 1) > 1 ? ` (${nameOf(s.channelId)})` : ''}:{' '}
                {s.reason ?? s.status}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
