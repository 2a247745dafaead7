/**
 * The words of recorded text, as the search index keeps them: a word is a run of letters,
 * digits, combining marks and underscores (a login such as `demo_viewer` is one word), compared
 * in lower case. The index keeps at most the first `MAX_WORD` characters of a word; a search
 * checks the whole word against the text it finds.
 *
 * The text of an event is factual: the names, logins, messages, titles and categories Twitch
 * sent, never words of this extension's languages (those are chosen where the event is shown).
 */
import { isObject, str, type Json } from '../twitch/fields';
import type { ChatBatchKey, StoredChatLine, StoredEvent } from '../db/database';

/** The longest word the index keeps whole; longer ones are kept as their first characters. */
export const MAX_WORD = 32;

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

/** A word of a text: where it is (in UTF-16 units) and its lower-case form. */
export interface Word {
  start: number;
  end: number;
  word: string;
}

/** The words of a text, in order. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    words.push({ start, end: start + match[0].length, word: match[0].toLowerCase() });
  }
  return words;
}

/** A word as the index keys it. */
export const indexWord = (word: string): string =>
  word.length > MAX_WORD ? word.slice(0, MAX_WORD) : word;

/** The distinct index keys of a text. */
export function indexWordsOf(text: string): string[] {
  const keys = new Set<string>();
  for (const match of text.matchAll(WORD)) keys.add(indexWord(match[0].toLowerCase()));
  return [...keys];
}

/** What a chat line says: its message text. */
export function chatTextOf(line: Pick<StoredChatLine, 'event'>): string {
  const message = line.event['message'];
  return str(message, 'text') ?? '';
}

/**
 * The fields of an event whose text is searched: who (every user's name and login but the
 * channel's own, which the channel filter covers) and what (messages, titles, categories,
 * a redemption's input, a ban's reason). Fragments repeat the message; Twitch's
 * `system_message` is English wording and is left out.
 */
const TEXT_FIELDS = new Set([
  'text',
  'title',
  'category_name',
  'user_input',
  'reason',
  'user_name',
  'user_login',
]);
const SKIPPED_FIELDS = new Set([
  'broadcaster_user_name',
  'broadcaster_user_login',
  'fragments',
  'system_message',
]);
const isTextField = (key: string) =>
  TEXT_FIELDS.has(key) || key.endsWith('_user_name') || key.endsWith('_user_login');

/** The searchable text of an event: its factual text fields, each once, in the order sent. */
export function eventTextOf(event: Pick<StoredEvent, 'event'>): string {
  const parts: string[] = [];
  /** Where each text is in `parts`, by its lower case: a login and its display name are one. */
  const seen = new Map<string, number>();
  const visit = (value: Json, depth: number) => {
    for (const [key, field] of Object.entries(value)) {
      if (SKIPPED_FIELDS.has(key)) continue;
      if (typeof field === 'string') {
        const text = field.trim();
        if (!text || !isTextField(key)) continue;
        const at = seen.get(text.toLowerCase());
        if (at === undefined) {
          seen.set(text.toLowerCase(), parts.length);
          parts.push(text);
        } else if (!key.endsWith('_login')) {
          parts[at] = text; // the display name rather than the login
        }
      } else if (depth < 3) {
        if (isObject(field)) visit(field, depth + 1);
        else if (Array.isArray(field))
          for (const item of field) if (isObject(item)) visit(item, depth + 1);
      }
    }
  };
  visit(event.event, 0);
  return parts.join(' · ');
}

/** How many lines of a batch one search index row covers. */
export const LINES_PER_BLOCK = 64;
/**
 * …in a batch of more than this many lines (a busy chat's, written while the write before
 * committed): its rows cover 256 lines each, so that a firehose's index has a quarter of the rows
 * and fewer index entries (IndexedDB pays for each): 40 % of them in a chat of 120 words, 81 % in
 * one of 50,000 (the more words a chat has, the less bigger rows save; `bench/search.ts`).
 */
