/**
 * The words for support and interaction: subs and gifts, cheers, channel points, polls,
 * predictions, hype trains, goals, ad breaks and charity.
 */
import { t } from '../i18n';
import { arr, bool, num, obj, str, type Json } from '../twitch/fields';
import { count, money, seconds, tierName } from './format';
import {
  rewardTitle,
  choiceList,
  tier,
  user,
  goalName,
  target,
  level,
  charity,
  raised,
  title,
  bitsText,
  giftedSubsText,
  monthsText,
  pointsText,
  type EventWording,
} from './event-parts';

/** A Power-up by the name Twitch gives it, or its type as Twitch spells it for a newer one. */
function powerUpName(powerUp: Json | undefined): string | undefined {
  const type = str(powerUp, 'type');
  if (type === 'message_effect') return t('event.powerUp.messageEffect');
  if (type === 'celebration') return t('event.powerUp.celebration');
  if (type === 'gigantify_an_emote') {
    const emote = str(obj(powerUp, 'emote'), 'name');
    const name = t('event.powerUp.gigantify');
    return emote ? `${name} (${emote})` : name;
  }
  return type?.replaceAll('_', ' ');
}

export const supportEventWording: Record<string, EventWording> = {
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
  'channel.bits.use': {
    label: () => t('kind.bitsUse'),
    describe: (e) => {
      const bits = bitsText(num(e, 'bits') ?? 0);
      const type = str(e, 'type');
      if (type === 'cheer') return { text: t('event.cheer', [user(e), bits]), amount: bits };
      if (type === 'combo') return { text: t('event.bitsCombo', [user(e), bits]), amount: bits };
      const powerUp = powerUpName(obj(e, 'power_up'));
      return {
        text: powerUp
          ? t('event.bitsPowerUp', [user(e), bits, powerUp])
          : t('event.bitsUsed', [user(e), bits]),
        amount: bits,
      };
    },
  },
  'channel.vip.add': {
    label: () => t('kind.vipAdd'),
    describe: (e) => ({ text: t('event.vipAdd', [user(e)]) }),
  },
  'channel.vip.remove': {
    label: () => t('kind.vipRemove'),
    describe: (e) => ({ text: t('event.vipRemove', [user(e)]) }),
  },
  'channel.moderator.add': {
    label: () => t('kind.moderatorAdd'),
    describe: (e) => ({ text: t('event.moderatorAdd', [user(e)]) }),
  },
  'channel.moderator.remove': {
    label: () => t('kind.moderatorRemove'),
    describe: (e) => ({ text: t('event.moderatorRemove', [user(e)]) }),
  },
  'channel.channel_points_custom_reward.add': {
    label: () => t('kind.rewardAdd'),
    describe: (e) => {
      const cost = num(e, 'cost');
      return {
        text: t('event.rewardAdd', [title(e) || t('event.aReward')]),
        amount: cost ? pointsText(cost) : undefined,
      };
    },
  },
  'channel.channel_points_custom_reward.update': {
    label: () => t('kind.rewardUpdate'),
    describe: (e) => ({ text: t('event.rewardUpdate', [title(e) || t('event.aReward')]) }),
  },
  'channel.channel_points_custom_reward.remove': {
    label: () => t('kind.rewardRemove'),
    describe: (e) => ({ text: t('event.rewardRemove', [title(e) || t('event.aReward')]) }),
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
