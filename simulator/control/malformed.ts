/** Frames a well-behaved client must survive: broken JSON, unknown message types, wrong shapes. */
import { nanoTimestamp, uuid } from '../ids.js';

export type MalformedKind =
  'bad_json' | 'unknown_type' | 'wrong_shape' | 'missing_metadata' | 'not_object' | 'binary';
export const MALFORMED_KINDS: MalformedKind[] = [
  'bad_json',
  'unknown_type',
  'wrong_shape',
  'missing_metadata',
  'not_object',
  'binary',
];

/** The text frame of a malformed kind (binary frames are written as bytes by the caller). */
export function malformedFrame(kind: Exclude<MalformedKind, 'binary'>): string {
  const metadata = {
    message_id: uuid(),
    message_type: 'notification',
    message_timestamp: nanoTimestamp(),
  };
  switch (kind) {
    case 'bad_json':
      return `{"metadata":{"message_id":"${metadata.message_id}","message_type":"notification",`;
    case 'unknown_type':
      return JSON.stringify({
        metadata: { ...metadata, message_type: 'session_mystery' },
        payload: { mystery: true },
      });
    case 'wrong_shape':
      return JSON.stringify({
        metadata: {
          ...metadata,
          subscription_type: 'channel.chat.message',
          subscription_version: '1',
        },
        payload: { subscription: 'not-an-object', event: 42 },
      });
    case 'missing_metadata':
      return JSON.stringify({ payload: { event: {} } });
    case 'not_object':
      return JSON.stringify(['notification', 1, null]);
  }
}
