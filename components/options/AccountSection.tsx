import { sendMessage } from '../../lib/messaging';
import { authProfile } from '../../lib/settings';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useStorageItem } from '../hooks/use-storage-item';
import { Avatar } from '../common/Avatar';
import { Button } from '../common/Button';
import { Card } from './Card';
import { ErrorAlert } from '../common/ErrorAlert';
import { Loading } from '../common/Loading';

/** Who is signed in, and signing out. */
export function AccountSection() {
  const session = useStorageItem(authProfile);
  const { run, busy, error } = useBackgroundAction();
  const signOut = () => run(() => sendMessage('signOut', undefined));

  return (
    <Card id="account" title="Twitch account">
      {session === undefined ? (
        <Loading />
      ) : session ? (
        <div className="flex flex-wrap items-center gap-3">
          <Avatar url={session.profileImageUrl} name={session.displayName} size={32} />
          <p className="flex-1 text-sm">
            Signed in as <strong>{session.displayName}</strong>
          </p>
          <Button variant="secondary" disabled={busy} onClick={() => void signOut()}>
            {busy ? 'Signing out…' : 'Sign out'}
          </Button>
        </div>
      ) : (
        <p className="text-sm">
          Not signed in. Log in with Twitch from the extension’s toolbar popup.
        </p>
      )}
      <ErrorAlert error={error} />
    </Card>
  );
}
