/**
 * The extension's words for events: what each kind is called and how an event reads (messages in
 * locales/*.yml); the facts stay in `lib/twitch/catalog.ts`.
 */
import {
  entryOfKind,
  kindOf,
  noticeTypeOfKind,
  type KindSource,
  type Role,
} from '../twitch/catalog';
import { eventWording } from './events';
import { noticeWording, type Description } from './notices';
import { t } from '../i18n';

export type { Description } from './notices';
export { eventWording } from './events';
export { noticeWording } from './notices';

/** A kind's label: a catalog entry's or a chat notice's, or the kind itself when it has none. */
export function labelOf(kind: string): string {
  const noticeType = noticeTypeOfKind(kind);
  if (noticeType !== undefined)
    return noticeWording[noticeType]?.label() ?? t('notificationGroups.notices');
  return eventWording[kind]?.label() ?? kind;
}

/**
 * An event in words: its kind's description, or "New <type> event" for a type the catalog does
 * not know or an event its description cannot read.
 */
export function describeEvent(event: KindSource): Description {
  const generic = { text: t('event.generic', [event.type]) };
  const entry = entryOfKind(kindOf(event));
  const wording = entry && eventWording[entry.id];
  if (!wording) return generic;
  try {
    return wording.describe(event.event);
  } catch {
    return generic;
  }
}

/** In words, for a user deciding which access to grant. */
export const roleExplanations = (): Record<Exclude<Role, 'viewer'>, string> => ({
  moderator: t('signIn.moderatorExplanation'),
  broadcaster: t('signIn.broadcasterExplanation'),
});
