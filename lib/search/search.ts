/**
 * Search over the whole record: every recorded chat line of every channel and the words of
 * every event, newest first. How it finds them: `engine.ts`; what is indexed: `words.ts`.
 */
import type { CompanionDatabase } from '../db/database';
import { authProfile } from '../settings';
import { searchRecord, type SearchHit, type SearchOptions } from './engine';

export type { SearchHit, SearchOptions } from './engine';
export { DEFAULT_SEARCH_LIMIT } from './engine';

/**
 * The hits for `query`: whole words in any case, every word required (a last word ending in `*`
 * matches the words it begins), lines Twitch deleted left out; events only those the signed-in
 * account may see (`visibility.ts`). At most `limit` (100), newest first.
 */
export async function search(
  db: CompanionDatabase,
  query: string,
  options: SearchOptions,
): Promise<SearchHit[]> {
  const accountId = (await authProfile.getValue())?.userId;
  return searchRecord(db, query, options, accountId);
}
