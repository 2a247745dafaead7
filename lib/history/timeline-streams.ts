/**
 * The streams of the timeline as "Watch this moment" and Clips need them (`StreamSpan`: Twitch's
 * stream id, its `started_at`, its recorded end), from the go-lives and go-offlines the timeline
 * read — in its range and just before it. Pure, and linear in the events read.
 */
import type { StoredEvent } from '../db/database';
import { streamSpans, type StreamSpan } from './moment';
import type { StreamGroup, TimelineData } from './timeline';

/** Each stream of each channel the timeline read, by Twitch's stream id. */
export function timelineStreams(data: TimelineData): Map<string, StreamSpan> {
  const byChannel = new Map<string, StoredEvent[]>();
  const add = (e: StoredEvent) => {
    if (e.type !== 'stream.online' && e.type !== 'stream.offline') return;
    let rows = byChannel.get(e.channelId);
    if (!rows) byChannel.set(e.channelId, (rows = []));
    rows.push(e);
  };
  for (const rows of data.before.values()) rows.forEach(add);
  data.events.forEach(add);
  const spans = new Map<string, StreamSpan>();
  for (const rows of byChannel.values())
    for (const span of streamSpans(rows)) spans.set(span.streamId, span);
  return spans;
}

/** The stream a timeline group is (none outside a stream, or for a go-live without a stream id). */
export function spanOfGroup(
  streams: ReadonlyMap<string, StreamSpan>,
  group: StreamGroup,
): StreamSpan | undefined {
  if (!group.live || group.streamId === undefined) return undefined;
  const span = streams.get(group.streamId);
  return span?.channelId === group.channelId ? span : undefined;
}
