/**
 * The words for every catalog entry, keyed by catalog id: a short plural label for settings and
 * status, and a description of each event ("Fan cheered 500 bits"). The words are messages
 * (`kind.*` and `event.*` in locales/*.yml); the facts stay in `lib/twitch/catalog.ts`.
 */
import { t } from '../i18n';
import { arr, bool, num, obj, str, userName, type Json } from '../twitch/fields';
import { count, list, money, seconds, tierName } from './format';
import { channel, describeChatNotification, type Description } from './notices';

export interface EventWording {
  /** Short plural name for settings and status ("Follows"). */
  label: () => string;
  describe: (event: Json) => Description;
}

const rewardTitle = (e: Json) => str(obj(e, 'reward'), 'title') ?? t('event.aReward');
const choiceList = (items: unknown[]) =>
  items
    .map((item) => str(item, 'title'))
    .filter((title): title is string => Boolean(title))
    .join(' / ');
const tier = (e: Json) => tierName(str(e, 'tier')) ?? tierName('1000')!;
const user = (e: Json) => userName(e, 'user');
const moderatorName = (e: Json) => userName(e, 'moderator_user', t('event.aModerator'));
const goalName = (e: Json) => str(e, 'description') || (str(e, 'type') ?? t('event.goal'));
const target = (e: Json) => {
  const amount = num(e, 'target_amount');
  return amount === undefined ? '?' : count(amount);
};
const level = (e: Json) => count(num(e, 'level') ?? 1);
const charity = (e: Json) => str(e, 'charity_name') ?? t('event.charity');
const raised = (e: Json) => money(obj(e, 'current_amount')) ?? '…';
const title = (e: Json) => str(e, 'title') ?? '';
/** "42 viewers". */
export const viewersText = (n: number) => t('amount.viewers', n, [count(n)]);
/** "500 bits". */
export const bitsText = (n: number) => t('amount.bits', n, [count(n)]);
/** "5 gifted subs". */
export const giftedSubsText = (n: number) => t('amount.giftedSubs', n, [count(n)]);
/** "12 months". */
export const monthsText = (n: number) => t('amount.months', n, [count(n)]);
const pointsText = (n: number) => t('amount.points', n, [count(n)]);
/** A raid, whichever way it goes: "Raider raided Demo with 42 viewers". */
const raidText = (e: Json): Description => {
  const viewers = viewersText(num(e, 'viewers') ?? 0);
  return {
    text: t('event.raid', [
      userName(e, 'from_broadcaster_user', t('event.aChannelStart')),
      userName(e, 'to_broadcaster_user', t('event.theChannel')),
      viewers,
    ]),
    amount: viewers,
  };
};

