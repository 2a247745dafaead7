import { sendMessage } from '../../lib/messaging';
import { requestedAccess } from '../../lib/settings';
import { useBackgroundAction } from '../hooks/use-background-action';
import { Button } from '../common/Button';
import { NoticePanel } from './NoticePanel';
import { ErrorAlert } from '../common/ErrorAlert';

/** Signed out: one button that asks the background to run the Twitch sign-in. */
export function SignedOutPanel() {
  const { run, busy, error } = useBackgroundAction();
  const signIn = () => run(async () => sendMessage('signIn', await requestedAccess.getValue()));

  return (
    <NoticePanel id="signed-out" title="You are signed out">
      <p>
        Log in with your Twitch account to follow your favorite streamer here: the live player, chat
        and every event as it happens.
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        To choose extra access (moderator, broadcaster, sending chat), use the toolbar popup before
        logging in.
      </p>
      <Button onClick={() => void signIn()} disabled={busy} className="px-4 py-2">
        {busy ? 'Waiting for Twitch…' : 'Log in with Twitch'}
      </Button>
      <ErrorAlert error={error} />
    </NoticePanel>
  );
}
