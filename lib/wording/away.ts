/**
 * The words for what happened while notifications were held back: "While you were away:
 * Gifted subs (41), Incoming raids (3)".
 */
import { t } from '../i18n';
import { labelOf } from './index';
import { count, list } from './format';

export const awayTitle = () => t('away.title');

/** "Incoming raids (3)": a kind's name without its qualifier, and how many. */
export function kindCount(kind: string, value: number): string {
  return t('away.item', [labelOf(kind).replace(/\s*\(.*\)$/, ''), count(value)]);
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
  return t('away.summary', [list(kinds.map(([kind, value]) => kindCount(kind, value)))]);
}
