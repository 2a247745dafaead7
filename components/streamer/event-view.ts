/** How one recorded event reads in "Recent events": icon, words, amount. Unknown types generically. */
import type { StoredEvent } from '../../lib/db/database';
import { iconOfKind, kindOf } from '../../lib/twitch/catalog';
import { describeEvent } from '../../lib/wording';

export interface EventView {
  icon: string;
  text: string;
  amount?: string;
}

const GENERIC_ICON = '📌';

export function eventView(
  event: Pick<StoredEvent, 'type' | 'version' | 'event' | 'channelId'>,
): EventView {
  const icon = iconOfKind(kindOf(event)) ?? GENERIC_ICON;
  const { text, amount } = describeEvent(event);
  return { icon, text, amount };
}
