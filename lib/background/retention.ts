/**
 * Retention from the background: every channel in the database is pruned to the retention
 * limits hourly and when the background starts — signed out or with no favorite too, when no
 * listener is there to prune as it records. After the first, the chat a stopped listener left
 * unindexed, and (once) what was recorded before the search index existed, are indexed.
 */
import { database } from '../db/database';
import { pruneAllChannels } from '../db/retention';
import { indexUnindexed } from '../search/backfill';
import { indexChatAfterMark } from '../search/indexer';
import { compactPostings } from '../search/postings';
import { retentionSettings, searchIndexComplete } from '../settings';
import type { Feature } from './feature';

export const RETENTION_ALARM = 'retention';

export async function applyRetention(): Promise<void> {
  await pruneAllChannels(database(), await retentionSettings.getValue());
  // The posting lists of the hours retention emptied go, and what a quiet chat left is packed.
  await compactPostings(database());
}

/**
 * Indexes for search what was recorded before the index existed, once (after retention), and the
 * chat a stopped listener recorded but did not index yet (its indexer follows it by up to a second).
 */
export async function completeSearchIndex(): Promise<void> {
  await indexChatAfterMark(database());
  if (await searchIndexComplete.getValue()) return;
  await indexUnindexed(database());
  await searchIndexComplete.setValue(true);
  await compactPostings(database());
}

export const retentionFeature: Feature = {
  alarms: [{ name: RETENTION_ALARM, period: 60, run: applyRetention }],
  async start() {
    void applyRetention()
      .catch((error: unknown) => console.error('Could not apply retention', error))
      .then(completeSearchIndex)
      .catch((error: unknown) => console.error('Could not index older records', error));
  },
};
