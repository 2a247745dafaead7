/**
 * Retention from the background: every channel in the database is pruned to the retention
 * limits hourly and when the background starts — signed out or with no favorite too, when no
 * listener is there to prune as it records.
 */
import { database } from '../db/database';
import { pruneAllChannels } from '../db/retention';
import { retentionSettings } from '../settings';
import type { Feature } from './feature';

export const RETENTION_ALARM = 'retention';

export async function applyRetention(): Promise<void> {
  await pruneAllChannels(database(), await retentionSettings.getValue());
}

export const retentionFeature: Feature = {
  alarms: [{ name: RETENTION_ALARM, period: 60, run: applyRetention }],
  async start() {
    void applyRetention().catch((error: unknown) =>
      console.error('Could not apply retention', error),
    );
  },
};
