import { useId, useState } from 'react';
import { sendMessage } from '../../lib/messaging';
import { signInError } from '../../lib/settings';
import { roleExplanations } from '../../lib/twitch/catalog';
import { useStorageItem } from '../../lib/ui/use-storage-item';
import { Button } from '../common/Button';

/** Signed out: choose what to grant, then sign in (the background runs the Twitch window). */
export function SignInPanel({ notice }: { notice?: string }) {
  const [moderator, setModerator] = useState(false);
  const [broadcaster, setBroadcaster] = useState(false);
  const [sendChat, setSendChat] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The answer to a sign-in this popup did not live to see (it closes when Twitch opens).
  const earlierError = useStorageItem(signInError);
  const id = useId();
  const shownError = error ?? earlierError?.message;

  const signIn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await sendMessage('signIn', { moderator, broadcaster, sendChat });
      if (!result.ok) setError(result.error);
    } catch {
      setError('The extension’s background did not answer. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Sign in to start listening
      </h2>
      {notice && (
        <p
          role="status"
          className="rounded-md bg-amber-100 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {notice}
        </p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Everyone gets go-live, raids, chat, subs, gifts, cheers and announcements. If you help run
        the channel, you can see more:
      </p>
      <fieldset className="space-y-2 text-sm">
        <legend className="sr-only">Extra access</legend>
        <label className="flex gap-2">
          <input
            type="checkbox"
            checked={moderator}
            onChange={(e) => setModerator(e.target.checked)}
          />
          <span>
            <strong>I moderate my favorite channel</strong>
            <span className="block text-zinc-600 dark:text-zinc-400">
              {roleExplanations.moderator}
            </span>
          </span>
        </label>
        <label className="flex gap-2">
          <input
            type="checkbox"
            checked={broadcaster}
            onChange={(e) => setBroadcaster(e.target.checked)}
          />
          <span>
            <strong>It is my own channel</strong>
            <span className="block text-zinc-600 dark:text-zinc-400">
              {roleExplanations.broadcaster}
            </span>
          </span>
        </label>
        <label className="flex gap-2">
          <input
            type="checkbox"
            checked={sendChat}
            onChange={(e) => setSendChat(e.target.checked)}
          />
          <span>
            <strong>Send chat messages</strong>
            <span className="block text-zinc-600 dark:text-zinc-400">
              Write in chat from the streamer page.
            </span>
          </span>
        </label>
      </fieldset>
      <Button onClick={() => void signIn()} disabled={busy} className="w-full py-2">
        {busy ? 'Waiting for Twitch…' : 'Log in with Twitch'}
      </Button>
      {shownError && !busy && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {shownError}
        </p>
      )}
    </section>
  );
}
