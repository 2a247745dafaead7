/**
 * Search across the record: the words of every event "Recent events" shows and every recorded
 * chat line of every channel.
 *
 * Semantics (any implementation keeps them):
 * - The query is split into words (letters, digits, `_`, and `'` inside a word); an empty query
 *   finds nothing. Case does not matter.
 * - A text is found when every word of the query is a whole word of it ("rai" does not find
 *   "raid"); `matches` are the [start, end) ranges of every occurrence of a query word, in order.
 * - A chat line's text is its message; an event's is its description in words (`describeEvent`).
 *   Deleted chat lines (Twitch's deletions and clears) are not found.
 * - `channelIds` narrows to those channels; `from` ≤ `occurredAt` < `to` when given.
 * - Hits are newest first, at most `limit` (default 50). An aborted `signal` rejects the search
 *   with its reason.
 * - A chat hit's `id` is the chat message's id (`event.message_id`, what the streamer page's
 *   `line=` takes); an event hit's is the event's id.
 *
 * This one scans the record; it is correct, not fast.
 */
import { applyModeration, linesOf, moderationSince } from '../db/chat';
import type { CompanionDatabase, StoredEvent } from '../db/database';
import { obj, str } from '../twitch/fields';
import { describeEvent } from '../wording';

export interface SearchHit {
  kind: 'chat' | 'event';
  id: string;
  channelId: string;
  occurredAt: number;
  text: string;
  matches: Array<[start: number, end: number]>;
}

export interface SearchOptions {
  channelIds?: string[];
  from?: number;
  to?: number;
  limit?: number;
  signal?: AbortSignal;
}

export const DEFAULT_SEARCH_LIMIT = 50;

const WORD = /[\p{L}\p{N}_]+(?:'[\p{L}\p{N}_]+)*/gu;

/** The words of a query, lower-cased, each once. */
export function queryWords(query: string): string[] {
  return [...new Set(Array.from(query.toLowerCase().matchAll(WORD), (m) => m[0]))];
}

/**
 * Where the words occur in `text` as whole words, or undefined when one of them does not occur.
 * Ranges are in order and do not overlap.
 */
export function wholeWordMatches(
  text: string,
  words: readonly string[],
): Array<[number, number]> | undefined {
  if (words.length === 0) return undefined;
  const wanted = new Set(words);
  const seen = new Set<string>();
  const matches: Array<[number, number]> = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (!wanted.has(word)) continue;
    seen.add(word);
    matches.push([m.index, m.index + m[0].length]);
  }
  return seen.size === wanted.size ? matches : undefined;
}

const inRange = (at: number, from?: number, to?: number) =>
  (from === undefined || at >= from) && (to === undefined || at < to);

async function channelsOf(db: CompanionDatabase, wanted?: string[]): Promise<string[]> {
  if (wanted) return wanted;
  const ids = new Set<string>();
  for (const [channelId] of await db.chatBatches.toCollection().primaryKeys()) ids.add(channelId);
  for (const key of await db.events.orderBy('[channelId+receivedAt]').keys())
    ids.add((key as unknown as [string, number])[0]);
  return [...ids];
}

export async function search(
  db: CompanionDatabase,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const { from, to, signal } = options;
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  signal?.throwIfAborted();
  const words = queryWords(query);
  if (words.length === 0 || limit <= 0) return [];
  const hits: SearchHit[] = [];
  for (const channelId of await channelsOf(db, options.channelIds)) {
    signal?.throwIfAborted();
    const batches = await db.chatBatches
      .where(':id')
      .between([channelId, -Infinity, -Infinity], [channelId, Infinity, Infinity], true, true)
      .toArray();
    const lines = applyModeration(linesOf(batches), await moderationSince(db, channelId, 0));
    for (const line of lines) {
      if (line.deleted || !inRange(line.occurredAt, from, to)) continue;
      const text = str(obj(line.event, 'message'), 'text') ?? '';
      const matches = wholeWordMatches(text, words);
      if (matches)
        hits.push({
          kind: 'chat',
          id: line.messageId,
          channelId,
          occurredAt: line.occurredAt,
          text,
          matches,
        });
    }
    const events: StoredEvent[] = await db.events
      .where('[channelId+recent+receivedAt]')
      .between([channelId, 1, -Infinity], [channelId, 1, Infinity])
      .toArray();
    for (const event of events) {
      if (!inRange(event.occurredAt, from, to)) continue;
      const { text } = describeEvent(event);
      const matches = wholeWordMatches(text, words);
      if (matches)
        hits.push({
          kind: 'event',
          id: event.id,
          channelId,
          occurredAt: event.occurredAt,
          text,
          matches,
        });
    }
  }
  signal?.throwIfAborted();
  return hits.sort((a, b) => b.occurredAt - a.occurredAt).slice(0, limit);
}
