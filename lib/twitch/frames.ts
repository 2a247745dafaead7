/**
 * The edge: every frame from the EventSub WebSocket is parsed and checked here before anything
 * else looks at it. Anything that does not match Twitch's envelope is reported, not thrown.
 */
import { z } from 'zod';
import type { Json } from './fields';

const metadata = z.object({
  message_id: z.string().min(1).max(200),
  message_type: z.string(),
  message_timestamp: z.string(),
  subscription_type: z.string().optional(),
  subscription_version: z.string().optional(),
});

const subscription = z.object({
  id: z.string().min(1),
  type: z.string().min(1).max(200),
  version: z.string().min(1).max(20),
  status: z.string().optional(),
  condition: z.record(z.string(), z.unknown()).default({}),
});

/** A JSON object (not an array). Checked without copying: a chat firehose passes here. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const notificationPayload = z.object({
  subscription,
  event: z.custom<Record<string, unknown>>(isObject),
});

const envelopeSchema = z.object({ metadata, payload: z.unknown() });

const revocationPayload = z.object({ subscription });

export type Frame =
  | {
      kind: 'notification';
      messageId: string;
      timestamp: number;
      subscriptionId: string;
      type: string;
      version: string;
      condition: Record<string, unknown>;
      event: Json;
    }
  | {
      kind: 'revocation';
      messageId: string;
      subscriptionId: string;
      type: string;
      version: string;
      status: string;
    }
  | { kind: 'session'; messageType: string }
  | { kind: 'invalid'; reason: string };

/** RFC 3339 with up to nanoseconds → epoch ms (Date.parse only takes milliseconds). */
export function parseTimestamp(value: string): number {
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : Date.now();
}

export function parseFrame(raw: string): Frame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return { kind: 'invalid', reason: 'no EventSub envelope' };
  const { metadata: meta, payload } = envelope.data;
  switch (meta.message_type) {
    case 'notification': {
      const parsed = notificationPayload.safeParse(payload);
      if (!parsed.success)
        return { kind: 'invalid', reason: 'notification without subscription or event' };
      const { subscription: sub, event } = parsed.data;
      return {
        kind: 'notification',
        messageId: meta.message_id,
        timestamp: parseTimestamp(meta.message_timestamp),
        subscriptionId: sub.id,
        type: sub.type,
        version: sub.version,
        condition: sub.condition,
        event,
      };
    }
    case 'revocation': {
      const parsed = revocationPayload.safeParse(payload);
      if (!parsed.success) return { kind: 'invalid', reason: 'revocation without subscription' };
      const sub = parsed.data.subscription;
      return {
        kind: 'revocation',
        messageId: meta.message_id,
        subscriptionId: sub.id,
        type: sub.type,
        version: sub.version,
        status: sub.status ?? 'revoked',
      };
    }
    case 'session_welcome':
    case 'session_keepalive':
    case 'session_reconnect':
      return { kind: 'session', messageType: meta.message_type };
    default:
      return { kind: 'invalid', reason: `unknown message type ${meta.message_type.slice(0, 60)}` };
  }
}
