import { useId, useState, type FormEvent } from 'react';
import { retentionSettings, type RetentionSettings } from '../../lib/settings';
import {
  draftOf,
  RETENTION_FIELDS,
  validateField,
  validateRetention,
  type RetentionDraft,
  type RetentionErrors,
} from './retention';
import { useStorageItem } from '../hooks/use-storage-item';
import { Card } from './Card';
import { Loading } from '../common/Loading';
import { t } from '../../lib/i18n';
import { count } from '../../lib/wording/format';
import { SaveRow } from './SaveRow';

function RetentionFields({ initial }: { initial: RetentionSettings }) {
  const [draft, setDraft] = useState<RetentionDraft>(() => draftOf(initial));
  const [errors, setErrors] = useState<RetentionErrors>({});
  const [saved, setSaved] = useState(false);
  const [failed, setFailed] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailed(undefined);
    const result = validateRetention(draft);
    setErrors(result.errors);
    if (!result.settings) {
      const first = RETENTION_FIELDS.find((f) => result.errors[f.key]);
      if (first) document.getElementById(`${id}-${first.key}`)?.focus();
      return;
    }
    try {
      await retentionSettings.setValue(result.settings);
      setSaved(true);
    } catch {
      setFailed(t('retention.saveFailed'));
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        {RETENTION_FIELDS.map((field) => {
          const inputId = `${id}-${field.key}`;
          const error = errors[field.key];
          return (
            <div key={field.key} className="space-y-1">
              <label htmlFor={inputId} className="block text-sm font-semibold">
                {field.label()}{' '}
                <span className="font-normal text-zinc-600 dark:text-zinc-400">
                  {t('common.parenthesized', [field.unit()])}
                </span>
              </label>
              <input
                id={inputId}
                type="number"
                inputMode="numeric"
                min={field.min}
                max={field.max}
                step={1}
                value={draft[field.key]}
                aria-invalid={Boolean(error)}
                aria-describedby={`${inputId}-help${error ? ` ${inputId}-error` : ''}`}
                onChange={(e) => {
                  setDraft({ ...draft, [field.key]: e.target.value });
                  setSaved(false);
                }}
                onBlur={() =>
                  setErrors({
                    ...errors,
                    [field.key]: validateField(field, draft[field.key]).error,
                  })
                }
                className={`w-full rounded-md border bg-white px-2 py-1.5 text-sm dark:bg-zinc-800 ${error ? 'border-red-600 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-600'}`}
              />
              <p id={`${inputId}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
                {t('retention.range', [count(field.min), count(field.max)])} {field.help()}
              </p>
              {field.meaning && !validateField(field, draft[field.key]).error && (
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {field.meaning(Number(draft[field.key]))}
                </p>
              )}
              {error && (
                <p id={`${inputId}-error`} className="text-sm text-red-700 dark:text-red-300">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <SaveRow
        label={t('retention.save')}
        savedText={t('retention.saved')}
        saved={saved}
        failed={failed}
      />
    </form>
  );
}

/** How much is kept on this computer, and for how long. */
export function RetentionForm() {
  const settings = useStorageItem(retentionSettings);
  return (
    <Card id="retention" title={t('retention.title')} description={t('retention.description')}>
      {settings === undefined ? <Loading /> : <RetentionFields initial={settings} />}
    </Card>
  );
}
