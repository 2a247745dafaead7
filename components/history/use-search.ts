/**
 * Results as you type: each query waits until typing pauses, and a newer query cancels the one
 * still running, so stale results never replace newer ones.
 */
import { useEffect, useState } from 'react';
import { database } from '../../lib/db/database';
import { visibleTo } from '../../lib/db/visibility';
import { search, type SearchHit } from '../../lib/search/search';

/** How long typing must pause before the query runs (ms). */
export const SEARCH_DEBOUNCE_MS = 200;

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; query: string; hits: SearchHit[] }
  | { status: 'failed'; query: string; error: string };

export function useSearch(
  query: string,
  channelIds: readonly string[] | undefined,
  accountId: string | undefined,
): SearchState {
  const wanted = query.trim();
  const channels = channelIds?.join(',');
  const key = `${wanted}|${channels}|${accountId}`;
  // The last answer and what it answered: a newer query is still being searched.
  const [state, setState] = useState<{ key: string; state: SearchState }>();
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const db = database();
      search(db, wanted, {
        channelIds: channels === undefined ? undefined : channels.split(',').filter(Boolean),
        signal: controller.signal,
      })
        .then(async (hits) => {
          // Role-only events only to the account that received them (`visibility.ts`).
          const events = await db.events.bulkGet(
            hits.filter((h) => h.kind === 'event').map((h) => h.id),
          );
          const hidden = new Set(
            events.flatMap((e) => (e && !visibleTo(e, accountId) ? [e.id] : [])),
          );
          return hits.filter((h) => h.kind === 'chat' || !hidden.has(h.id));
        })
        .then(
          (hits) => {
            if (!controller.signal.aborted)
              setState({ key, state: { status: 'done', query: wanted, hits } });
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            setState({
              key,
              state: {
                status: 'failed',
                query: wanted,
                error: error instanceof Error ? error.message || error.name : String(error),
              },
            });
          },
        );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [wanted, channels, accountId, key]);
  if (!wanted) return { status: 'idle' };
  return state?.key === key ? state.state : { status: 'searching', query: wanted };
}
