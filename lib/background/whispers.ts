/**
 * Replying to whispers: Helix Send Whisper as the signed-in user (through `withSession`, so a
 * refused token ends the session), and the sent whisper stored in its conversation — Twitch does
 * not deliver the sender's own whisper over EventSub.
 */
import { database } from '../db/database';
import { sentWhisperRow, whisperRows } from '../db/whispers';
import { onMessage } from '../messaging';
import { SEND_WHISPERS_SCOPE } from '../twitch/catalog';
import {
  MAX_LENGTH,
  NEW_RECIPIENT_MAX_LENGTH,
  readWhisper,
  sendWhisper,
  type WhisperParty,
  type WhisperSendOutcome,
} from '../twitch/whispers';
import type { Feature } from './feature';
import { withSession } from './session';

/** Whether `userId` has whispered `accountId` (then Twitch takes whispers up to 10,000). */
async function hasWhispered(accountId: string, userId: string): Promise<boolean> {
  const rows = await whisperRows(database(), accountId);
  return rows.some((row) => readWhisper(row.event)?.from.id === userId);
}

export async function replyWithWhisper(request: {
  to: WhisperParty;
  text: string;
}): Promise<WhisperSendOutcome> {
  const text = String(request.text ?? '').trim();
  const to = request.to;
  let outcome;
  try {
    outcome = await withSession(async (credentials, session): Promise<WhisperSendOutcome> => {
      if (!session.scopes.includes(SEND_WHISPERS_SCOPE))
        return { ok: false, refusal: 'missingScope' };
      if (!text) return { ok: false, refusal: 'empty' };
      if (to.id === session.userId) return { ok: false, refusal: 'self' };
      // Twitch cuts a longer whisper without saying so: refused here, so nothing is cut.
      const limit = (await hasWhispered(session.userId, to.id))
        ? MAX_LENGTH
        : NEW_RECIPIENT_MAX_LENGTH;
      if ([...text].length > limit) return { ok: false, refusal: 'tooLong', limit };
      const result = await sendWhisper(credentials, session.userId, to.id, text);
      if (!result.sent)
        return { ok: false, refusal: result.refusal, message: result.message || undefined };
      const me = { id: session.userId, login: session.login, name: session.displayName };
      await database().events.add(sentWhisperRow(me, to, text, Date.now()));
      return { ok: true };
    });
  } catch {
    return { ok: false, refusal: 'unreachable' };
  }
  return outcome.ok ? outcome.value : { ok: false, refusal: 'signedOut' };
}

export const whispersFeature: Feature = {
  listen() {
    onMessage('sendWhisper', ({ data }) => replyWithWhisper(data));
  },
};
