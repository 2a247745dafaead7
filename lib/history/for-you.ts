/**
 * The "for you" items (mentions, replies, chosen words and users, whispers) in the timeline, read
 * from the database's `forYou` table when it has one; without it there are none and the "For you
 * only" filter is not offered. Rows are read defensively: a field of the wrong type drops the row.
 */
import type { CompanionDatabase } from '../db/database';

export const FOR_YOU_KINDS = ['mention', 'reply', 'word', 'user', 'whisper'] as const;

export interface ForYouItem {
  id: string;
  kind: (typeof FOR_YOU_KINDS)[number];
  channelId: string;
  accountId: string;
  /** The chat message's id (`event.message_id`), for opening the line. */
  messageId: string;
  occurredAt: number;
  senderName: string;
  text: string;
}

const FOR_YOU_TABLE = 'forYou';

/** Whether the database keeps "for you" items. */
export const hasForYou = (db: CompanionDatabase) =>
  db.tables.some((table) => table.name === FOR_YOU_TABLE);

function parse(row: unknown): ForYouItem | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const r = row as Record<string, unknown>;
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : undefined);
  const kind = FOR_YOU_KINDS.find((k) => k === r.kind);
  const id = text('id');
  const channelId = text('channelId');
  const occurredAt = typeof r.occurredAt === 'number' ? r.occurredAt : NaN;
  if (!kind || !id || channelId === undefined || !Number.isFinite(occurredAt)) return undefined;
  return {
    id,
    kind,
    channelId,
    accountId: text('accountId') ?? '',
    messageId: text('messageId') ?? '',
    occurredAt,
    senderName: text('senderName') ?? '',
    text: text('text') ?? '',
  };
}

/** The items of `accountId` in `from` ≤ time < `to`, oldest first (none without the table). */
export async function readForYou(
  db: CompanionDatabase,
  { from, to }: { from: number; to: number },
  accountId: string | undefined,
): Promise<ForYouItem[]> {
  if (!hasForYou(db) || !accountId) return [];
  const rows: unknown[] = await db.table(FOR_YOU_TABLE).toArray();
  return rows
    .map(parse)
    .filter(
      (item): item is ForYouItem =>
        item !== undefined &&
        item.accountId === accountId &&
        item.occurredAt >= from &&
        item.occurredAt < to,
    )
    .sort((a, b) => a.occurredAt - b.occurredAt);
}
