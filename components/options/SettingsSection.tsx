import { useState, type ChangeEvent } from 'react';
import {
  applySettings,
  describeImport,
  exportSettings,
  readSettingsFile,
  settingLabel,
  settingsFileName,
} from '../../lib/settings-file';
import {
  dismissSettingReset,
  settingResets,
  syncProblem,
  type SettingReset,
} from '../../lib/synced-storage';
import { Button } from '../common/Button';
import { ErrorAlert } from '../common/ErrorAlert';
import { useStorageItem } from '../hooks/use-storage-item';
import { Card } from './Card';
import { downloadText } from './download';
import { t } from '../../lib/i18n';

/** What the user is told of a stored setting that was not valid and was reset. */
function resetNote(reset: SettingReset): string {
  const label = settingLabel(reset.key);
  if (reset.source === 'local') return t('sync.resetLocal', [label]);
  if (reset.source === 'migration') return t('sync.resetMigration', [label]);
  return t('sync.resetSync', [label]);
}

/** Stored settings that were not valid and were reset to their defaults, until dismissed. */
function SettingResets() {
  const stored = useStorageItem(settingResets);
  const resets = Array.isArray(stored) ? stored : [];
  if (!resets.length) return null;
  return (
    <div
      role="alert"
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <ul className="list-disc pl-5">
        {resets.map((reset) => (
          <li key={`${reset.key}/${reset.source}`}>{resetNote(reset)}</li>
        ))}
      </ul>
      <div>
        <Button variant="secondary" onClick={() => void dismissSettingReset()}>
          {t('sync.dismiss')}
        </Button>
      </div>
    </div>
  );
}

/** Where the settings are kept, and the settings file: export, and import that replaces them. */
export function SettingsSection() {
  const problem = useStorageItem(syncProblem);
  const [busy, setBusy] = useState<'export' | 'import'>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const exportFile = async () => {
    setBusy('export');
    setMessage(undefined);
    setError(undefined);
    try {
      const file = await exportSettings();
      downloadText(settingsFileName(), `${JSON.stringify(file, null, 2)}\n`, 'application/json');
      setMessage(t('settingsFile.exported'));
    } catch {
      setError(t('settingsFile.exportFailed'));
    } finally {
      setBusy(undefined);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file can be chosen again after a refusal.
    event.target.value = '';
    if (!file) return;
    setBusy('import');
    setMessage(undefined);
    setError(undefined);
    try {
      const parsed = await readSettingsFile(file);
      if (!parsed.ok) {
        setError(parsed.message);
        return;
      }
      const changed = await applySettings(parsed.settings);
      setMessage(describeImport(changed, parsed.ignored));
    } catch {
      setError(t('settingsFile.readFailed'));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card id="settings" title={t('streamer.settings')} description={t('settingsFile.description')}>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={busy !== undefined} onClick={() => void exportFile()}>
          {busy === 'export' ? t('data.exporting') : t('settingsFile.export')}
        </Button>
        <label
          className={`rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-semibold text-zinc-900 focus-within:outline-2 focus-within:outline-twitch hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700 ${busy ? 'cursor-not-allowed opacity-60' : 'cursor-pointer'}`}
        >
          {busy === 'import' ? t('settingsFile.importing') : t('settingsFile.import')}
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            disabled={busy !== undefined}
            onChange={(event) => void importFile(event)}
          />
        </label>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('settingsFile.replaces')}</p>
      <p role="status" className="text-sm text-green-700 dark:text-green-400">
        {message}
      </p>
      <ErrorAlert error={error} />
      <SettingResets />
      {problem && (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {problem.message}
        </p>
      )}
    </Card>
  );
}
