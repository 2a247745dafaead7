/**
 * The search index of what was recorded before it existed (schema version 5 adds it and writes
 * only the indexer's mark in its upgrade, so a database of a million lines opens at once): the
 * chat batches up to that mark that have no index rows and the events that have no words get
 * them here, newest first, a few thousand lines a transaction with a pause between, so that the
 * recorder's writes go on. Run
 * once by the background after its start; what it has done stays done if it is stopped (a
 * service worker ending), and the next start finishes it. Until then, older chat is not found.
 */
import type { ChatBatchKey, CompanionDatabase, StoredChatBatch } from '../db/database';
import { chatMark } from './indexer';
import { postLateRows } from './postings';
import { chatWordsOf, eventTextOf, indexWordsOf } from './words';

/** Lines indexed in one transaction. */
const LINES_PER_ROUND = 2_000;
/** Events given their words in one transaction. */
const EVENTS_PER_ROUND = 500;

export interface BackfillResult {
  batches: number;
  lines: number;
  events: number;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 10));
const batchId = (channelId: string, receivedAt: number, count: number) =>
  `${channelId}|${receivedAt}|${count}`;

/** Indexes every chat batch and event that has no index yet. */
export async function indexUnindexed(db: CompanionDatabase): Promise<BackfillResult> {
  const result: BackfillResult = { batches: 0, lines: 0, events: 0 };
  // Keys only: a batch is indexed when its newest block's row is there. Batches after the
  // indexer's mark are the indexer's (`indexer.ts`), even while it has not reached them.
  const [batchKeys, wordKeys, mark] = await db.transaction(
    'r',
    db.chatBatches,
    db.chatWords,
    db.searchMarks,
    () =>
      Promise.all([
        db.chatBatches.toCollection().primaryKeys(),
        db.chatWords.toCollection().primaryKeys(),
        chatMark(db),
      ]),
  );
  const indexed = new Set(
    wordKeys
      .filter((key) => key[3] === 0)
      .map(([newness, ch, count]) => batchId(ch, -newness, count)),
  );
  const missing = batchKeys
    .filter(([ch, at, count]) => at <= mark && !indexed.has(batchId(ch, at, count)))
    .sort((a, b) => b[1] - a[1]);
  for (let i = 0; i < missing.length;) {
    const round: ChatBatchKey[] = [];
    let lines = 0;
    while (i < missing.length && (round.length === 0 || lines < LINES_PER_ROUND)) {
      round.push(missing[i]!);
      lines += missing[i]![2];
      i += 1;
    }
    await db.transaction(
      'rw',
      [db.chatBatches, db.chatWords, db.chatPostings, db.searchMarks],
      async () => {
        // Read again in this transaction: retention may have deleted some meanwhile.
        const batches = (await db.chatBatches.bulkGet(round)).filter(
          (batch): batch is StoredChatBatch => batch !== undefined,
        );
        const rows = batches.flatMap(chatWordsOf);
        await db.chatWords.bulkPut(rows);
        // In an hour already packed into posting lists: a part of their own there.
        await postLateRows(db, rows);
        result.batches += batches.length;
        result.lines += batches.reduce((sum, batch) => sum + batch.count, 0);
      },
    );
    await pause();
  }
  let after: string | undefined;
  for (;;) {
    const done = await db.transaction('rw', db.events, async () => {
      const page = await (
        after === undefined ? db.events.orderBy(':id') : db.events.where(':id').above(after)
      )
        .limit(EVENTS_PER_ROUND)
        .toArray();
      if (page.length === 0) return true;
      after = page.at(-1)!.id;
      const unindexed = page.filter((event) => event.words === undefined);
      for (const event of unindexed) event.words = indexWordsOf(eventTextOf(event));
      if (unindexed.length) await db.events.bulkPut(unindexed);
      result.events += unindexed.length;
      return false;
    });
    if (done) break;
    await pause();
  }
  return result;
}
