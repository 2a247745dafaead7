import { useId, useState, type FormEvent } from 'react';
import { sendMessage } from '../../lib/messaging';
import { Button } from '../common/Button';
import { t } from '../../lib/i18n';

const MAX_LENGTH = 500;

/** Writes in the favorite channel's chat (through the background, which holds the token). */
export function ChatComposer({ login, channelId }: { login: string; channelId: string }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendMessage('sendChatMessage', { text: message, channelId });
      if (result.ok) setText('');
      else setError(result.error);
    } catch {
      setError(t('chat.noAnswer'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="space-y-1 border-t border-zinc-200 p-2 dark:border-zinc-800"
    >
      <label htmlFor={id} className="sr-only">
        {t('chat.messageTo', [login])}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="text"
          value={text}
          maxLength={MAX_LENGTH}
          placeholder={t('chat.placeholder')}
          autoComplete="off"
          data-chat-box
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-800"
        />
        <Button type="submit" disabled={busy || !text.trim()}>
          {busy ? t('chat.sending') : t('chat.send')}
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
