/** The clips of one stream, asked of the background when the stream changes (and every minute while it is live). */
import { useEffect, useState } from 'react';
import type { ClipsLookup, StreamSpan } from '../../lib/history/moment';
import { sendMessage } from '../../lib/messaging';

const LIVE_REFRESH_MS = 60_000;

export function useStreamClips(span: StreamSpan | undefined): ClipsLookup | undefined {
  const [answer, setAnswer] = useState<{ key: string; lookup: ClipsLookup }>();
  const key = span ? `${span.channelId}:${span.streamId}:${span.endedAt ?? ''}` : '';

  useEffect(() => {
    if (!span) return;
    let active = true;
    const ask = () =>
      void sendMessage('streamClips', {
        channelId: span.channelId,
        startedAt: span.startedAt,
        ...(span.endedAt !== undefined ? { endedAt: span.endedAt } : {}),
      }).then(
        (lookup) => active && setAnswer({ key, lookup }),
        () => active && setAnswer({ key, lookup: { status: 'error' } }),
      );
    ask();
    const timer = span.endedAt === undefined ? setInterval(ask, LIVE_REFRESH_MS) : undefined;
    return () => {
      active = false;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return answer?.key === key ? answer.lookup : undefined;
}
