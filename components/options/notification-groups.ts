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

export const notificationGroups: readonly NotificationGroup[] = [
  {
    id: 'stream',
    title: 'Stream',
    description: 'Going live, going offline, title and category changes.',
    choices: eventCatalog.filter((e) => STREAM_TYPES.has(e.type)).map(choice),
  },
  {
    id: 'community',
    title: 'Community',
    description: 'Raids, shared chat and chat moderation anyone can see.',
    choices: eventCatalog
      .filter(
        (e) => e.role === 'viewer' && !STREAM_TYPES.has(e.type) && e.type !== CHAT_NOTICE_TYPE,
      )
      .map(choice),
  },
  {
    id: 'notices',
    title: 'Chat notices',
    description: 'Subs, gifts, raids and announcements as they appear in chat.',
    choices: Object.entries(noticeKinds).map(([noticeType, { icon }]) => {
      const key = noticeKindKey(noticeType);
      return { key, label: labelOf(key), icon };
    }),
  },
  {
    id: 'moderator',
    title: 'Moderator',
    description: 'Needs the moderator access at sign-in.',
    choices: eventCatalog.filter((e) => e.role === 'moderator').map(choice),
  },
  {
    id: 'broadcaster',
    title: 'Broadcaster',
    description: 'Needs the broadcaster access at sign-in (your own channel).',
    choices: eventCatalog.filter((e) => e.role === 'broadcaster').map(choice),
  },
];
