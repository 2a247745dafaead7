/**
 * The words for every catalog entry, keyed by catalog id: a short plural label for settings and
 * status, and a description of each event ("Fan cheered 500 bits").
 */
import { arr, bool, num, obj, str, userName, type Json } from '../twitch/fields';
import { count, money, plural, tierName } from './format';
import { channel, describeChatNotification, type Description } from './notices';

export interface EventWording {
  /** Short plural name for settings and status ("Follows"). */
  label: string;
  describe: (event: Json) => Description;
}

const rewardTitle = (e: Json) => str(obj(e, 'reward'), 'title') ?? 'a reward';
const choiceList = (items: unknown[]) =>
  items
    .map((item) => str(item, 'title'))
    .filter((title): title is string => Boolean(title))
    .join(' / ');
const tier = (e: Json) => tierName(str(e, 'tier'));
const moderatorName = (e: Json) => userName(e, 'moderator_user', 'A moderator');
const goalName = (e: Json) => str(e, 'description') || (str(e, 'type') ?? 'goal');
const target = (e: Json) => {
  const amount = num(e, 'target_amount');
  return amount === undefined ? '?' : count(amount);
};
const level = (e: Json) => count(num(e, 'level') ?? 1);
const charity = (e: Json) => str(e, 'charity_name') ?? 'charity';
const raised = (e: Json) => money(obj(e, 'current_amount')) ?? '…';
const viewers = (e: Json) => plural(num(e, 'viewers') ?? 0, 'viewer');
/** A raid, whichever way it goes: "Raider raided Demo with 42 viewers". */
const raidText = (e: Json): Description => ({
  text: `${userName(e, 'from_broadcaster_user', 'A channel')} raided ${userName(e, 'to_broadcaster_user', 'the channel')} with ${viewers(e)}`,
  amount: viewers(e),
});