export const eventWording: Record<string, EventWording> = {
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

  'channel.subscribe': {
    label: () => t('kind.subscribe'),
    describe: (e) => ({
      text: bool(e, 'is_gift')
        ? t('event.subscribeGift', [user(e), tier(e)])
        : t('event.subscribe', [user(e), tier(e)]),
    }),
  },
  'channel.subscription.gift': {
    label: () => t('kind.subscriptionGift'),
    describe: (e) => {
      const total = num(e, 'total') ?? 1;
      const who = bool(e, 'is_anonymous') ? t('event.anonymousGifter') : user(e);
      return {
        text: t('event.subscriptionGift', total, [who, count(total), tier(e)]),
        amount: giftedSubsText(total),
      };
    },
  },
  'channel.subscription.message': {
    label: () => t('kind.subscriptionMessage'),
    describe: (e) => {
      const months = num(e, 'cumulative_months');
      const text = str(obj(e, 'message'), 'text');
      const resub = months
        ? t('event.resubFor', [user(e), monthsText(months)])
        : t('event.resub', [user(e)]);
      return {
        text: text ? t('event.withMessage', [resub, text]) : resub,
        amount: months ? monthsText(months) : undefined,
      };
    },
  },
  'channel.subscription.end': {
    label: () => t('kind.subscriptionEnd'),
    describe: (e) => {
      const name = tierName(str(e, 'tier'));
      return {
        text: name
          ? t('event.subscriptionEndTier', [user(e), name])
          : t('event.subscriptionEnd', [user(e)]),
      };
    },
  },
  'channel.cheer': {
    label: () => t('kind.cheer'),
    describe: (e) => {
      const bits = bitsText(num(e, 'bits') ?? 0);
      const who = bool(e, 'is_anonymous') ? t('event.anonymousCheerer') : user(e);
      return { text: t('event.cheer', [who, bits]), amount: bits };
    },
  },
  'channel.channel_points_custom_reward_redemption.add': {
    label: () => t('kind.redemption'),
    describe: (e) => {
      const cost = num(obj(e, 'reward'), 'cost');
      return {
        text: t('event.redemption', [user(e), rewardTitle(e)]),
        amount: cost ? pointsText(cost) : undefined,
      };
    },
  },
  'channel.channel_points_custom_reward_redemption.update': {
    label: () => t('kind.redemptionUpdate'),
    describe: (e) => {
      const status = str(e, 'status');
      const key =
        status === 'fulfilled'
          ? 'event.redemptionFulfilled'
          : status === 'canceled'
            ? 'event.redemptionCanceled'
            : 'event.redemptionUpdated';
      return { text: t(key, [user(e), rewardTitle(e)]) };
    },
  },
  'channel.channel_points_automatic_reward_redemption.add': {
    label: () => t('kind.automaticRedemption'),
    describe: (e) => {
      const reward = obj(e, 'reward');
      const points = num(reward, 'channel_points') ?? num(reward, 'cost');
      const type = str(reward, 'type');
      return {
        text: t('event.redemption', [
          user(e),
          type ? type.replaceAll('_', ' ') : t('event.aReward'),
        ]),
        amount: points ? pointsText(points) : undefined,
      };
    },
  },
  'channel.poll.begin': {
    label: () => t('kind.pollBegin'),
    describe: (e) => ({
      text: t('event.pollBegin', [title(e), choiceList(arr(e, 'choices'))]),
    }),
  },
  'channel.poll.progress': {
    label: () => t('kind.pollProgress'),
    describe: (e) => ({ text: t('event.pollProgress', [title(e)]) }),
  },
  'channel.poll.end': {
    label: () => t('kind.pollEnd'),
    describe: (e) => {
      const winner = [...arr(e, 'choices')].sort(
        (a, b) => (num(b, 'votes') ?? 0) - (num(a, 'votes') ?? 0),
      )[0];
      return {
        text: winner
          ? t('event.pollEndWinner', [title(e), str(winner, 'title') ?? ''])
          : t('event.pollEnd', [title(e)]),
      };
    },
  },
  'channel.prediction.begin': {
    label: () => t('kind.predictionBegin'),
    describe: (e) => ({
      text: t('event.predictionBegin', [title(e), choiceList(arr(e, 'outcomes'))]),
    }),
  },
  'channel.prediction.progress': {
    label: () => t('kind.predictionProgress'),
    describe: (e) => ({ text: t('event.predictionProgress', [title(e)]) }),
  },
  'channel.prediction.lock': {
    label: () => t('kind.predictionLock'),
    describe: (e) => ({ text: t('event.predictionLock', [title(e)]) }),
  },
  'channel.prediction.end': {
    label: () => t('kind.predictionEnd'),
    describe: (e) => {
      const winnerId = str(e, 'winning_outcome_id');
      const winner = arr(e, 'outcomes').find((o) => str(o, 'id') === winnerId);
      const ended =
        str(e, 'status') === 'canceled'
          ? t('event.predictionCanceled', [title(e)])
          : t('event.predictionEnd', [title(e)]);
      return {
        text: winner ? t('event.won', [ended, str(winner, 'title') ?? '']) : ended,
      };
    },
  },
  'channel.hype_train.begin': {
    label: () => t('kind.hypeTrainBegin'),
    describe: (e) => ({ text: t('event.hypeTrainBegin', [level(e)]) }),
  },
  'channel.hype_train.progress': {
    label: () => t('kind.hypeTrainProgress'),
    describe: (e) => ({ text: t('event.hypeTrainProgress', [level(e)]) }),
  },
  'channel.hype_train.end': {
    label: () => t('kind.hypeTrainEnd'),
    describe: (e) => ({
      text: t('event.hypeTrainEnd', [level(e)]),
      amount: t('amount.level', [level(e)]),
    }),
  },
  'channel.goal.begin': {
    label: () => t('kind.goalBegin'),
    describe: (e) => ({ text: t('event.goalBegin', [goalName(e), target(e)]) }),
  },
  'channel.goal.progress': {
    label: () => t('kind.goalProgress'),
    describe: (e) => ({
      text: t('event.goalProgress', [count(num(e, 'current_amount') ?? 0), target(e)]),
    }),
  },
  'channel.goal.end': {
    label: () => t('kind.goalEnd'),
    describe: (e) => ({
      text: bool(e, 'is_achieved')
        ? t('event.goalReached', [goalName(e)])
        : t('event.goalEnd', [goalName(e)]),
    }),
  },
  'channel.ad_break.begin': {
    label: () => t('kind.adBreak'),
    describe: (e) => {
      const length = num(e, 'duration_seconds');
      const duration = length ? seconds(length) : undefined;
      return {
        text: duration ? t('event.adBreakFor', [duration]) : t('event.adBreak'),
        amount: duration,
      };
    },
  },
  'channel.charity_campaign.donate': {
    label: () => t('kind.charityDonate'),
    describe: (e) => {
      const amount = money(obj(e, 'amount'));
      return {
        text: amount
          ? t('event.donatedAmount', [user(e), amount, charity(e)])
          : t('event.donated', [user(e), charity(e)]),
        amount,
      };
    },
  },
  'channel.charity_campaign.start': {
    label: () => t('kind.charityStart'),
    describe: (e) => ({ text: t('event.charityStart', [charity(e)]) }),
  },
  'channel.charity_campaign.progress': {
    label: () => t('kind.charityProgress'),
    describe: (e) => ({ text: t('event.charityProgress', [raised(e)]) }),
  },
  'channel.charity_campaign.stop': {
    label: () => t('kind.charityStop'),
    describe: (e) => ({ text: t('event.charityStop', [charity(e), raised(e)]) }),
  },
};
