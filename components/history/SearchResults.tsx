/** The search results: each hit's text with the matched words marked, opening its place. */
import { browser } from 'wxt/browser';
import type { ChannelName } from '../../lib/history/channels';
import { markedParts } from '../../lib/history/marks';
import type { SearchHit } from '../../lib/search/search';
import { t } from '../../lib/i18n';
import { clockTime, dateTime } from '../../lib/wording/format';
import type { SearchState } from './use-search';

/** The streamer page at a chat line. */
export function chatLineUrl(login: string, messageId: string): string {
  const query = new URLSearchParams({ channel: login.toLowerCase(), line: messageId });
  return `${browser.runtime.getURL('/streamer.html')}?${query.toString()}`;
}

function Marked({ hit }: { hit: SearchHit }) {
  return (
    <span className="min-w-0 flex-1 break-words" data-field="hit-text">
      {markedParts(hit.text, hit.matches).map((part, index) =>
        part.marked ? (
          <mark
            key={index}
            className="rounded bg-amber-200 px-0.5 dark:bg-amber-700 dark:text-white"
          >
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  );
}

export function SearchResults({
  state,
  names,
  onOpenEvent,
}: {
  state: SearchState;
  names: ReadonlyMap<string, ChannelName>;
  onOpenEvent: (hit: SearchHit) => void;
}) {
  if (state.status === 'idle') return null;
  if (state.status === 'searching')
    return (
      <p aria-busy="true" className="text-sm text-zinc-600 dark:text-zinc-400">
        {t('history.searching')}
      </p>
    );
  if (state.status === 'failed')
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t('history.searchFailed', [state.error])}
      </p>
    );
  if (state.hits.length === 0)
    return <p className="text-sm">{t('history.noResults', [state.query])}</p>;
  return (
    <ul
      aria-label={t('history.results')}
      className="max-h-80 space-y-1 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {state.hits.map((hit) => {
        const channel = names.get(hit.channelId);
        const where = channel?.displayName ?? hit.channelId;
        const body = (
          <>
            <time
              dateTime={new Date(hit.occurredAt).toISOString()}
              title={dateTime(hit.occurredAt)}
              className="w-20 shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
            >
              {clockTime(hit.occurredAt)}
            </time>
            <span className="shrink-0 text-xs font-semibold">
              {hit.kind === 'chat' ? t('history.chatIn', [where]) : t('history.eventIn', [where])}
            </span>
            <Marked hit={hit} />
          </>
        );
        const rowClass =
          'flex w-full items-baseline gap-2 rounded-md p-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800';
        return (
          <li key={`${hit.kind}:${hit.id}`} data-testid="search-hit" data-hit-kind={hit.kind}>
            {hit.kind === 'chat' && channel ? (
              <a href={chatLineUrl(channel.login, hit.id)} className={rowClass}>
                {body}
              </a>
            ) : hit.kind === 'event' ? (
              <button type="button" onClick={() => onOpenEvent(hit)} className={rowClass}>
                {body}
              </button>
            ) : (
              <span className={rowClass}>{body}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
