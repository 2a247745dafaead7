/**
 * A whisper's facts, shared by the recorder, the wording and the pages: the payload of a
 * `user.whisper.message` read safely, and why a whisper was not sent. No network and no build
 * configuration here (`whispers.ts` sends).
 */
import { obj, str, type Json } from './fields';

/** Why Twitch did not take a whisper: a fact the view words. */
export type WhisperRefusal =
  | 'empty'
  | 'self'
  | 'strangers'
  | 'noVerifiedPhone'
  | 'missingScope'
  | 'notAllowed'
  | 'recipientNotFound'
  | 'rateLimited'
  | 'failed';

/** One whisper of a conversation, read from a stored `user.whisper.message` (or a sent one). */
export interface WhisperParty {
  id: string;
  login: string;
  name: string;
}

/** The sender, the recipient and the text of a whisper payload; undefined when it has none. */
export function readWhisper(
  event: Json,
): { from: WhisperParty; to: WhisperParty; text: string } | undefined {
  const party = (prefix: string): WhisperParty | undefined => {
    const id = str(event, `${prefix}_id`);
    if (!id) return undefined;
    const login = str(event, `${prefix}_login`) ?? '';
    return { id, login, name: str(event, `${prefix}_name`) || login || id };
  };
  const from = party('from_user');
  const to = party('to_user');
  if (!from || !to) return undefined;
  return { from, to, text: str(obj(event, 'whisper'), 'text') ?? '' };
}

/** What the background answers a page that sent a whisper. */
export type WhisperSendOutcome =
  | { ok: true }
  | {
      ok: false;
      /**
       * Twitch's refusal, or ours before asking: signed out (or the session ended), the
       * "Send whispers" scope not granted, longer than Twitch would take (`limit`), or Twitch
       * not reached.
       */
      refusal: WhisperRefusal | 'signedOut' | 'tooLong' | 'unreachable';
      limit?: number;
      /** Twitch's own words, for a refusal it did not document. */
      message?: string;
    };
