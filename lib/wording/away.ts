/**
 * The words for what happened while notifications were held back: "While you were away:
 * 41 gifted subs, 3 raids, Polls started (2)".
 */
import { t } from '../i18n';
import { labelOf } from './index';
import { giftedSubsText } from './event-parts';
import { count, list } from './format';
import type { ForYouKind } from '../db/for-you';
import { heldKey } from '../for-you/notify';
import { forYouCount } from './for-you';

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
  // What was for the user is named first: "2 mentions, 1 whisper, then 41 gifted subs".
  const forYou = FOR_YOU_ORDER.flatMap((kind) => {
    const value = counts[heldKey(kind)] ?? 0;
    return value > 0 ? [forYouCount(kind, value)] : [];
  });
  const kinds = Object.entries(counts)
    .filter(([kind, value]) => value > 0 && !kind.startsWith(FOR_YOU_PREFIX))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const rest = kinds.map(([kind, value]) => kindCount(kind, value));
  if (forYou.length && rest.length) return t('forYou.away.summary', [list(forYou), list(rest)]);
  if (!forYou.length && !rest.length) return undefined;
  return t('away.summary', [list(forYou.length ? forYou : rest)]);
}

/** The order "for you" kinds are named in: what is about the user first. */
const FOR_YOU_ORDER: ForYouKind[] = ['mention', 'reply', 'whisper', 'user', 'word'];
const FOR_YOU_PREFIX = heldKey('mention').replace(/mention$/, '');
