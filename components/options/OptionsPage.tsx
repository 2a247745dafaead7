import { AboutSection } from './AboutSection';
import { AccountSection } from './AccountSection';
import { DataSection } from './DataSection';
import { FollowsSection } from './FollowsSection';
import { MentionsSection } from './MentionsSection';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import { QuietHoursForm } from './QuietHoursForm';
import { RetentionForm } from './RetentionForm';
import { SettingsSection } from './SettingsSection';
import { ShortcutsSection } from './ShortcutsSection';
import { t } from '../../lib/i18n';

/**
 * Settings: notifications, quiet hours, keyboard shortcuts, how long data is kept, the settings
 * file, export and deletion of the data, account, about.
 */
export function OptionsPage() {
  return (
    <div className="min-h-screen bg-zinc-50 text-base dark:bg-zinc-950">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-3">
          <img src="/icon/32.png" alt="" width={28} height={28} />
          <h1 className="text-xl font-bold">{t('options.title')}</h1>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 p-4">
        <NotificationSettingsForm />
        <MentionsSection />
        <FollowsSection />
        <QuietHoursForm />
        <ShortcutsSection />
        <RetentionForm />
        <SettingsSection />
        <DataSection />
        <AccountSection />
        <AboutSection />
      </main>
    </div>
  );
}
