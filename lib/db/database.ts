/**
 * The one database: every EventSub notification, stored locally. Chat lines have their own
 * table because there are many more of them and they are pruned sooner.
 *
 * Schema changes add a new `version(n)` below with its upgrade; never edit an old one.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Json } from '../twitch/fields';

/** One notification from Twitch, as received. */
export interface StoredEvent {
  /** Twitch's `metadata.message_id`: a redelivery has the same id, so it is stored once. */
  id: string;
  /** The favorite channel it is about. */
  channelId: string;
  /** Subscription type and version, e.g. `channel.follow` / `2`. */
  type: string;
  version: string;
  /** `notice_type` of a `channel.chat.notification`, else empty. */
  noticeType: string;
  /** Twitch's `metadata.message_timestamp`, epoch ms. */
  occurredAt: number;
  /** When this browser received it, epoch ms. */
  receivedAt: number;
  /** Whether the catalog shows it under "Recent events". */
  recent: 0 | 1;
  /** The event object exactly as Twitch sent it (validated to be an object). */
  event: Json;
}

/** A `channel.chat.message`, kept for the native chat view. */
export interface StoredChatMessage {
  /** Twitch's `metadata.message_id`. */
  id: string;
  /** The chat message's own id (`event.message_id`), which deletions refer to. */
  messageId: string;
  channelId: string;
  chatterId: string;
  occurredAt: number;
  receivedAt: number;
  /** Set when Twitch said the message was deleted or the user's messages cleared. */
  deleted: 0 | 1;
  event: Json;
}

export class CompanionDatabase extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  chat!: EntityTable<StoredChatMessage, 'id'>;

  constructor(name = 'companion-for-twitch') {
    super(name);
    this.version(1).stores({
      events: 'id, [channelId+receivedAt], [channelId+recent+receivedAt], type',
      chat: 'id, messageId, [channelId+receivedAt], [channelId+chatterId]',
    });
  }
}

let instance: CompanionDatabase | undefined;

/** The database shared by every context of the extension (they are all one origin). */
export function database(): CompanionDatabase {
  instance ??= new CompanionDatabase();
  return instance;
}