export const BIG_BATCH = 256;
export const LINES_PER_BIG_BLOCK = 256;

/** Lines per index row of a batch of `count` lines. */
export const blockSizeOf = (count: number): number =>
  count > BIG_BATCH ? LINES_PER_BIG_BLOCK : LINES_PER_BLOCK;

/**
 * The search index of up to `blockSizeOf(count)` lines of one chat batch (the lines of one write):
 * every word once, and for each the lines that have it; and what a hit shows of each line, so
 * that a search reads these small rows and never the batch. Written after the batch, by the
 * indexer that follows the recorder (`indexer.ts`), under a key that orders by time first, newest
 * first, so that the first keys of a word in its index are its newest lines.
 */
export interface StoredChatWords {
  /** −receivedAt of the batch: keys ascend from the newest, so a word's first keys are its newest. */
  newness: number;
  channelId: string;
  /** The batch's line count… */
  count: number;
  /** …and which of its blocks (`blockSizeOf(count)` lines each), counted from its end (the
   * newest block is 0). */
  fromEnd: number;
  /** Distinct index keys of the block's lines (a multi-entry index). */
  words: string[];
  /** The lines having `words[i]` are `lines[starts[i]]` up to `lines[starts[i + 1]]`. */
  starts: Uint32Array;
  /** Line positions in the block. */
  lines: Uint8Array;
  /** Per line of the block: its `event.message_id`, chatter, text and times. */
  messageIds: string[];
  chatterIds: string[];
  texts: string[];
  occurredAt: Float64Array;
  arrivals: Float64Array;
}

export type ChatWordsKey = [newness: number, channelId: string, count: number, fromEnd: number];

/** The keys of a batch's search index rows. */
export const wordsKeysOf = ([channelId, receivedAt, count]: ChatBatchKey): ChatWordsKey[] =>
  Array.from({ length: Math.ceil(count / blockSizeOf(count)) }, (_, fromEnd): ChatWordsKey => [
    -receivedAt,
    channelId,
    count,
    fromEnd,
  ]);

/** The search index rows of a batch. */
export function chatWordsOf(batch: {
  channelId: string;
  receivedAt: number;
  count: number;
  lines: readonly Pick<
    StoredChatLine,
    'event' | 'messageId' | 'chatterId' | 'occurredAt' | 'receivedAt'
  >[];
}): StoredChatWords[] {
  const rows: StoredChatWords[] = [];
  const size = blockSizeOf(batch.count);
  const blocks = Math.ceil(batch.lines.length / size);
  for (let block = 0; block < blocks; block += 1) {
    const first = block * size;
    const lines = batch.lines.slice(first, first + size);
    const texts = lines.map(chatTextOf);
    const byWord = new Map<string, number[]>();
    let total = 0;
    texts.forEach((text, position) => {
      for (const word of indexWordsOf(text)) {
        let positions = byWord.get(word);
        if (!positions) byWord.set(word, (positions = []));
        positions.push(position);
        total += 1;
      }
    });
    const words = [...byWord.keys()];
    const starts = new Uint32Array(words.length + 1);
    const positions = new Uint8Array(total);
    let at = 0;
    words.forEach((word, i) => {
      starts[i] = at;
      for (const position of byWord.get(word)!) positions[at++] = position;
    });
    starts[words.length] = at;
    rows.push({
      newness: -batch.receivedAt,
      channelId: batch.channelId,
      count: batch.count,
      fromEnd: blocks - 1 - block,
      words,
      starts,
      lines: positions,
      messageIds: lines.map((line) => line.messageId),
      chatterIds: lines.map((line) => line.chatterId),
      texts,
      occurredAt: Float64Array.from(lines, (line) => line.occurredAt),
      arrivals: Float64Array.from(lines, (line) => line.receivedAt),
    });
  }
  return rows;
}
