import { describe, expect, it } from 'vitest';
import * as settings from '../../lib/settings';

/**
 * What is kept on this computer on purpose: the session, the listener's state, notices,
 * counters, and a snooze (a moment's choice on this computer) with what it held back. Anything else a user chooses is a preference and is declared with `userSetting`, so
 * it syncs and is part of the settings file.
 */
const KEPT_ON_THIS_COMPUTER = [
  'local:authSession',
  'local:authProfile',
  'local:pendingRevocations',
  'local:listenerStatus',
  'local:sessionEndedNotice',
  'local:unseenCount',
  'local:snoozedUntil',
  'local:heldNotifications',
  'local:follows',
  'local:liveStreams',
  'local:goLiveMemory',
  'local:pollSnapshot',
  'local:livePollIntervalMs',
  'local:historyLastVisit',
  'local:searchIndexComplete',
];

const storedItems = () =>
  Object.entries(settings).flatMap(([name, value]) =>
    typeof value === 'object' && value !== null && 'key' in value && 'getValue' in value
      ? [{ name, key: String((value as { key: string }).key) }]
      : [],
  );

describe('where settings are kept', () => {
  it('every local item is state of this computer; preferences are declared with userSetting', () => {
    const local = storedItems().filter((item) => item.key.startsWith('local:'));
    for (const item of local)
      expect(
        KEPT_ON_THIS_COMPUTER,
        `${item.name} (${item.key}) is kept on this computer only: declare a user preference with userSetting(key, fallback), or list it here if it is state of this computer`,
      ).toContain(item.key);
  });

  it('every synced item is a registered user setting', () => {
    const synced = storedItems().filter((item) => item.key.startsWith('sync:'));
    expect(synced.length).toBeGreaterThanOrEqual(4);
    for (const item of synced)
      expect(Object.keys(settings.userSettings)).toContain(item.key.slice('sync:'.length));
  });
});
