/**
 * The notification settings, grouped the way the options page shows them. Keys are what
 * `isKindEnabled` reads: catalog ids, or `channel.chat.notification/<notice_type>`.
 */
import {
  CHAT_NOTICE_TYPE,
  eventCatalog,
  noticeKindKey,
  noticeKinds,
  type CatalogEntry,
} from '../../lib/twitch/catalog';
import { labelOf } from '../../lib/wording';
import { t } from '../../lib/i18n';

export interface NotificationChoice {
  key: string;
  label: string;
  icon: string;
}

export interface NotificationGroup {
  id: 'stream' | 'community' | 'notices' | 'moderator' | 'broadcaster';
  title: string;
  description: string;
  choices: NotificationChoice[];
}

const STREAM_TYPES = new Set(['stream.online', 'stream.offline', 'channel.update']);

const choice = (e: CatalogEntry): NotificationChoice => ({
  key: e.id,
  label: labelOf(e.id),
  icon: e.icon,
});

export const notificationGroups = (): readonly NotificationGroup[] => [
  {
    id: 'stream',
    title: t('notificationGroups.stream'),
    description: t('notificationGroups.streamDescription'),
    choices: eventCatalog.filter((e) => STREAM_TYPES.has(e.type)).map(choice),
  },
  {
    id: 'community',
    title: t('notificationGroups.community'),
    description: t('notificationGroups.communityDescription'),
    choices: eventCatalog
      .filter(
        // The user's own (whispers) are told as "for you", not as an event kind.
        (e) =>
          e.role === 'viewer' &&
          !STREAM_TYPES.has(e.type) &&
          e.type !== CHAT_NOTICE_TYPE &&
          !e.perUser,
      )
      .map(choice),
  },
  {
    id: 'notices',
    title: t('notificationGroups.notices'),
    description: t('notificationGroups.noticesDescription'),
    choices: Object.entries(noticeKinds).map(([noticeType, { icon }]) => {
      const key = noticeKindKey(noticeType);
      return { key, label: labelOf(key), icon };
    }),
  },
  {
    id: 'moderator',
    title: t('badge.moderator'),
    description: t('notificationGroups.moderatorDescription'),
    choices: eventCatalog.filter((e) => e.role === 'moderator').map(choice),
  },
  {
    id: 'broadcaster',
    title: t('badge.broadcaster'),
    description: t('notificationGroups.broadcasterDescription'),
    choices: eventCatalog.filter((e) => e.role === 'broadcaster').map(choice),
  },
];
