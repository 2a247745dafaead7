/** The user's settings in sync storage: moved there from an older version, retried when refused. */
import { userSettings } from '../settings';
import { moveLocalSettingsToSync, retryUnsyncedSettings } from '../synced-storage';
import { WATCHDOG, type Feature } from './feature';

/** Settings the browser refused to sync (write rate, quota) are offered again. */
const retryUnsynced = () => retryUnsyncedSettings(userSettings).catch(() => {});

export const settingsSyncFeature: Feature = {
  alarms: [{ ...WATCHDOG, run: retryUnsynced }],
  async start() {
    // Preferences an earlier version kept on this computer move to sync first (once).
    await moveLocalSettingsToSync(userSettings).catch(() => []);
    await retryUnsynced();
  },
};
