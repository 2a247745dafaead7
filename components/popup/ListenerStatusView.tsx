import { isPolledType } from '../../lib/follows/polled-types';
import { favorites, type ListenerStatus } from '../../lib/settings';
import { useStorageItem } from '../hooks/use-storage-item';
import { listenerStateDot, listenerStateLabel } from '../common/listener-state';
import { useNow } from '../hooks/use-now';
import { t } from '../../lib/i18n';
import { labelOf } from '../../lib/wording';
import { statusDetailWords, subscriptionReasonWords } from '../../lib/wording/listener';
import { count, inSeconds, list, relativeTime } from '../../lib/wording/format';

export function ListenerStatusView({ status }: { status: ListenerStatus }) {
  const now = useNow(5_000);
  const active = status.subscriptions.filter((s) => s.status === 'active');
  const refused = status.subscriptions.filter(
    (s) => s.status === 'refused' || s.status === 'revoked',
  );
  const pending = status.subscriptions.filter((s) => s.status === 'pending');
  const favoriteList = useStorageItem(favorites);
  const nameOf = (channelId: string) =>
    favoriteList?.find((f) => f.id === channelId)?.displayName ?? t('popup.status.anotherChannel');
  // What did not fit the budget: go-lives, offlines and title or category changes the minute poll
  // sees (within a minute); the rest is not received.
  const polled = new Map<string, { poll: string[]; missed: string[] }>();
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
    (isPolledType(s.id) ? lists.poll : lists.missed).push(labelOf(s.id));
    polled.set(s.channelId, lists);
  }
  const withinMinute = [...polled].filter(([, lists]) => lists.poll.length > 0);
  const missed = [...polled].filter(([, lists]) => lists.missed.length > 0);
  const budget = status.budget;
  return (
    <section
      aria-label={t('popup.status.title')}
      className="space-y-1 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-700"
    >
      <p className="flex items-center gap-2">
        <span
          aria-hidden="true"
          className={`inline-block h-2.5 w-2.5 rounded-full ${listenerStateDot[status.state]}`}
        />
        <span data-testid="listener-state" data-state={status.state} className="font-semibold">
          {listenerStateLabel()[status.state]}
        </span>
        {status.state === 'reconnecting' && status.nextAttemptAt !== undefined && (
          <span className="text-zinc-500">
            {status.nextAttemptAt > now
              ? t('popup.status.nextTry', [
                  inSeconds(Math.ceil((status.nextAttemptAt - now) / 1000)),
                ])
              : t('popup.status.tryingNow')}
          </span>
        )}
      </p>
      {status.detail && status.state !== 'connected' && (
        <p className="text-zinc-600 dark:text-zinc-400">{statusDetailWords(status.detail)}</p>
      )}
      {status.lastMessageAt !== undefined && (
        <p className="text-zinc-600 dark:text-zinc-400">
          {t('popup.status.lastMessage', [relativeTime(status.lastMessageAt, now)])}
        </p>
      )}
      {status.subscriptions.length > 0 && (
        <p data-testid="subscription-count">
          {t('popup.status.active', status.subscriptions.length, [
            count(active.length),
            count(status.subscriptions.length),
          ])}
          {pending.length > 0
            ? `, ${t('popup.status.pending', pending.length, [count(pending.length)])}`
            : ''}
        </p>
      )}
      {budget &&
        favoriteList !== undefined &&
        (status.state === 'connected' || status.state === 'connecting') && (
          <div data-testid="realtime-budget" className="text-zinc-700 dark:text-zinc-300">
            <p>
              {t('popup.status.budget', [count(budget.cost + budget.elsewhere), count(budget.max)])}
              {budget.elsewhere > 0
                ? ` ${t('popup.status.budgetElsewhere', [count(budget.elsewhere)])}`
                : ''}
              {polled.size === 0 ? ` — ${t('popup.status.allRealTime')}` : ''}
            </p>
            {withinMinute.length > 0 && (
              <ul aria-label={t('popup.status.withinMinuteList')} className="text-xs">
                {withinMinute.map(([channelId, lists]) => (
                  <li key={channelId}>
                    {t('popup.status.withinMinute', [list(lists.poll), nameOf(channelId)])}
                  </li>
                ))}
              </ul>
            )}
            {missed.length > 0 && (
              <ul aria-label={t('popup.status.notReceivedList')} className="text-xs">
                {missed.map(([channelId, lists]) => (
                  <li key={channelId}>
                    {t('popup.status.notReceived', [list(lists.missed), nameOf(channelId)])}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      {refused.length > 0 && (
        <details>
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
            {t('popup.status.refused', refused.length, [count(refused.length)])}
          </summary>
          <ul
            className="mt-1 max-h-32 space-y-0.5 overflow-auto text-xs"
            aria-label={t('popup.status.refusedList')}
          >
            {refused.map((s) => (
              <li key={`${s.channelId}/${s.id}`}>
                {t('popup.status.refusedItem', [
                  (status.channelIds?.length ?? 1) > 1
                    ? t('popup.status.labelFor', [labelOf(s.id), nameOf(s.channelId)])
                    : labelOf(s.id),
                  s.reason
                    ? subscriptionReasonWords(s.reason)
                    : s.status === 'revoked'
                      ? t('popup.status.revoked')
                      : t('popup.status.unavailable'),
                ])}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
