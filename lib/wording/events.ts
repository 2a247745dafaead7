/**
 * The words for every catalog entry, keyed by catalog id: a short plural label for settings and
 * status, and a description of each event ("Fan cheered 500 bits"). The words are messages
 * (`kind.*` and `event.*` in locales/*.yml); the facts stay in `lib/twitch/catalog.ts`.
 */
import { channelEventWording } from './events-channel';
import { supportEventWording } from './events-support';
import { whisperEventWording } from './events-whisper';
import type { EventWording } from './event-parts';

export type { EventWording } from './event-parts';
export { bitsText, giftedSubsText, monthsText, viewersText } from './event-parts';

/** Every catalog entry's words, keyed by catalog id. */
export const eventWording: Record<string, EventWording> = {
  ...channelEventWording,
  ...supportEventWording,
  ...whisperEventWording,
};
