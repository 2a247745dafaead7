/**
 * Who may see a recorded event. Public events (chat, going live, raids, chat notices…) are shown
 * to whoever is signed in. Role-only ones — what Twitch sends a moderator or the broadcaster
 * only (follows, AutoMod holds, unban requests, subscriptions, redemptions…, by the catalog's
 * role) — are shown only to the account that received them, never to the next one signed in on
 * the same browser profile. Every reader of events that shows or exports them goes through here.
 */
import { entryOfKind, kindOf } from '../twitch/catalog';
import type { CompanionDatabase, StoredEvent } from './database';

/**
 * Whether only a moderator or the broadcaster receives events of this kind, or only the user
 * (whispers). A type the catalog does not know is treated as role-only: it is not known to be
 * public.
 */
export function isRoleOnly(event: Pick<StoredEvent, 'type' | 'version' | 'event' | 'channelId'>) {
  const entry = entryOfKind(kindOf(event));
  // A whisper is the signed-in user's own: as private as what a role brings.
  return entry?.role !== 'viewer' || entry.perUser === true;
}

/**
 * Whether `event` may be shown to the signed-in account `accountId` (undefined: nobody signed
 * in, or not known yet). A role-only event recorded before accounts were kept (`accountId` empty)
 * is shown to nobody.
 */
export function visibleTo(event: StoredEvent, accountId: string | undefined): boolean {
  if (!isRoleOnly(event)) return true;
  return Boolean(accountId) && event.accountId === accountId;
}

/** Every stored event `accountId` may see, channel by channel in arrival order (for export). */
export function eventsVisibleTo(
  db: CompanionDatabase,
  accountId: string | undefined,
): Promise<StoredEvent[]> {
  return db.events
    .orderBy('[channelId+receivedAt]')
    .filter((event) => visibleTo(event, accountId))
    .toArray();
}
