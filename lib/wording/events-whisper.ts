/** The words for whispers: the event's label and description, and each refusal to send one. */
import { t } from '../i18n';
import { readWhisper, type WhisperSendOutcome } from '../twitch/whisper-payload';
import type { EventWording } from './event-parts';
import { count } from './format';

export const whisperEventWording: Record<string, EventWording> = {
  'user.whisper.message': {
    label: () => t('kind.whisper'),
    describe: (e) => {
      const whisper = readWhisper(e);
      return {
        text: t('event.whisper', [whisper?.from.name ?? t('notice.aViewer'), whisper?.text ?? '']),
      };
    },
  },
};

/** Why a whisper was not sent, in words: Twitch's documented refusals and our own. */
export function whisperRefusalWords(
  outcome: Extract<WhisperSendOutcome, { ok: false }>,
  recipient: string,
): string {
  switch (outcome.refusal) {
    case 'empty':
      return t('whispers.refusal.empty');
    case 'self':
      return t('whispers.refusal.self');
    case 'strangers':
      return t('whispers.refusal.strangers', [recipient]);
    case 'noVerifiedPhone':
      return t('whispers.refusal.noVerifiedPhone');
    case 'missingScope':
      return t('whispers.refusal.missingScope');
    case 'notAllowed':
      return t('whispers.refusal.notAllowed');
    case 'recipientNotFound':
      return t('whispers.refusal.recipientNotFound', [recipient]);
    case 'rateLimited':
      return t('whispers.refusal.rateLimited');
    case 'tooLong':
      return t('whispers.refusal.tooLong', [count(outcome.limit ?? 0)]);
    case 'signedOut':
      return t('whispers.refusal.signedOut');
    case 'unreachable':
      return t('whispers.refusal.unreachable');
    case 'failed':
      return t('whispers.refusal.failed', [outcome.message ?? '']);
  }
}
