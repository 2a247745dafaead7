import { useId, useState } from 'react';
import { sendMessage, type SignInRequest } from '../../lib/messaging';
import { signInError } from '../../lib/settings';
import { roleExplanations } from '../../lib/wording';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useStorageItem } from '../hooks/use-storage-item';
import { Button } from '../common/Button';
import { t } from '../../lib/i18n';

const accessChoices = (): { key: keyof SignInRequest; label: string; explanation: string }[] => [
  {
    key: 'moderator',
    label: t('signIn.moderator'),
    explanation: roleExplanations().moderator,
  },
  {
    key: 'broadcaster',
    label: t('signIn.broadcaster'),
    explanation: roleExplanations().broadcaster,
  },
  {
    key: 'sendChat',
    label: t('signIn.sendChat'),
    explanation: t('signIn.sendChatExplanation'),
  },
  {
    key: 'follows',
    label: t('signIn.follows'),
    explanation: t('signIn.followsExplanation'),
  },
  {
    key: 'whispers',
    label: t('signIn.whispers'),
    explanation: t('signIn.whispersExplanation'),
  },
  {
    key: 'sendWhispers',
    label: t('signIn.sendWhispers'),
    explanation: t('signIn.sendWhispersExplanation'),
  },
];

/** Signed out: choose what to grant, then sign in (the background runs the Twitch window). */
export function SignInPanel({ notice }: { notice?: string }) {
  const [access, setAccess] = useState<SignInRequest>({
    moderator: false,
    broadcaster: false,
    sendChat: false,
    follows: true,
  });
  const { run, busy, error } = useBackgroundAction();
  // The answer to a sign-in this popup did not live to see (it closes when Twitch opens).
  const earlierError = useStorageItem(signInError);
  const id = useId();
  const shownError = error ?? earlierError?.message;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {t('signIn.title')}
      </h2>
      {notice && (
        <p
          role="status"
          className="rounded-md bg-amber-100 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {notice}
        </p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('signIn.intro')}</p>
      <fieldset className="space-y-2 text-sm">
        <legend className="sr-only">{t('signIn.extraAccess')}</legend>
        {accessChoices().map((choice) => (
          <label key={choice.key} className="flex gap-2">
            <input
              type="checkbox"
              checked={access[choice.key] ?? false}
              onChange={(e) => setAccess({ ...access, [choice.key]: e.target.checked })}
            />
            <span>
              <strong>{choice.label}</strong>
              <span className="block text-zinc-600 dark:text-zinc-400">{choice.explanation}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button
        onClick={() => void run(() => sendMessage('signIn', access))}
        disabled={busy}
        className="w-full py-2"
      >
        {busy ? t('signIn.waiting') : t('signIn.logIn')}
      </Button>
      {shownError && !busy && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {shownError}
        </p>
      )}
    </section>
  );
}
