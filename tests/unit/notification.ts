/** Validated EventSub notifications, as the listener hands them to the recorder, for tests. */
import type { Notification } from '../../lib/db/recorder';

let seq = 0;

/** A notification about the demo channel (100001), with a fresh message id. */
export function notification(
  type: string,
  event: Record<string, unknown>,
  extra: Partial<Notification> = {},
): Notification {
  seq += 1;
  return {
    kind: 'notification',
    messageId: `msg-${seq}`,
    timestamp: Date.now(),
    subscriptionId: 'sub',
    type,
    version: '1',
    condition: { broadcaster_user_id: '100001', user_id: '100003' },
    event: { broadcaster_user_id: '100001', ...event },
    ...extra,
  };
}

/** The signed-in account the tests' recorders record for: the demo broadcaster. */
export const ACCOUNT = '100001';
