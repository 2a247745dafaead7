/**
 * The past broadcast of each stream the page shows events of: one question to the background per
 * stream (which remembers the answers), asked again only in a stream's first minutes while Twitch
 * may not have made its archive yet. The streams may change as often as a list scrolls: a stream
 * whose question is on its way is not asked again, and answers are kept for every stream asked.
 */
import { useEffect, useRef, useState } from 'react';
import {
  EARLY_MISSING_TTL_MS,
  EARLY_STREAM_MS,
  type StreamSpan,
  type VideoLookup,
} from '../../lib/history/moment';
import { sendMessage } from '../../lib/messaging';

export function useStreamVideos(spans: readonly StreamSpan[]): ReadonlyMap<string, VideoLookup> {
  const [lookups, setLookups] = useState<ReadonlyMap<string, VideoLookup>>(new Map());
  const [round, setRound] = useState(0);
  /** Streams whose question is on its way. */
  const asking = useRef(new Set<string>());
  const mounted = useRef(true);
  const again = useRef<ReturnType<typeof setTimeout>>(undefined);
  const key = spans.map((s) => `${s.channelId}:${s.streamId}:${s.startedAt}`).join(',');

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(again.current);
      again.current = undefined;
    };
  }, []);

  useEffect(() => {
    for (const span of spans) {
      const answer = lookups.get(span.streamId);
      const early = Date.now() - span.startedAt < EARLY_STREAM_MS;
      if (asking.current.has(span.streamId)) continue;
      if (answer && (answer.status === 'found' || !early)) continue;
      asking.current.add(span.streamId);
      void sendMessage('streamVideo', {
        channelId: span.channelId,
        streamId: span.streamId,
        startedAt: span.startedAt,
      })
        .then(
          (lookup) => {
            if (!mounted.current) return;
            setLookups((current) => new Map(current).set(span.streamId, lookup));
            if (lookup.status !== 'found' && early && again.current === undefined)
              again.current = setTimeout(() => {
                again.current = undefined;
                setRound((n) => n + 1);
              }, EARLY_MISSING_TTL_MS);
          },
          () => undefined,
        )
        .finally(() => asking.current.delete(span.streamId));
    }
    // Asked when the streams change (or a new round is due), not when answers arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);

  return lookups;
}