export const eventWording: Record<string, EventWording> = {
  'stream.online': {
    label: 'Going live',
    describe: (e) => ({ text: `${channel(e)} went live` }),
  },
  'stream.offline': {
    label: 'Going offline',
    describe: (e) => ({ text: `${channel(e)} went offline` }),
  },
  'channel.update': {
    label: 'Title and category changes',
    describe: (e) => {
      const category = str(e, 'category_name');
      return {
        text: `${channel(e)} changed the stream to “${str(e, 'title') ?? ''}”${category ? ` in ${category}` : ''}`,
      };
    },
  },
  'channel.raid.to': {
    label: 'Incoming raids',
    describe: (e) => raidText(e),
  },
  'channel.raid.from': {
    label: 'Outgoing raids',
    describe: (e) => raidText(e),
  },
  'channel.shared_chat.begin': {
    label: 'Shared chat started',
    describe: (e) => {
      const others = arr(e, 'participants')
        .map((p) => userName(p, 'broadcaster_user', ''))
        .filter(Boolean);
      return { text: `Shared chat started${others.length ? ` with ${others.join(', ')}` : ''}` };
    },
  },
  'channel.shared_chat.update': {
    label: 'Shared chat changes',
    describe: () => ({ text: 'The shared chat session changed' }),
  },
  'channel.shared_chat.end': {
    label: 'Shared chat ended',
    describe: () => ({ text: 'Shared chat ended' }),
  },

  'channel.chat.message': {
    label: 'Chat messages',
    describe: (e) => {
      const who = userName(e, 'chatter_user');
      const bits = num(obj(e, 'cheer'), 'bits');
      const text = str(obj(e, 'message'), 'text') ?? '';
      if (bits)
        return {
          text: `${who} cheered ${plural(bits, 'bit')}: ${text}`,
          amount: plural(bits, 'bit'),
        };
      return { text: `${who}: ${text}` };
    },
  },
  'channel.chat.notification': {
    label: 'Chat notices (subs, gifts, raids, announcements…)',
    describe: describeChatNotification,
  },
  'channel.chat.message_delete': {
    label: 'Deleted messages',
    describe: (e) => ({ text: `A message from ${userName(e, 'target_user')} was deleted` }),
  },
  'channel.chat.clear': {
    label: 'Chat cleared',
    describe: () => ({ text: 'The chat was cleared' }),
  },
  'channel.chat.clear_user_messages': {
    label: 'Users’ messages cleared',
    describe: (e) => ({ text: `${userName(e, 'target_user')}’s messages were cleared` }),
  },
  'channel.chat_settings.update': {
    label: 'Chat settings',
    describe: (e) => {
      const modes = [
        bool(e, 'emote_mode') && 'emote-only',
        bool(e, 'follower_mode') && 'followers-only',
        bool(e, 'slow_mode') && 'slow',
        bool(e, 'subscriber_mode') && 'subscribers-only',
        bool(e, 'unique_chat_mode') && 'unique',
      ].filter(Boolean);
      return { text: `Chat settings changed${modes.length ? `: ${modes.join(', ')} mode` : ''}` };
    },
  },

  'channel.follow': {
    label: 'Follows',
    describe: (e) => ({ text: `${userName(e, 'user')} followed` }),
  },
  'channel.shoutout.create': {
    label: 'Shoutouts given',
    describe: (e) => ({
      text: `${channel(e)} gave a shoutout to ${userName(e, 'to_broadcaster_user', 'a channel')}`,
    }),
  },
  'channel.shoutout.receive': {
    label: 'Shoutouts received',
    describe: (e) => ({
      text: `${userName(e, 'from_broadcaster_user', 'A channel')} gave ${channel(e)} a shoutout`,
    }),
  },
  'channel.shield_mode.begin': {
    label: 'Shield mode on',
    describe: (e) => ({ text: `${moderatorName(e)} turned on shield mode` }),
  },
  'channel.shield_mode.end': {
    label: 'Shield mode off',
    describe: (e) => ({ text: `${moderatorName(e)} turned off shield mode` }),
  },
  'channel.unban_request.create': {
    label: 'Unban requests',
    describe: (e) => ({ text: `${userName(e, 'user')} asked to be unbanned` }),
  },
  'channel.unban_request.resolve': {
    label: 'Resolved unban requests',
    describe: (e) => ({
      text: `${userName(e, 'moderator', 'A moderator')} ${str(e, 'status') ?? 'resolved'} ${userName(e, 'user')}’s unban request`,
    }),
  },
  'channel.warning.send': {
    label: 'Warnings sent',
    describe: (e) => ({ text: `${moderatorName(e)} warned ${userName(e, 'user')}` }),
  },
  'channel.warning.acknowledge': {
    label: 'Warnings acknowledged',
    describe: (e) => ({ text: `${userName(e, 'user')} acknowledged a warning` }),
  },
  'channel.suspicious_user.message': {
    label: 'Suspicious users’ messages',
    describe: (e) => ({ text: `Suspicious user ${userName(e, 'user')} sent a message` }),
  },
  'channel.suspicious_user.update': {
    label: 'Suspicious user changes',
    describe: (e) => ({
      text: `${moderatorName(e)} marked ${userName(e, 'user')} as ${str(e, 'low_trust_status') ?? 'changed'}`,
    }),
  },
  'automod.message.hold': {
    label: 'AutoMod holds',
    describe: (e) => ({ text: `AutoMod held a message from ${userName(e, 'user')}` }),
  },
  'automod.message.update': {
    label: 'AutoMod decisions',
    describe: (e) => ({
      text: `${moderatorName(e)} ${str(e, 'status')?.toLowerCase() ?? 'handled'} a held message from ${userName(e, 'user')}`,
    }),
  },
  'channel.moderate': {
    label: 'Moderator actions',
    describe: (e) => {
      const action = str(e, 'action') ?? 'moderated';
      const on = obj(e, action) ?? obj(e, action.replace(/^shared_chat_/, ''));
      const targetName = on ? userName(on, 'user', '') : '';
      return {
        text: `${moderatorName(e)}: ${action.replaceAll('_', ' ')}${targetName ? ` ${targetName}` : ''}`,
      };
    },
  },

  'channel.subscribe': {
    label: 'New subscribers',
    describe: (e) => ({
      text: `${userName(e, 'user')} ${bool(e, 'is_gift') ? 'received a gifted' : 'subscribed with a'} ${tier(e) ?? 'Tier 1'} sub`,
    }),
  },
  'channel.subscription.gift': {
    label: 'Gifted subs',
    describe: (e) => {
      const total = num(e, 'total') ?? 1;
      const who = bool(e, 'is_anonymous') ? 'An anonymous gifter' : userName(e, 'user');
      return {
        text: `${who} gifted ${plural(total, `${tier(e) ?? 'Tier 1'} sub`)}`,
        amount: plural(total, 'gifted sub'),
      };
    },
  },
  'channel.subscription.message': {
    label: 'Resub messages',
    describe: (e) => {
      const months = num(e, 'cumulative_months');
      const text = str(obj(e, 'message'), 'text');
      return {
        text: `${userName(e, 'user')} resubscribed${months ? ` for ${plural(months, 'month')}` : ''}${text ? `: ${text}` : ''}`,
        amount: months ? plural(months, 'month') : undefined,
      };
    },
  },
  'channel.subscription.end': {
    label: 'Ended subs',
    describe: (e) => {
      const name = tier(e);
      return { text: `${userName(e, 'user')}’s ${name ? `${name} ` : ''}sub ended` };
    },
  },
  'channel.cheer': {
    label: 'Cheers',
    describe: (e) => {
      const bits = plural(num(e, 'bits') ?? 0, 'bit');
      const who = bool(e, 'is_anonymous') ? 'An anonymous cheerer' : userName(e, 'user');
      return { text: `${who} cheered ${bits}`, amount: bits };
    },
  },
  'channel.channel_points_custom_reward_redemption.add': {
    label: 'Reward redemptions',
    describe: (e) => {
      const cost = num(obj(e, 'reward'), 'cost');
      return {
        text: `${userName(e, 'user')} redeemed ${rewardTitle(e)}`,
        amount: cost ? plural(cost, 'point') : undefined,
      };
    },
  },
  'channel.channel_points_custom_reward_redemption.update': {
    label: 'Redemption updates',
    describe: (e) => ({
      text: `${userName(e, 'user')}’s ${rewardTitle(e)} was ${str(e, 'status') ?? 'updated'}`,
    }),
  },
  'channel.channel_points_automatic_reward_redemption.add': {
    label: 'Automatic reward redemptions',
    describe: (e) => {
      const reward = obj(e, 'reward');
      const points = num(reward, 'channel_points') ?? num(reward, 'cost');
      return {
        text: `${userName(e, 'user')} redeemed ${(str(reward, 'type') ?? 'a reward').replaceAll('_', ' ')}`,
        amount: points ? plural(points, 'point') : undefined,
      };
    },
  },
  'channel.poll.begin': {
    label: 'Polls started',
    describe: (e) => ({
      text: `Poll started: ${str(e, 'title') ?? ''} (${choiceList(arr(e, 'choices'))})`,
    }),
  },
  'channel.poll.progress': {
    label: 'Poll votes',
    describe: (e) => ({ text: `Poll update: ${str(e, 'title') ?? ''}` }),
  },
  'channel.poll.end': {
    label: 'Polls ended',
    describe: (e) => {
      const winner = [...arr(e, 'choices')].sort(
        (a, b) => (num(b, 'votes') ?? 0) - (num(a, 'votes') ?? 0),
      )[0];
      return {
        text: `Poll ended: ${str(e, 'title') ?? ''}${winner ? ` — “${str(winner, 'title') ?? ''}” won` : ''}`,
      };
    },
  },
  'channel.prediction.begin': {
    label: 'Predictions started',
    describe: (e) => ({
      text: `Prediction started: ${str(e, 'title') ?? ''} (${choiceList(arr(e, 'outcomes'))})`,
    }),
  },
  'channel.prediction.progress': {
    label: 'Prediction updates',
    describe: (e) => ({ text: `Prediction update: ${str(e, 'title') ?? ''}` }),
  },
  'channel.prediction.lock': {
    label: 'Predictions locked',
    describe: (e) => ({ text: `Prediction locked: ${str(e, 'title') ?? ''}` }),
  },
  'channel.prediction.end': {
    label: 'Predictions ended',
    describe: (e) => {
      const winnerId = str(e, 'winning_outcome_id');
      const winner = arr(e, 'outcomes').find((o) => str(o, 'id') === winnerId);
      return {
        text: `Prediction ${str(e, 'status') === 'canceled' ? 'cancelled' : 'ended'}: ${str(e, 'title') ?? ''}${winner ? ` — “${str(winner, 'title') ?? ''}” won` : ''}`,
      };
    },
  },
  'channel.hype_train.begin': {
    label: 'Hype trains started',
    describe: (e) => ({ text: `A hype train started at level ${level(e)}` }),
  },
  'channel.hype_train.progress': {
    label: 'Hype train progress',
    describe: (e) => ({ text: `Hype train at level ${level(e)}` }),
  },
  'channel.hype_train.end': {
    label: 'Hype trains ended',
    describe: (e) => ({
      text: `The hype train ended at level ${level(e)}`,
      amount: `level ${level(e)}`,
    }),
  },
  'channel.goal.begin': {
    label: 'Goals started',
    describe: (e) => ({ text: `New goal: ${goalName(e)} (target ${target(e)})` }),
  },
  'channel.goal.progress': {
    label: 'Goal progress',
    describe: (e) => ({
      text: `Goal progress: ${count(num(e, 'current_amount') ?? 0)} of ${target(e)}`,
    }),
  },
  'channel.goal.end': {
    label: 'Goals ended',
    describe: (e) => ({
      text: `Goal ${bool(e, 'is_achieved') ? 'reached' : 'ended'}: ${goalName(e)}`,
    }),
  },
  'channel.ad_break.begin': {
    label: 'Ad breaks',
    describe: (e) => {
      const seconds = num(e, 'duration_seconds');
      const duration = seconds ? `${count(seconds)} s` : undefined;
      return {
        text: `An ad break started${duration ? ` (${duration})` : ''}`,
        amount: duration,
      };
    },
  },
  'channel.charity_campaign.donate': {
    label: 'Charity donations',
    describe: (e) => {
      const amount = money(obj(e, 'amount'));
      return {
        text: `${userName(e, 'user')} donated${amount ? ` ${amount}` : ''} to ${charity(e)}`,
        amount,
      };
    },
  },
  'channel.charity_campaign.start': {
    label: 'Charity campaigns started',
    describe: (e) => ({ text: `A charity campaign for ${charity(e)} started` }),
  },
  'channel.charity_campaign.progress': {
    label: 'Charity progress',
    describe: (e) => ({ text: `Charity campaign at ${raised(e)}` }),
  },
  'channel.charity_campaign.stop': {
    label: 'Charity campaigns ended',
    describe: (e) => ({
      text: `The charity campaign for ${charity(e)} ended at ${raised(e)}`,
    }),
  },
};
