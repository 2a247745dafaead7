/**
 * The words for what happened while notifications were held back: "While you were away:
 * 3 incoming raids, 41 gifted subs".
 */
import { labelOf } from './index';
import { count, isOne } from './format';

export const AWAY_TITLE = 'While you were away';

/** A kind's label as a noun for counting: "Incoming raids" → "incoming raids". */
function nounOf(kind: string): string {
  return labelOf(kind)
    .replace(/\s*\(.*\)$/, '')
    .toLowerCase();
}

/** "3 incoming raids", "1 incoming raid"; a label that is not a plural noun: "going live: 2". */
export function kindCount(kind: string, value: number): string {
  const noun = nounOf(kind);
  const countable = /[^s]s$/.test(noun);
  if (!countable) return `${noun}: ${count(value)}`;
  return `${count(value)} ${isOne(value) ? noun.slice(0, -1) : noun}`;
}

/**
 * The summary of held notifications, the most frequent kinds first, or undefined when nothing
 * was held.
 */
export function awaySummary(counts: Record<string, number>): string | undefined {
  const kinds = Object.entries(counts)
    .filter(([, value]) => value > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (!kinds.length) return undefined;
  return `${AWAY_TITLE}: ${kinds.map(([kind, value]) => kindCount(kind, value)).join(', ')}`;
}
