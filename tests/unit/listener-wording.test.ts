/** The words for what the listener reports: each fact as the popup and the notification say it. */
import { describe, expect, it } from 'vitest';
import { parseListenerStatus } from '../../lib/listener-protocol';
import {
  sessionEndWords,
  statusDetailWords,
  subscriptionReasonWords,
} from '../../lib/wording/listener';

describe('listener status in words', () => {
  it('says why the connection is down, with the error’s own text when there is one', () => {
    expect(statusDetailWords({ code: 'connectionLost' })).toBe('Connection lost');
    expect(statusDetailWords({ code: 'connectionLost', cause: '[1006] gone' })).toBe(
      'Connection lost: [1006] gone',
    );
    expect(statusDetailWords({ code: 'reconnectFailed', cause: '[4007] x' })).toBe(
      'Connection lost: the reconnect Twitch asked for failed ([4007] x); connecting afresh',
    );
    expect(statusDetailWords({ code: 'reconnectFailed' })).toBe(
      'Connection lost: the reconnect Twitch asked for failed; connecting afresh',
    );
    expect(statusDetailWords({ code: 'couldNotStart', cause: 'Not signed in.' })).toBe(
      'The listener could not start: Not signed in.',
    );
    expect(statusDetailWords({ code: 'chooseToListen' })).toBe(
      'Choose a favorite streamer to start listening.',
    );
  });

  it('says why a subscription is not active', () => {
    expect(subscriptionReasonWords({ code: 'polled' })).toBe(
      'over Twitch’s cost budget: checked every minute instead',
    );
    expect(subscriptionReasonWords({ code: 'http', status: 429 })).toBe(
      'Twitch’s subscription limit was reached',
    );
    expect(subscriptionReasonWords({ code: 'http', status: 404, message: 'no such type' })).toBe(
      'no such type',
    );
    expect(subscriptionReasonWords({ code: 'http', status: 404 })).toBe('Twitch answered 404');
    expect(subscriptionReasonWords({ code: 'revoked', status: 'version_removed' })).toBe(
      'revoked by Twitch (version removed)',
    );
    expect(subscriptionReasonWords({ code: 'failed' })).toBe('failed');
  });

  it('says why the session ended', () => {
    expect(sessionEndWords('revoked')).toBe('Access to Twitch was revoked.');
    expect(sessionEndWords('refused')).toBe('Twitch no longer accepts the session.');
  });
});

describe('a stored status, as this version reads it', () => {
  it('keeps the facts', () => {
    const status = {
      state: 'reconnecting' as const,
      detail: { code: 'connectionLost' as const, cause: '[1006]' },
      nextAttemptAt: 5,
      channelIds: ['1'],
      subscriptions: [
        {
          id: 'stream.online',
          channelId: '1',
          status: 'polled' as const,
          reason: { code: 'polled' as const },
        },
      ],
      budget: { max: 10, elsewhere: 0, cost: 1 },
      updatedAt: 9,
    };
    expect(parseListenerStatus(status)).toEqual(status);
  });

  it('drops what an earlier version stored in words, and reads garbage as signed out', () => {
    const parsed = parseListenerStatus({
      state: 'error',
      detail: '\u2063["listenerState.couldNotStart",["x"]]\u2063',
      channelId: '1',
      subscriptions: [
        {
          id: 'channel.follow',
          label: 'Follows',
          status: 'refused',
          reason: 'needs moderator access',
        },
        { id: 'stream.online', channelId: '1', status: 'active', label: 'Going live' },
        'not a subscription',
      ],
      updatedAt: 3,
    });
    expect(parsed).toEqual({
      state: 'error',
      subscriptions: [
        { id: 'channel.follow', channelId: '', status: 'refused' },
        { id: 'stream.online', channelId: '1', status: 'active' },
      ],
      updatedAt: 3,
    });
    expect(parseListenerStatus('nonsense')).toEqual({
      state: 'signed_out',
      subscriptions: [],
      updatedAt: 0,
    });
    expect(parseListenerStatus({ state: 'connected' })).toMatchObject({
      state: 'connected',
      subscriptions: [],
    });
  });
});
