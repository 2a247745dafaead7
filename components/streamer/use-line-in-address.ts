/**
 * The recorded chat line the address asks for (`&line=<chat message id>`): "for you" and other
 * lists link to it. Read for each channel shown; "back to live chat" takes it off the address.
 */
import { useCallback, useState } from 'react';

const lineInAddress = () =>
  new URLSearchParams(location.search).get('line')?.trim().slice(0, 100) || undefined;

export function useLineInAddress(channelId: string): {
  line?: string;
  clear(): void;
} {
  const [state, setState] = useState(() => ({ channelId, line: lineInAddress() }));
  // Another channel: what the address says now (switching channels leaves the line behind).
  if (state.channelId !== channelId) setState({ channelId, line: lineInAddress() });
  const clear = useCallback(() => {
    const url = new URL(location.href);
    url.searchParams.delete('line');
    history.replaceState(null, '', url);
    setState({ channelId, line: undefined });
  }, [channelId]);
  return { line: state.channelId === channelId ? state.line : undefined, clear };
}
