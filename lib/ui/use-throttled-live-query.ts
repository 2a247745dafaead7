/**
 * Like dexie-react-hooks' `useLiveQuery`, but renders at most once per `intervalMs`: under a
 * chat firehose the query's results arrive far faster than anyone can read them. The latest
 * result always wins (trailing edge), so nothing is lost, only batched.
 */
import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'react';

export const DEFAULT_RENDER_INTERVAL_MS = 100;

/**
 * @param key identifies the query (e.g. the channel id); `null` runs nothing. While the results
 *   for a new key are loading, `undefined` is returned.
 */
export function useThrottledLiveQuery<T>(
  key: string | null,
  querier: () => Promise<T>,
  intervalMs = DEFAULT_RENDER_INTERVAL_MS,
): T | undefined {
  const [state, setState] = useState<{ key: string; value: T }>();
  const querierRef = useRef(querier);
  useEffect(() => {
    querierRef.current = querier;
  });

  useEffect(() => {
    if (key === null) return;
    let lastRender = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: { value: T } | undefined;
    const render = () => {
      timer = undefined;
      if (!pending) return;
      const { value } = pending;
      pending = undefined;
      lastRender = Date.now();
      setState({ key, value });
    };
    const subscription = liveQuery(() => querierRef.current()).subscribe({
      next: (value) => {
        pending = { value };
        const wait = lastRender + intervalMs - Date.now();
        if (wait <= 0 && timer === undefined) render();
        else timer ??= setTimeout(render, Math.max(wait, 0));
      },
      error: (error: unknown) => console.error('Live query failed', error),
    });
    return () => {
      subscription.unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key, intervalMs]);

  return state && state.key === key ? state.value : undefined;
}
