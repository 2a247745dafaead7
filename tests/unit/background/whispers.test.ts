import { beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { replyWithWhisper } from '../../../lib/background/whispers';
import { database, type StoredEvent } from '../../../lib/db/database';
import { conversationsOf, whisperRows, WHISPER_SENT_TYPE } from '../../../lib/db/whispers';
import { authSession, sessionEndedNotice } from '../../../lib/settings';
import { whisperRefusalWords } from '../../../lib/wording/events-whisper';
import { fakeTwitch, viewerSession, type Answer } from '../fake-twitch';

vi.mock('../../../lib/config', async (original) =>
  (await import('../configured')).configured(await original()),
);

const ME = '100003';
const FRIEND = { id: '200001', login: 'friend', name: 'Friend' };
const SEND = ['user:read:chat', 'user:read:whispers', 'user:manage:whispers'];

const sent: Answer = () => new Response(null, { status: 204 });
const refused =
  (status: number, message: string): Answer =>
  () =>
    Response.json({ error: 'x', status, message }, { status });

/** A whisper Twitch delivered from `from` to the user. */
function received(from: typeof FRIEND, text: string, at: number): StoredEvent {
  return {
    id: `m-${at}`,
    channelId: ME,
    type: 'user.whisper.message',
    version: '1',
    noticeType: '',
    occurredAt: at,
    receivedAt: at,
    recent: 0,
    event: {
      from_user_id: from.id,
      from_user_login: from.login,
      from_user_name: from.name,
      to_user_id: ME,
      to_user_login: 'viewer',
      to_user_name: 'Viewer',
      whisper_id: `w-${at}`,
      whisper: { text },
    },
    accountId: ME,
  };
}

const stored = async () => conversationsOf(await whisperRows(database(), ME), ME);

beforeEach(async () => {
  await authSession.setValue(viewerSession({ scopes: SEND }));
  await database().events.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('replying with a whisper', () => {
  it('sends as the user with Helix Send Whisper and keeps the sent whisper in its conversation', async () => {
    const seen = fakeTwitch(sent);
    await database().events.add(received(FRIEND, 'hey there', 1_000));
    expect(await replyWithWhisper({ to: FRIEND, text: ' hello back ' })).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url.pathname).toBe('/helix/whispers');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      from_user_id: ME,
      to_user_id: FRIEND.id,
    });
    expect(JSON.parse(seen[0]!.body!)).toEqual({ message: 'hello back' });
    const [conversation] = await stored();
    expect(conversation!.with).toEqual(FRIEND);
    expect(conversation!.lines.map((l) => [l.mine, l.text])).toEqual([
      [true, 'hello back'],
      [false, 'hey there'],
    ]);
    const rows = await database().events.where('type').equals(WHISPER_SENT_TYPE).toArray();
    expect(rows).toMatchObject([{ channelId: ME, accountId: ME, recent: 0 }]);
  });

  it('asks nothing of Twitch without "Send whispers", for an empty text, or to the user', async () => {
    const seen = fakeTwitch(sent);
    expect(await replyWithWhisper({ to: FRIEND, text: '   ' })).toMatchObject({
      refusal: 'empty',
    });
    expect(
      await replyWithWhisper({ to: { id: ME, login: 'viewer', name: 'Viewer' }, text: 'me' }),
    ).toMatchObject({ refusal: 'self' });
    await authSession.setValue(viewerSession({ scopes: ['user:read:whispers'] }));
    expect(await replyWithWhisper({ to: FRIEND, text: 'hi' })).toMatchObject({
      refusal: 'missingScope',
    });
    expect(seen).toHaveLength(0);
  });

  it('refuses what Twitch would cut: 500 characters to a new person, 10,000 once they whispered', async () => {
    const seen = fakeTwitch(sent);
    const outcome = await replyWithWhisper({ to: FRIEND, text: 'x'.repeat(501) });
    expect(outcome).toEqual({ ok: false, refusal: 'tooLong', limit: 500 });
    expect(whisperRefusalWords(outcome as never, 'Friend')).toBe(
      'Twitch would cut this whisper to 500 characters. Shorten it.',
    );
    expect(seen).toHaveLength(0);
    await database().events.add(received(FRIEND, 'hey', 1_000));
    expect(await replyWithWhisper({ to: FRIEND, text: 'x'.repeat(501) })).toEqual({ ok: true });
    expect(await replyWithWhisper({ to: FRIEND, text: 'x'.repeat(10_001) })).toMatchObject({
      refusal: 'tooLong',
      limit: 10_000,
    });
  });

  it('says each refusal Twitch documents in words, and keeps the session on a 401 about the phone', async () => {
    const cases: [number, string, string][] = [
      [
        400,
        "The user that you're sending the whisper to doesn't allow whispers from strangers.",
        'Friend does not accept whispers from strangers.',
      ],
      [
        401,
        'The user in the from_user_id query parameter must have a verified phone number.',
        'Twitch needs a verified phone number on your account before you can send whispers.',
      ],
      [
        403,
        'The user in the from_user_id query parameter is not allowed to send whispers.',
        'Twitch does not allow your account to send whispers right now.',
      ],
      [
        404,
        'The ID in the to_user_id query parameter was not found.',
        'Twitch does not know Friend.',
      ],
      [
        429,
        'The sending user exceeded the number of whisper requests that they may make.',
        'Too many whispers: Twitch allows 3 a second, 100 a minute and 40 different people a day. Try again later.',
      ],
    ];
    for (const [status, message, words] of cases) {
      fakeTwitch(refused(status, message));
      const outcome = await replyWithWhisper({ to: FRIEND, text: 'hi' });
      expect(outcome.ok, message).toBe(false);
      if (outcome.ok) continue;
      expect(whisperRefusalWords(outcome, FRIEND.name), message).toBe(words);
    }
    expect(await authSession.getValue()).not.toBeNull();
    expect(await stored()).toEqual([]);
  });

  it('ends the session when Twitch refuses the token itself', async () => {
    fakeTwitch(refused(401, 'Invalid OAuth token'));
    expect(await replyWithWhisper({ to: FRIEND, text: 'hi' })).toEqual({
      ok: false,
      refusal: 'signedOut',
    });
    expect(await authSession.getValue()).toBeNull();
    expect(await sessionEndedNotice.getValue()).not.toBeNull();
  });
});
