import { isKindEnabled } from '../../lib/notifications';
import { notificationSettings, type NotificationSettings } from '../../lib/settings';
import { notificationGroups } from './notification-groups';
import { useStorageItem } from '../hooks/use-storage-item';
import { Button } from '../common/Button';
import { Switch } from '../common/Switch';
import { Card } from './Card';
import { Loading } from '../common/Loading';
import { t } from '../../lib/i18n';

async function update(
  change: (current: NotificationSettings) => NotificationSettings,
): Promise<void> {
  await notificationSettings.setValue(change(await notificationSettings.getValue()));
}

/** Desktop notifications: on or off, with sound or not, and which kinds of event. */
export function NotificationSettingsForm() {
  const settings = useStorageItem(notificationSettings);
  return (
    <Card
      id="notifications"
      title={t('streamer.notifications')}
      description={t('notificationSettings.description')}
    >
      {settings === undefined ? (
        <Loading />
      ) : (
        <div className="space-y-4">
          <div>
            <Switch
              label={t('notificationSettings.show')}
              checked={settings.enabled}
              onChange={(enabled) => void update((s) => ({ ...s, enabled }))}
            />
            <Switch
              label={t('notificationSettings.sound')}
              description={t('notificationSettings.soundDescription')}
              checked={settings.sound}
              disabled={!settings.enabled}
              onChange={(sound) => void update((s) => ({ ...s, sound }))}
            />
          </div>
          {!settings.enabled && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {t('notificationSettings.off')}
            </p>
          )}
          <div className="grid gap-4 md:grid-cols-2">
            {notificationGroups().map((group) => (
              <fieldset
                key={group.id}
                className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700"
              >
                <legend className="px-1 font-semibold">{group.title}</legend>
                <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">{group.description}</p>
                {group.choices.map((choice) => (
                  <Switch
                    key={choice.key}
                    label={
                      <>
                        <span aria-hidden="true" className="mr-1">
                          {choice.icon}
                        </span>
                        {choice.label}
                      </>
                    }
                    checked={isKindEnabled(choice.key, settings)}
                    onChange={(on) =>
                      void update((s) => ({ ...s, types: { ...s.types, [choice.key]: on } }))
                    }
                  />
                ))}
              </fieldset>
            ))}
          </div>
          <Button variant="secondary" onClick={() => void update((s) => ({ ...s, types: {} }))}>
            {t('notificationSettings.reset')}
          </Button>
        </div>
      )}
    </Card>
  );
}
