/**
 * Whispers in the database: the ones Twitch delivered (`user.whisper.message`, recorded by the
 * listener under the user's own id) and the ones the user sent from here, stored locally as
 * `user.whisper.sent` because Twitch does not tell the sender of their own whisper. Both are the
 * account's own (`visibility.ts` shows them to it alone); read together, by conversation.
 */
import Dexie from 'dexie';
import { WHISPER_TYPE } from '../twitch/catalog';
import { readWhisper, type WhisperParty } from '../twitch/whisper-payload';
import type { CompanionDatabase, StoredEvent } from './database';
import { visibleTo } from './visibility';

/** A whisper the user sent from here: not a Twitch type, never notified. */
export const WHISPER_SENT_TYPE = 'user.whisper.sent';

/** How many whispers of an account are read at most, the newest. */
export const WHISPERS_READ_LIMIT = 2_000;

export interface WhisperLine {
  id: string;
  /** Sent by the signed-in user. */
  mine: boolean;
  text: string;
  at: number;
}

export interface Conversation {
  /** The other person. */
  with: WhisperParty;
  /** Newest first. */
  lines: WhisperLine[];
  /** Whether they have whispered the user (Twitch then takes longer whispers). */
  theyWhispered: boolean;
}

/** The stored row of a whisper the user sent. */
export function sentWhisperRow(
  from: WhisperParty,
  to: WhisperParty,
  text: string,
  at: number,
): StoredEvent {
  return {
    id: `${WHISPER_SENT_TYPE}:${crypto.randomUUID()}`,
    channelId: from.id,
    type: WHISPER_SENT_TYPE,
    version: '1',
    noticeType: '',
    occurredAt: at,
    receivedAt: at,
    recent: 0,
    event: {
      from_user_id: from.id,
      from_user_login: from.login,
      from_user_name: from.name,
      to_user_id: to.id,
      to_user_login: to.login,
      to_user_name: to.name,
      whisper: { text },
    },
    accountId: from.id,
  };
}

/** Every whisper `accountId` received or sent (the newest `limit`), newest first. */
export function whisperRows(
  db: CompanionDatabase,
  accountId: string,
  limit = WHISPERS_READ_LIMIT,
): Promise<StoredEvent[]> {
  return db.events
    .where('[channelId+receivedAt]')
    .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
    .reverse()
    .filter(
      (row) =>
        (row.type === WHISPER_TYPE || row.type === WHISPER_SENT_TYPE) && visibleTo(row, accountId),
    )
    .limit(limit)
    .toArray();
}

/**
 * The whispers (newest first) by conversation: one per other person, the one with the newest
 * whisper first. A row without both parties is left out.
 */
export function conversationsOf(rows: readonly StoredEvent[], accountId: string): Conversation[] {
  const byPerson = new Map<string, Conversation>();
  for (const row of rows) {
    const whisper = readWhisper(row.event);
    if (!whisper) continue;
    const mine = row.type === WHISPER_SENT_TYPE || whisper.from.id === accountId;
    const other = mine ? whisper.to : whisper.from;
    let conversation = byPerson.get(other.id);
    if (!conversation) {
      conversation = { with: other, lines: [], theyWhispered: false };
      byPerson.set(other.id, conversation);
    }
    if (!mine) conversation.theyWhispered = true;
    conversation.lines.push({ id: row.id, mine, text: whisper.text, at: row.receivedAt });
  }
  const list = [...byPerson.values()];
  for (const c of list) c.lines.sort((a, b) => b.at - a.at);
  return list.sort((a, b) => (b.lines[0]?.at ?? 0) - (a.lines[0]?.at ?? 0));
}
