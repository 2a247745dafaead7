/**
 * "Delete everything recorded" (the options' Data card): every event, every chat line, what the
 * search knows of them (its index and posting lists), the "for you" items that point at them,
 * and what Twitch said of the streams' past broadcasts. Settings and the session stay.
 */
import { clearPostings } from '../search/postings';
import type { CompanionDatabase } from './database';

export async function deleteRecordedData(db: CompanionDatabase): Promise<void> {
  await db.transaction(
    'rw',
    [db.events, db.chatBatches, db.forYou, db.chatWords, db.chatPostings, db.searchMarks],
    async () => {
      await db.events.clear();
      await db.chatBatches.clear();
      await db.chatWords.clear();
      // The posting lists hold the words of the chat deleted with them.
      await clearPostings(db);
      // What was "for you" points at the lines deleted with it.
      await db.forYou.clear();
    },
  );
  await db.streamVideos.clear();
}
