/** How one recorded event reads in "Recent events": icon, words, amount. Unknown types generically. */
import type { StoredEvent } from '../db/database';
import { catalogEntryFor, noticeKinds } from '../twitch/catalog';

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
  if (!entry) return { icon: GENERIC_ICON, text: `New ${event.type} event` };
  let icon = entry.icon;
  if (event.type === 'channel.chat.notification')
    icon = noticeKinds[event.noticeType]?.icon ?? entry.icon;
  try {
    const { text, amount } = entry.describe(event.event);
    return { icon, text, amount };
  } catch {
    return { icon, text: `New ${event.type} event` };
  }
}
