/** The words for "for you": notifications, the kinds, the summary's counts. */
import type { ForYouItem, ForYouKind } from '../db/for-you';
import { t } from '../i18n';
import { count } from './format';

/** The notification's title: the kind and the channel ("Mention in demo"), or whose whisper. */
export function forYouTitle(item: ForYouItem): string {
  const where = item.channelName || item.channelLogin;
  switch (item.kind) {
    case 'mention':
      return t('forYou.notify.mention', [where]);
    case 'reply':
      return t('forYou.notify.reply', [where]);
    case 'word':
    case 'user':
      return t('forYou.notify.highlight', [where]);
    case 'whisper':
      return t('forYou.notify.whisper', [item.senderName]);
  }
}

/** The notification's text: who and what ("viewer1: @you hi"); a whisper's text alone. */
export function forYouMessage(item: ForYouItem): string {
  return item.kind === 'whisper' ? item.text : `${item.senderName}: ${item.text}`;
}

/** "2 mentions", "1 whisper": a held-back kind counted in words. */
export function forYouCount(kind: ForYouKind, n: number): string {
  switch (kind) {
    case 'mention':
      return t('forYou.counted.mentions', n, [count(n)]);
    case 'reply':
      return t('forYou.counted.replies', n, [count(n)]);
    case 'word':
      return t('forYou.counted.words', n, [count(n)]);
    case 'user':
      return t('forYou.counted.users', n, [count(n)]);
    case 'whisper':
      return t('forYou.counted.whispers', n, [count(n)]);
  }
}

/** The kind's short name, for the popup's list. */
export function forYouKindName(kind: ForYouKind): string {
  switch (kind) {
    case 'mention':
      return t('forYou.kind.mention');
    case 'reply':
      return t('forYou.kind.reply');
    case 'word':
      return t('forYou.kind.word');
    case 'user':
      return t('forYou.kind.user');
    case 'whisper':
      return t('forYou.kind.whisper');
  }
}
