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

/**
 * The search index of one chat batch (the lines of one write): every word once, and for each the
 * positions of the lines that have it, packed. Stored beside the batch, in the same transaction,
 * under a key that orders by time first, so that a word's batches come newest first.
 */
export interface StoredChatWords {
  receivedAt: number;
  channelId: string;
  count: number;
  /** Distinct index keys of the batch's lines (a multi-entry index). */
  words: string[];
  /** The lines having `words[i]` are `lines[starts[i]]` up to `lines[starts[i + 1]]`. */
  starts: Uint32Array;
  /** Line positions in the batch. */
  lines: Uint16Array | Uint32Array;
}

export type ChatWordsKey = [receivedAt: number, channelId: string, count: number];

/** The key of a batch's search index row. */
export const wordsKeyOf = ([channelId, receivedAt, count]: ChatBatchKey): ChatWordsKey => [
  receivedAt,
  channelId,
  count,
];

/** The key of the batch a search index row is for. */
export const batchKeyOf = ([receivedAt, channelId, count]: ChatWordsKey): ChatBatchKey => [
  channelId,
  receivedAt,
  count,
];

/** The search index row of a batch. */
export function chatWordsOf(batch: {
  channelId: string;
  receivedAt: number;
  count: number;
  lines: readonly Pick<StoredChatLine, 'event'>[];
}): StoredChatWords {
  const byWord = new Map<string, number[]>();
  let total = 0;
  batch.lines.forEach((line, position) => {
    for (const word of indexWordsOf(chatTextOf(line))) {
      let positions = byWord.get(word);
      if (!positions) byWord.set(word, (positions = []));
      positions.push(position);
      total += 1;
    }
  });
  const words = [...byWord.keys()];
  const starts = new Uint32Array(words.length + 1);
  const lines = batch.lines.length > 0xffff ? new Uint32Array(total) : new Uint16Array(total);
  let at = 0;
  words.forEach((word, i) => {
    starts[i] = at;
    for (const position of byWord.get(word)!) lines[at++] = position;
  });
  starts[words.length] = at;
  return {
    receivedAt: batch.receivedAt,
    channelId: batch.channelId,
    count: batch.count,
    words,
    starts,
    lines,
  };
}

/** The positions of the lines of a batch having one of `words`, ascending. */
export function linesWithAny(row: StoredChatWords, words: ReadonlySet<string>): Set<number> {
  const found = new Set<number>();
  row.words.forEach((word, i) => {
    if (!words.has(word)) return;
    for (let at = row.starts[i]!; at < row.starts[i + 1]!; at += 1) found.add(row.lines[at]!);
  });
  return found;
}
