/**
 * The words for what happened while notifications were held back: "While you were away:
 * 41 gifted subs, 3 raids, Polls started (2)".
 */
import { t } from '../i18n';
import { labelOf } from './index';
import { giftedSubsText } from './event-parts';
import { count, list } from './format';

export const awayTitle = () => t('away.title');

const raids = (n: number) => t('away.counted.raids', n, [count(n)]);
const subs = (n: number) => t('away.counted.subs', n, [count(n)]);
const resubs = (n: number) => t('away.counted.resubs', n, [count(n)]);

/** The kinds a viewer hears most, counted in words ("3 raids"), by their notification kind. */
const COUNTED: Record<string, (n: number) => string> = {
  'channel.raid.to': raids,
  'channel.chat.notification/raid': raids,
  'channel.subscribe': subs,
  'channel.chat.notification/sub': subs,
  'channel.subscription.message': resubs,
  'channel.chat.notification/resub': resubs,
  'channel.chat.notification/sub_gift': giftedSubsText,
  'channel.cheer': (n) => t('away.counted.cheers', n, [count(n)]),
  'channel.follow': (n) => t('away.counted.follows', n, [count(n)]),
  'stream.online': (n) => t('away.counted.goLives', n, [count(n)]),
};

/**
 * "3 raids" for the kinds counted in words; any other kind by its name without its qualifier,
 * and how many: "Polls started (2)".
 */
export function kindCount(kind: string, value: number): string {
  const counted = COUNTED[kind];
  if (counted) return counted(value);
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
