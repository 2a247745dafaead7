/** Sending a chat message to a favorite's chat, as the signed-in user. */
import { onMessage, type ActionResult } from '../messaging';
import { sendChatMessage } from '../twitch/helix';
import { favoriteById } from './favorite';
import type { Feature } from './feature';
import { withSession } from './session';
import { t } from '../i18n';
import { count } from '../wording/format';

/** Twitch's longest chat message. */
const MAX_LENGTH = 500;

/** A text, for the first favorite's chat, or a text and the favorite whose chat it is for. */
export type ChatMessage = string | { text: string; channelId: string };

export async function sendChat(message: ChatMessage): Promise<ActionResult> {
  const favorite = await favoriteById(typeof message === 'string' ? undefined : message.channelId);
  const text = (typeof message === 'string' ? message : String(message.text ?? '')).trim();
  let sent;
  try {
    sent = await withSession(async (credentials, session): Promise<ActionResult> => {
      if (!favorite) return { ok: false, error: t('errors.signInAndChoose') };
      if (!session.scopes.includes('user:write:chat'))
        return { ok: false, error: t('errors.chatPermission') };
      if (!text || text.length > MAX_LENGTH)
        return { ok: false, error: t('errors.messageLength', [count(1), count(MAX_LENGTH)]) };
      const result = await sendChatMessage(credentials, favorite.id, session.userId, text);
      return result.sent
        ? { ok: true }
        : { ok: false, error: result.reason ?? t('errors.notSent') };
    });
  } catch {
    return { ok: false, error: t('errors.sendFailed') };
  }
  if (sent.ok) return sent.value;
  return { ok: false, error: t(sent.ended ? 'errors.signInAgain' : 'errors.signInAndChoose') };
}

export const chatFeature: Feature = {
  listen() {
    onMessage('sendChatMessage', ({ data }) => sendChat(data));
  },
};
