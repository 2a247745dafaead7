/**
 * The past broadcast of each stream the page shows events of: one question to the background per
 * stream (which remembers the answers), asked again only in a stream's first minutes while Twitch
 * may not have made its archive yet.
 */
import { useEffect, useState } from 'react';
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
  const key = spans.map((s) => `${s.channelId}:${s.streamId}:${s.startedAt}`).join(',');

  useEffect(() => {
    let active = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    for (const span of spans) {
      const known = lookups.get(span.streamId);
      const early = Date.now() - span.startedAt < EARLY_STREAM_MS;
      if (known && (known.status === 'found' || !early)) continue;
      void sendMessage('streamVideo', {
        channelId: span.channelId,
        streamId: span.streamId,
        startedAt: span.startedAt,
      }).then(
        (lookup) => {
          if (!active) return;
          setLookups((current) => new Map(current).set(span.streamId, lookup));
          if (lookup.status !== 'found' && early)
            again ??= setTimeout(() => setRound((n) => n + 1), EARLY_MISSING_TTL_MS);
        },
        () => undefined,
      );
    }
    return () => {
      active = false;
      if (again) clearTimeout(again);
    };
    // Asked when the streams change (or a new round is due), not when answers arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);

  return lookups;
}
