/** How one recorded event reads in "Recent events": icon, words, amount. Unknown types generically. */
import type { StoredEvent } from '../../lib/db/database';
import { catalogEntryFor, describeEvent, noticeKinds } from '../../lib/twitch/catalog';

export interface EventView {
  icon: string;
  text: string;
  amount?: string;
}

export const GENERIC_ICON = '📌';

export function eventView(
  event: Pick<StoredEvent, 'type' | 'version' | 'noticeType' | 'event'>,
): EventView {
  const entry = catalogEntryFor(event.type, event.version);
  let icon = entry?.icon ?? GENERIC_ICON;
  if (entry && event.type === 'channel.chat.notification')
    icon = noticeKinds[event.noticeType]?.icon ?? entry.icon;
  const { text, amount } = describeEvent(event);
  return { icon, text, amount };
}
