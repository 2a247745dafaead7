import { sendMessage } from '../../lib/messaging';
import { requestedAccess } from '../../lib/settings';
import { useBackgroundAction } from '../hooks/use-background-action';
import { Button } from '../common/Button';
import { NoticePanel } from './NoticePanel';
import { ErrorAlert } from '../common/ErrorAlert';
import { t } from '../../lib/i18n';

/** Signed out: one button that asks the background to run the Twitch sign-in. */
export function SignedOutPanel() {
  const { run, busy, error } = useBackgroundAction();
  const signIn = () => run(async () => sendMessage('signIn', await requestedAccess.getValue()));

  return (
    <NoticePanel id="signed-out" title={t('signedOut.title')}>
      <p>{t('signedOut.intro')}</p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('signedOut.extraAccess')}</p>
      <Button onClick={() => void signIn()} disabled={busy} className="px-4 py-2">
        {busy ? t('signIn.waiting') : t('signIn.logIn')}
      </Button>
      <ErrorAlert error={error} />
    </NoticePanel>
  );
}
