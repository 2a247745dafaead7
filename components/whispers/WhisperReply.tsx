import { useId, useState, type FormEvent } from 'react';
import { t } from '../../lib/i18n';
import { sendMessage } from '../../lib/messaging';
import type { WhisperParty } from '../../lib/twitch/whisper-payload';
import { whisperRefusalWords } from '../../lib/wording/events-whisper';
import { Button } from '../common/Button';

/** The reply box of a conversation: Helix Send Whisper through the background. */
export function WhisperReply({ to }: { to: WhisperParty }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendMessage('sendWhisper', { to, text });
      if (result.ok) setText('');
      else setError(whisperRefusalWords(result, to.name));
    } catch {
      setError(t('whispers.refusal.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {t('whispers.replyTo', [to.name])}
      </label>
      <div className="flex gap-2">
        <textarea
          id={id}
          value={text}
          rows={2}
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white p-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
        <Button type="submit" disabled={busy || !text.trim()}>
          {busy ? t('whispers.sending') : t('whispers.send')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('whispers.silentDrop')}</p>
    </form>
  );
}
