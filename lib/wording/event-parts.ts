/**
 * The pieces the event descriptions are made of: names, amounts ("42 viewers", "500 bits") and the
 * raid sentence, shared by the channel's and the support tables.
 */
import { t } from '../i18n';
import { num, obj, str, userName, type Json } from '../twitch/fields';
import { count, money, tierName } from './format';
import { type Description } from './notices';

/** The words of one catalog entry. */
export interface EventWording {
  /** Short plural name for settings and status ("Follows"). */
  label: () => string;
  describe: (event: Json) => Description;
}

export const rewardTitle = (e: Json) => str(obj(e, 'reward'), 'title') ?? t('event.aReward');
export const choiceList = (items: unknown[]) =>
  items
    .map((item) => str(item, 'title'))
    .filter((title): title is string => Boolean(title))
    .join(' / ');
export const tier = (e: Json) => tierName(str(e, 'tier')) ?? tierName('1000')!;
export const user = (e: Json) => userName(e, 'user');
export const moderatorName = (e: Json) => userName(e, 'moderator_user', t('event.aModerator'));
export const goalName = (e: Json) => str(e, 'description') || (str(e, 'type') ?? t('event.goal'));
export const target = (e: Json) => {
  const amount = num(e, 'target_amount');
  return amount === undefined ? '?' : count(amount);
};
export const level = (e: Json) => count(num(e, 'level') ?? 1);
export const charity = (e: Json) => str(e, 'charity_name') ?? t('event.charity');
export const raised = (e: Json) => money(obj(e, 'current_amount')) ?? '…';
export const title = (e: Json) => str(e, 'title') ?? '';
/** "42 viewers". */
export const viewersText = (n: number) => t('amount.viewers', n, [count(n)]);
/** "500 bits". */
export const bitsText = (n: number) => t('amount.bits', n, [count(n)]);
/** "5 gifted subs". */
export const giftedSubsText = (n: number) => t('amount.giftedSubs', n, [count(n)]);
/** "12 months". */
export const monthsText = (n: number) => t('amount.months', n, [count(n)]);
export const pointsText = (n: number) => t('amount.points', n, [count(n)]);
/** A raid, whichever way it goes: "Raider raided Demo with 42 viewers". */
export const raidText = (e: Json): Description => {
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
