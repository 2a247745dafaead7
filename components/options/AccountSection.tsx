import { sendMessage } from '../../lib/messaging';
import { authProfile } from '../../lib/settings';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useStorageItem } from '../hooks/use-storage-item';
import { Avatar } from '../common/Avatar';
import { Button } from '../common/Button';
import { Card } from './Card';
import { ErrorAlert } from '../common/ErrorAlert';
import { Loading } from '../common/Loading';
import { t } from '../../lib/i18n';
import { around, SLOT } from '../common/around';

/** Who is signed in, and signing out. */
export function AccountSection() {
  const session = useStorageItem(authProfile);
  const { run, busy, error } = useBackgroundAction();
  const signOut = () => run(() => sendMessage('signOut', undefined));
  const signedInAs = around(t('popup.signedInAs', [SLOT]));

  return (
    <Card id="account" title={t('account.title')}>
      {session === undefined ? (
        <Loading />
      ) : session ? (
        <div className="flex flex-wrap items-center gap-3">
          <Avatar url={session.profileImageUrl} name={session.displayName} size={32} />
          <p className="flex-1 text-sm">
            {signedInAs[0]}
            <strong>{session.displayName}</strong>
            {signedInAs[1]}
          </p>
          <Button variant="secondary" disabled={busy} onClick={() => void signOut()}>
            {busy ? t('account.signingOut') : t('popup.signOut')}
          </Button>
        </div>
      ) : (
        <p className="text-sm">{t('account.notSignedIn')}</p>
      )}
      <ErrorAlert error={error} />
    </Card>
  );
}
