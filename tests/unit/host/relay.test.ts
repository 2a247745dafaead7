import { describe, expect, it, vi } from 'vitest';
import { relay } from '../../../lib/host/relay';
import type { ListenerEvent } from '../../../lib/listener-protocol';

const ended: ListenerEvent = { kind: 'sessionEnded', reason: 'revoked' };

describe('relay: one hop of the listener’s events', () => {
  it('forwards each event unchanged', () => {
    const send = vi.fn();
    const sink = relay(send);
    const status: ListenerEvent = {
      kind: 'status',
      status: { state: 'connected', subscriptions: [], updatedAt: 1 },
    };
    sink(status);
    sink(ended);
    expect(send.mock.calls).toEqual([[status], [ended]]);
  });

  it('keeps going when the other end is gone: a refused send neither throws nor rejects', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const sink = relay(() => Promise.reject(new Error('Receiving end does not exist')));
      expect(() => sink(ended)).not.toThrow();
      const throwing = relay(() => {
        throw new Error('worker gone');
      });
      expect(() => throwing(ended)).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
