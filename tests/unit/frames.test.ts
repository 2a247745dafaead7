import { describe, expect, it } from 'vitest';
import { parseFrame, parseTimestamp } from '../../lib/twitch/frames';

const notification = {
  metadata: {
    message_id: 'm-1',
    message_type: 'notification',
    message_timestamp: '2026-11-28T10:00:00.123456789Z',
    subscription_type: 'channel.follow',
    subscription_version: '2',
  },
  payload: {
    subscription: {
      id: 'sub-1',
      status: 'enabled',
      type: 'channel.follow',
      version: '2',
      cost: 0,
      condition: { broadcaster_user_id: '100001', moderator_user_id: '100002' },
      transport: { method: 'websocket', session_id: 's' },
      created_at: '2026-11-28T09:00:00.000Z',
    },
    event: { user_id: '5', user_name: 'Fan', new_field: { nested: true } },
  },
};

describe('parseFrame', () => {
  it('reads a notification, keeping unknown fields', () => {
    const frame = parseFrame(JSON.stringify(notification));
    expect(frame).toMatchObject({
      kind: 'notification',
      messageId: 'm-1',
      type: 'channel.follow',
      version: '2',
      subscriptionId: 'sub-1',
      timestamp: Date.parse('2026-11-28T10:00:00.123Z'),
      event: { user_id: '5', new_field: { nested: true } },
    });
  });

  it('reads a revocation', () => {
    const frame = parseFrame(
      JSON.stringify({
        metadata: { ...notification.metadata, message_type: 'revocation' },
        payload: {
          subscription: { ...notification.payload.subscription, status: 'authorization_revoked' },
        },
      }),
    );
    expect(frame).toMatchObject({
      kind: 'revocation',
      status: 'authorization_revoked',
      subscriptionId: 'sub-1',
    });
  });

  it.each([
    ['not JSON', '{"metadata":'],
    ['no envelope', '{"hello":1}'],
    [
      'unknown message type',
      JSON.stringify({
        metadata: { ...notification.metadata, message_type: 'surprise' },
        payload: {},
      }),
    ],
    [
      'a notification without an event',
      JSON.stringify({
        ...notification,
        payload: { subscription: notification.payload.subscription },
      }),
    ],
    [
      'an event that is not an object',
      JSON.stringify({ ...notification, payload: { ...notification.payload, event: [1, 2] } }),
    ],
  ])('reports %s as invalid instead of throwing', (_name, raw) => {
    expect(parseFrame(raw).kind).toBe('invalid');
  });

  it('recognises session messages', () => {
    expect(
      parseFrame(
        JSON.stringify({
          metadata: { ...notification.metadata, message_type: 'session_keepalive' },
          payload: {},
        }),
      ),
    ).toEqual({
      kind: 'session',
      messageType: 'session_keepalive',
    });
  });
});

describe('parseTimestamp', () => {
  it('accepts RFC 3339 with nanoseconds', () => {
    expect(parseTimestamp('2023-07-19T14:56:51.634234626Z')).toBe(
      Date.parse('2023-07-19T14:56:51.634Z'),
    );
  });
});
