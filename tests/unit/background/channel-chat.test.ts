import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelSummary } from '../../../lib/background/channel';
import { sendChat } from '../../../lib/background/chat';
import { withSession } from '../../../lib/background/session';
import { getStream } from '../../../lib/twitch/helix';
import {
  authSession,
  favorites,
  sessionEndedNotice,
  type AuthSession,
} from '../../../lib/settings';
import { fakeTwitch, unauthorized, viewerSession, type Answer } from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const session = (overrides: Partial<AuthSession> = {}): AuthSession =>
  viewerSession({ scopes: ['user:read:chat', 'user:write:chat'], ...overrides });

const twitch: Answer = ({ url }) => {
  if (url.pathname === '/helix/streams')
    return Response.json({
      data: [
        {
          id: 's1',
          user_id: '100001',
          user_login: 'demo',
          user_name: 'Demo',
          game_name: 'Chess',
          type: 'live',
          title: 'Opening prep',
          viewer_count: 42,
          started_at: '2026-01-01T00:00:00Z',
        },
      ],
    });
  if (url.pathname === '/helix/channels')
    return Response.json({
      data: [{ broadcaster_id: '100001', title: 'Opening prep', game_name: 'Chess' }],
    });
  if (url.pathname === '/helix/chat/messages')
    return Response.json({ data: [{ message_id: 'm1', is_sent: true }] });
  throw new Error(`unexpected ${url}`);
};

beforeEach(async () => {
  await authSession.setValue(session());
  await favorites.setValue([{ id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 }]);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('channelSummary', () => {
  it('tells whether the favorite is live, with its title, category and viewers', async () => {
    fakeTwitch(twitch);
    expect(await channelSummary()).toMatchObject({
      isLive: true,
      title: 'Opening prep',
      gameName: 'Chess',
      viewerCount: 42,
    });
  });

  it('ends the session on a 401', async () => {
    fakeTwitch(unauthorized);
    expect(await channelSummary('100001')).toBeNull();
    expect(await authSession.getValue()).toBeNull();
    expect(await sessionEndedNotice.getValue()).not.toBeNull();
  });
});

describe('sending chat', () => {
  it('sends to the favorite as the user, and checks the text and the permission first', async () => {
    const seen = fakeTwitch(twitch);
    expect(await sendChat({ text: ' hello ', channelId: '100001' })).toEqual({ ok: true });
    expect(JSON.parse(seen[0]!.body!)).toMatchObject({
      broadcaster_id: '100001',
      sender_id: '100003',
      message: 'hello',
    });
    expect(await sendChat('x'.repeat(501))).toMatchObject({ ok: false });
    await authSession.setValue(session({ scopes: ['user:read:chat'] }));
    expect(await sendChat('hello')).toMatchObject({ ok: false });
    expect(seen).toHaveLength(1);
  });

  it('ends the session on a 401 and asks to sign in again', async () => {
    fakeTwitch(unauthorized);
    expect(await sendChat('hello')).toEqual({
      ok: false,
      error: 'Your Twitch session ended. Please sign in again.',
    });
    expect(await authSession.getValue()).toBeNull();
  });
});

describe('withSession', () => {
  it('does not run signed out, and ends only the session whose token Twitch refused', async () => {
    await authSession.setValue(null);
    const task = vi.fn(async () => 1);
    expect(await withSession(task)).toEqual({ ok: false, ended: false });
    expect(task).not.toHaveBeenCalled();

    await authSession.setValue(session());
    fakeTwitch(unauthorized);
    // The user signs in again while the refused request is on its way.
    const refused = await withSession(async (credentials) => {
      await authSession.setValue(session({ accessToken: 'newtoken0123456789' }));
      return getStream(credentials, '100001');
    });
    expect(refused).toEqual({ ok: false, ended: true });
    expect((await authSession.getValue())?.accessToken).toBe('newtoken0123456789');
  });
});
