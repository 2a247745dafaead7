/**
 * The words for the channel's own life: going live and offline, updates, raids, shared chat, chat,
 * follows, shoutouts and moderation.
 */
import { t } from '../i18n';
import { arr, bool, num, obj, str, userName, type Json } from '../twitch/fields';
import { count, list } from './format';
import { channel, describeChatNotification } from './notices';
import { user, moderatorName, title, bitsText, raidText, type EventWording } from './event-parts';

/** The text of a chat message carried as `message.text`. */
const messageText = (e: Json) => str(obj(e, 'message'), 'text') ?? '';

/** automod.terms.update: what was done to which list. */
const TERM_ACTIONS = {
  add_blocked: 'event.automodTermBlocked',
  remove_blocked: 'event.automodTermUnblocked',
  add_permitted: 'event.automodTermPermitted',
  remove_permitted: 'event.automodTermUnpermitted',
} as const;

export const channelEventWording: Record<string, EventWording> = {
  'stream.online': {
    label: () => t('kind.streamOnline'),
    describe: (e) => ({ text: t('event.streamOnline', [channel(e)]) }),
  },
  'stream.offline': {
    label: () => t('kind.streamOffline'),
    describe: (e) => ({ text: t('event.streamOffline', [channel(e)]) }),
  },
  'channel.update': {
    label: () => t('kind.channelUpdate'),
    describe: (e) => {
      const category = str(e, 'category_name');
      return {
        text: category
          ? t('event.channelUpdateIn', [channel(e), title(e), category])
          : t('event.channelUpdate', [channel(e), title(e)]),
      };
    },
  },
  'channel.raid.to': {
    label: () => t('kind.raidTo'),
    describe: (e) => raidText(e),
  },
  'channel.raid.from': {
    label: () => t('kind.raidFrom'),
    describe: (e) => raidText(e),
  },
  'channel.shared_chat.begin': {
    label: () => t('kind.sharedChatBegin'),
    describe: (e) => {
      const others = arr(e, 'participants')
        .map((p) => userName(p, 'broadcaster_user', ''))
        .filter(Boolean);
      return {
        text: others.length
          ? t('event.sharedChatBeginWith', [list(others)])
          : t('event.sharedChatBegin'),
      };
    },
  },
  'channel.shared_chat.update': {
    label: () => t('kind.sharedChatUpdate'),
    describe: () => ({ text: t('event.sharedChatUpdate') }),
  },
  'channel.shared_chat.end': {
    label: () => t('kind.sharedChatEnd'),
    describe: () => ({ text: t('event.sharedChatEnd') }),
  },

  'channel.chat.message': {
    label: () => t('kind.chatMessage'),
    describe: (e) => {
      const who = userName(e, 'chatter_user');
      const bits = num(obj(e, 'cheer'), 'bits');
      const text = str(obj(e, 'message'), 'text') ?? '';
      if (bits)
        return { text: t('event.chatCheer', [who, bitsText(bits), text]), amount: bitsText(bits) };
      return { text: t('event.chatMessage', [who, text]) };
    },
  },
  'channel.chat.notification': {
    label: () => t('kind.chatNotification'),
    describe: describeChatNotification,
  },
  'channel.chat.message_delete': {
    label: () => t('kind.messageDelete'),
    describe: (e) => ({ text: t('event.messageDelete', [userName(e, 'target_user')]) }),
  },
  'channel.chat.clear': {
    label: () => t('kind.chatClear'),
    describe: () => ({ text: t('event.chatClear') }),
  },
  'channel.chat.clear_user_messages': {
    label: () => t('kind.clearUserMessages'),
    describe: (e) => ({ text: t('event.clearUserMessages', [userName(e, 'target_user')]) }),
  },
  'channel.chat_settings.update': {
    label: () => t('kind.chatSettings'),
    describe: (e) => {
      const modes = [
        bool(e, 'emote_mode') && t('event.mode.emote'),
        bool(e, 'follower_mode') && t('event.mode.followers'),
        bool(e, 'slow_mode') && t('event.mode.slow'),
        bool(e, 'subscriber_mode') && t('event.mode.subscribers'),
        bool(e, 'unique_chat_mode') && t('event.mode.unique'),
      ].filter((mode): mode is string => Boolean(mode));
      return {
        text: modes.length ? t('event.chatSettingsModes', [list(modes)]) : t('event.chatSettings'),
      };
    },
  },
  'channel.chat.user_message_hold': {
    label: () => t('kind.userMessageHold'),
    describe: (e) => ({ text: t('event.userMessageHold', [messageText(e)]) }),
  },
  'channel.chat.user_message_update': {
    label: () => t('kind.userMessageUpdate'),
    describe: (e) => {
      const status = str(e, 'status');
      const key =
        status === 'approved'
          ? 'event.userMessageApproved'
          : status === 'denied'
            ? 'event.userMessageDenied'
            : 'event.userMessageExpired';
      return { text: t(key, [messageText(e)]) };
    },
  },

  'channel.follow': {
    label: () => t('kind.follow'),
    describe: (e) => ({ text: t('event.follow', [user(e)]) }),
  },
  'channel.shoutout.create': {
    label: () => t('kind.shoutoutCreate'),
    describe: (e) => ({
      text: t('event.shoutoutCreate', [
        channel(e),
        userName(e, 'to_broadcaster_user', t('event.aChannel')),
      ]),
    }),
  },
  'channel.shoutout.receive': {
    label: () => t('kind.shoutoutReceive'),
    describe: (e) => ({
      text: t('event.shoutoutReceive', [
        userName(e, 'from_broadcaster_user', t('event.aChannelStart')),
        channel(e),
      ]),
    }),
  },
  'channel.shield_mode.begin': {
    label: () => t('kind.shieldBegin'),
    describe: (e) => ({ text: t('event.shieldBegin', [moderatorName(e)]) }),
  },
  'channel.shield_mode.end': {
    label: () => t('kind.shieldEnd'),
    describe: (e) => ({ text: t('event.shieldEnd', [moderatorName(e)]) }),
  },
  'channel.unban_request.create': {
    label: () => t('kind.unbanRequest'),
    describe: (e) => ({ text: t('event.unbanRequest', [user(e)]) }),
  },
  'channel.unban_request.resolve': {
    label: () => t('kind.unbanResolve'),
    describe: (e) => {
      const moderator = userName(e, 'moderator', t('event.aModerator'));
      const status = str(e, 'status');
      if (status === 'approved') return { text: t('event.unbanApproved', [moderator, user(e)]) };
      if (status === 'denied') return { text: t('event.unbanDenied', [moderator, user(e)]) };
      return { text: t('event.unbanResolved', [moderator, user(e)]) };
    },
  },
  'channel.warning.send': {
    label: () => t('kind.warningSend'),
    describe: (e) => ({ text: t('event.warningSend', [moderatorName(e), user(e)]) }),
  },
  'channel.warning.acknowledge': {
    label: () => t('kind.warningAcknowledge'),
    describe: (e) => ({ text: t('event.warningAcknowledge', [user(e)]) }),
  },
  'channel.suspicious_user.message': {
    label: () => t('kind.suspiciousMessage'),
    describe: (e) => ({ text: t('event.suspiciousMessage', [user(e)]) }),
  },
  'channel.suspicious_user.update': {
    label: () => t('kind.suspiciousUpdate'),
    describe: (e) => {
      const status = str(e, 'low_trust_status');
      const words =
        status === 'active_monitoring'
          ? t('event.trust.monitored')
          : status === 'restricted'
            ? t('event.trust.restricted')
            : status === 'none'
              ? t('event.trust.none')
              : (status ?? t('event.trust.changed'));
      return { text: t('event.suspiciousUpdate', [moderatorName(e), user(e), words]) };
    },
  },
  'automod.message.hold': {
    label: () => t('kind.automodHold'),
    describe: (e) => ({ text: t('event.automodHold', [user(e)]) }),
  },
  'automod.message.update': {
    label: () => t('kind.automodUpdate'),
    describe: (e) => {
      const status = str(e, 'status')?.toLowerCase();
      const key =
        status === 'approved'
          ? 'event.automodApproved'
          : status === 'denied'
            ? 'event.automodDenied'
            : 'event.automodHandled';
      return { text: t(key, [moderatorName(e), user(e)]) };
    },
  },
  'automod.settings.update': {
    label: () => t('kind.automodSettings'),
    describe: (e) => {
      const overall = num(e, 'overall_level');
      return {
        text:
          overall === undefined
            ? t('event.automodSettings', [moderatorName(e)])
            : t('event.automodSettingsLevel', [moderatorName(e), count(overall)]),
      };
    },
  },
  'automod.terms.update': {
    label: () => t('kind.automodTerms'),
    describe: (e) => {
      const terms = list(
        arr(e, 'terms').filter((term): term is string => typeof term === 'string'),
      );
      const action = str(e, 'action') ?? '';
      const key = Object.hasOwn(TERM_ACTIONS, action)
        ? TERM_ACTIONS[action as keyof typeof TERM_ACTIONS]
        : undefined;
      return {
        text:
          key && terms
            ? t(key, [moderatorName(e), terms])
            : t('event.automodTerms', [moderatorName(e)]),
      };
    },
  },
  'channel.moderate': {
    label: () => t('kind.moderate'),
    describe: (e) => {
      const action = str(e, 'action') ?? 'moderated';
      const on = obj(e, action) ?? obj(e, action.replace(/^shared_chat_/, ''));
      const targetName = on ? userName(on, 'user', '') : '';
      // Twitch's action names ("ban", "unvip") are shown as Twitch spells them.
      const what = action.replaceAll('_', ' ');
      return {
        text: targetName
          ? t('event.moderateUser', [moderatorName(e), what, targetName])
          : t('event.moderate', [moderatorName(e), what]),
      };
    },
  },
};
