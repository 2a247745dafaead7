import { deepMerge } from '../objects.js';
import type { World } from '../world.js';
import {
  adBreakBegin,
  channelFollow,
  channelRaid,
  channelUpdate,
  sharedChat,
  shoutoutCreate,
  shoutoutReceive,
  streamOffline,
  streamOnline,
} from './channel.js';
import {
  chatClear,
  chatClearUserMessages,
  chatMessage,
  chatMessageDelete,
  chatSettingsUpdate,
  userMessage,
} from './chat.js';
import { chatNotification } from './chat-notification.js';
import { Memory } from './common.js';
import type { Generated, Generator, TriggerOptions } from './common.js';
import { poll, prediction } from './engagement.js';
import { whisperMessage } from './whisper.js';
import {
  automodHold,
  automodSettingsUpdate,
  automodTermsUpdate,
  automodUpdate,
  channelModerate,
  shieldMode,
  suspiciousUserMessage,
  suspiciousUserUpdate,
  unbanRequestCreate,
  unbanRequestResolve,
  warningAcknowledge,
  roleChange,
  warningSend,
} from './moderation.js';
import {
  automaticRedemption,
  bitsUse,
  charity,
  cheer,
  customReward,
  goal,
  hypeTrain,
  redemption,
  subscribe,
  subscriptionEnd,
  subscriptionGift,
  subscriptionMessage,
} from './monetization.js';

export type { Generated, TriggerOptions } from './common.js';
export { NOTICE_TYPES } from './chat-notification.js';

/** A payload generator for every type in the catalogue. */
export const GENERATORS: Record<string, Generator> = {
  'stream.online': streamOnline,
  'stream.offline': streamOffline,
  'channel.update': channelUpdate,
  'channel.raid': channelRaid,
  'channel.shared_chat.begin': sharedChat('begin'),
  'channel.shared_chat.update': sharedChat('update'),
  'channel.shared_chat.end': sharedChat('end'),
  'channel.chat.message': chatMessage,
  'channel.chat.notification': chatNotification,
  'channel.chat.message_delete': chatMessageDelete,
  'channel.chat.clear': chatClear,
  'channel.chat.clear_user_messages': chatClearUserMessages,
  'channel.chat_settings.update': chatSettingsUpdate,
  'channel.chat.user_message_hold': userMessage('hold'),
  'channel.chat.user_message_update': userMessage('update'),
  'channel.follow': channelFollow,
  'channel.shoutout.create': shoutoutCreate,
  'channel.shoutout.receive': shoutoutReceive,
  'channel.shield_mode.begin': shieldMode('begin'),
  'channel.shield_mode.end': shieldMode('end'),
  'channel.unban_request.create': unbanRequestCreate,
  'channel.unban_request.resolve': unbanRequestResolve,
  'channel.warning.send': warningSend,
  'channel.warning.acknowledge': warningAcknowledge,
  'channel.suspicious_user.message': suspiciousUserMessage,
  'channel.suspicious_user.update': suspiciousUserUpdate,
  'automod.message.hold': automodHold,
  'automod.message.update': automodUpdate,
  'automod.settings.update': automodSettingsUpdate,
  'automod.terms.update': automodTermsUpdate,
  'channel.moderate': channelModerate,
  'channel.subscribe': subscribe,
  'channel.subscription.gift': subscriptionGift,
  'channel.subscription.message': subscriptionMessage,
  'channel.subscription.end': subscriptionEnd,
  'channel.cheer': cheer,
  'channel.bits.use': bitsUse,
  'channel.vip.add': roleChange,
  'channel.vip.remove': roleChange,
  'channel.moderator.add': roleChange,
  'channel.moderator.remove': roleChange,
  'channel.channel_points_custom_reward.add': customReward('add'),
  'channel.channel_points_custom_reward.update': customReward('update'),
  'channel.channel_points_custom_reward.remove': customReward('remove'),
  'channel.channel_points_custom_reward_redemption.add': redemption('add'),
  'channel.channel_points_custom_reward_redemption.update': redemption('update'),
  'channel.channel_points_automatic_reward_redemption.add': automaticRedemption,
  'channel.poll.begin': poll('begin'),
  'channel.poll.progress': poll('progress'),
  'channel.poll.end': poll('end'),
  'channel.prediction.begin': prediction('begin'),
  'channel.prediction.progress': prediction('progress'),
  'channel.prediction.lock': prediction('lock'),
  'channel.prediction.end': prediction('end'),
  'channel.hype_train.begin': hypeTrain('begin'),
  'channel.hype_train.progress': hypeTrain('progress'),
  'channel.hype_train.end': hypeTrain('end'),
  'channel.goal.begin': goal('begin'),
  'channel.goal.progress': goal('progress'),
  'channel.goal.end': goal('end'),
  'channel.ad_break.begin': adBreakBegin,
  'channel.charity_campaign.donate': charity('donate'),
  'channel.charity_campaign.start': charity('start'),
  'channel.charity_campaign.progress': charity('progress'),
  'channel.charity_campaign.stop': charity('stop'),
  'user.whisper.message': whisperMessage,
};

export class EventFactory {
  readonly memory = new Memory();
  constructor(private readonly world: World) {}

  generate(opts: TriggerOptions): Generated {
    const generator = GENERATORS[opts.type];
    if (!generator) throw new Error(`no generator for event type ${opts.type}`);
    const { account, channel } = this.world.channelFor(opts.channel ?? 'demo');
    const generated = generator({
      world: this.world,
      channel: account,
      state: channel,
      opts,
      memory: this.memory,
    });
    if (opts.overrides) generated.event = deepMerge(generated.event, opts.overrides);
    return generated;
  }
}
