/**
 * Whispers: Helix Send Whisper and its documented refusals, as facts (the payload of a
 * `user.whisper.message` is read in `whisper-payload.ts`).
 *
 * Twitch's reference (dev.twitch.tv/docs/api/reference/#send-whisper): `POST /helix/whispers?
 * from_user_id=<the user>&to_user_id=<recipient>`, body `{ message }`, scope
 * `user:manage:whispers`, the sender needs a verified phone number. 204 when sent — or when
 * Twitch dropped it silently as suspected of breaking its rules (nothing tells which). 400: the
 * same id twice, an empty message, or a recipient who blocks whispers from strangers; 401: no
 * verified phone number, the scope missing, or the token; 403: the sender may not whisper
 * (suspended); 404: no such recipient; 429: over 3 a second, 100 a minute, or 40 new recipients a
 * day. A message longer than 500 characters (10,000 once the recipient has whispered the sender)
 * is cut, not refused.
 */
import { TWITCH_HELIX_URL } from '../config';
import { TokenInvalidError } from './auth';
import { type WhisperRefusal } from './whisper-payload';

export {
  readWhisper,
  type WhisperParty,
  type WhisperRefusal,
  type WhisperSendOutcome,
} from './whisper-payload';

/** The longest whisper to someone who has not whispered the sender; longer ones are cut. */
export const NEW_RECIPIENT_MAX_LENGTH = 500;
/** The longest whisper to someone who has whispered the sender. */
export const MAX_LENGTH = 10_000;

export type SendWhisperResult =
  { sent: true } | { sent: false; refusal: WhisperRefusal; status?: number; message?: string };

/** Twitch's own words for an error, if the body has them. */
async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : '';
  } catch {
    return '';
  }
}

/** Which documented refusal an answer is, from its status and Twitch's words. */
export function refusalOf(status: number, message: string): WhisperRefusal {
  switch (status) {
    case 400:
      if (/stranger|block/i.test(message)) return 'strangers';
      if (/different|same/i.test(message)) return 'self';
      if (/message/i.test(message)) return 'empty';
      return 'failed';
    case 401:
      if (/phone/i.test(message)) return 'noVerifiedPhone';
      if (/scope/i.test(message)) return 'missingScope';
      return 'failed';
    case 403:
      return 'notAllowed';
    case 404:
      return 'recipientNotFound';
    case 429:
      return 'rateLimited';
    default:
      return 'failed';
  }
}

/**
 * Sends a whisper as `fromUserId`. A 401 that is about the token (not the phone number or the
 * scope) throws `TokenInvalidError`, so that `withSession` ends the session; a network failure
 * throws too.
 */
export async function sendWhisper(
  credentials: { clientId: string; accessToken: string },
  fromUserId: string,
  toUserId: string,
  message: string,
): Promise<SendWhisperResult> {
  const query = new URLSearchParams({ from_user_id: fromUserId, to_user_id: toUserId });
  const response = await fetch(`${TWITCH_HELIX_URL}/whispers?${query}`, {
    method: 'POST',
    headers: {
      'Client-Id': credentials.clientId,
      Authorization: `Bearer ${credentials.accessToken}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ message }),
  });
  if (response.status === 204 || response.ok) return { sent: true };
  const text = await messageOf(response);
  const refusal = refusalOf(response.status, text);
  if (response.status === 401 && refusal === 'failed') throw new TokenInvalidError();
  return { sent: false, refusal, status: response.status, message: text };
}
