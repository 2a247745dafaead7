import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n';
import { WHISPERS_SCOPE } from '../../lib/twitch/catalog';
import { Button } from '../common/Button';

/** Opens the whispers page, for a session that may receive whispers. */
export function WhispersLink({ scopes }: { scopes: readonly string[] }) {
  if (!scopes.includes(WHISPERS_SCOPE)) return null;
  return (
    <Button
      variant="secondary"
      className="w-full py-2"
      onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/whispers.html') })}
    >
      {t('popup.openWhispers')}
    </Button>
  );
}
