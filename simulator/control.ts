/**
 * The control surface: every operation tests, the CLI and the HTTP `/_sim/<op>` endpoint can
 * perform, composed from the groups in `control/`.
 */
import type { Activity } from './activity.js';
import type { Core } from './core.js';
import { isPlainObject } from './objects.js';
import { accessOperations } from './control/access.js';
import { archiveOperations } from './control/archive.js';
import { channelOperations } from './control/channel.js';
import { ControlError } from './control/errors.js';
import { firehoseOperations } from './control/firehose.js';
import { followOperations } from './control/follows.js';
import { inspectionOperations } from './control/inspection.js';
import { socketOperations } from './control/sockets.js';
import { whisperOperations } from './control/whispers.js';
import type { StreamSchedule } from './stream-schedule.js';

export { MALFORMED_KINDS, type MalformedKind } from './control/malformed.js';
export type { FirehoseReport } from './control/firehose.js';
export type { SessionFilter } from './control/sockets.js';

/** Operation names accepted over HTTP and the CLI. */
export const OPERATIONS = [
  'trigger',
  'setLive',
  'updateChannel',
  'firehose',
  'firehoseStop',
  'firehoseStatus',
  'dropSockets',
  'stallKeepalives',
  'silenceSockets',
  'reconnect',
  'revokeSubscription',
  'resend',
  'malformed',
  'configure',
  'issueToken',
  'expireToken',
  'revokeToken',
  'forgetGrants',
  'failHelix',
  'clearFailures',
  'setActivity',
  'setFollows',
  'populate',
  'follows',
  'setStreamSchedule',
  'sockets',
  'subscriptions',
  'tokens',
  'notifications',
  'embeds',
  'chatMessages',
  'helixCalls',
  'cdnRequests',
  'channels',
  'accounts',
  'clearLogs',
  'whisper',
  'configureWhispers',
  'whispers',
  'setVods',
  'deleteVideos',
  'createClip',
  'videos',
  'clips',
] as const;

export type Operation = (typeof OPERATIONS)[number];

export function createControl(core: Core, activity: Activity, schedule: StreamSchedule) {
  return {
    ...channelOperations(core),
    ...firehoseOperations(core),
    ...socketOperations(core),
    ...accessOperations(core, activity),
    ...followOperations(core, schedule),
    ...inspectionOperations(core),
    ...whisperOperations(core),
    ...archiveOperations(core),
  } satisfies Record<Operation, unknown>;
}

export type SimulatorControl = ReturnType<typeof createControl>;

export async function runOperation(
  control: SimulatorControl,
  op: string,
  body: unknown,
): Promise<unknown> {
  if (!(OPERATIONS as readonly string[]).includes(op))
    throw new ControlError(`unknown operation: ${op}`);
  const args = isPlainObject(body) ? body : {};
  const fn = (control as unknown as Record<string, (a: unknown) => unknown>)[op];
  if (typeof fn !== 'function') throw new ControlError(`unknown operation: ${op}`);
  return await fn(args);
}
