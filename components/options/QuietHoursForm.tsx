import { useId, useState, type FormEvent } from 'react';
import { localTimeZone, parseTimeOfDay, type QuietHours } from '../../lib/quiet';
import { quietHours } from '../../lib/settings';
import { Loading } from '../common/Loading';
import { Switch } from '../common/Switch';
import { useStorageItem } from '../hooks/use-storage-item';
import { Card } from './Card';
import { t } from '../../lib/i18n';
import { clockTime } from '../../lib/wording/format';
import { SaveRow } from './SaveRow';

/** A time of day as this language writes it ("23:00", "11:00 PM"), for the examples. */
const clockExample = (hour: number) => clockTime(new Date(2000, 0, 1, hour));

type Field = 'start' | 'end';

/** What is wrong with the draft, per field; nothing when it can be saved. */
function quietHoursErrors(draft: QuietHours): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (parseTimeOfDay(draft.start) === undefined)
    errors.start = t('quiet.enterTime', [clockExample(23)]);
  if (parseTimeOfDay(draft.end) === undefined) errors.end = t('quiet.enterTime', [clockExample(8)]);
  if (!errors.start && !errors.end && parseTimeOfDay(draft.start) === parseTimeOfDay(draft.end))
    errors.end = t('quiet.sameTimes');
  return errors;
}

function QuietHoursFields({ initial }: { initial: QuietHours }) {
  const [draft, setDraft] = useState<QuietHours>(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const [failed, setFailed] = useState<string>();
  const id = useId();

  const change = (next: Partial<QuietHours>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailed(undefined);
    const found = draft.enabled ? quietHoursErrors(draft) : {};
    setErrors(found);
    const first = (['start', 'end'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    try {
      await quietHours.setValue(draft);
      setSaved(true);
    } catch {
      setFailed(t('quiet.saveFailed'));
    }
  };

  const field = (key: Field, label: string) => {
    const inputId = `${id}-${key}`;
    const error = errors[key];
    return (
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-semibold">
          {label}
        </label>
        <input
          id={inputId}
          type="time"
          required
          value={draft[key]}
          disabled={!draft.enabled}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(e) => change({ [key]: e.target.value })}
          className={`rounded-md border bg-white px-2 py-1.5 text-sm disabled:opacity-50 dark:bg-zinc-800 ${error ? 'border-red-600 dark:border-red-400' : 'border-zinc-300 dark:border-zinc-600'}`}
        />
        {error && (
          <p id={`${inputId}-error`} className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-3">
      <Switch
        checked={draft.enabled}
        onChange={(enabled) => change({ enabled })}
        label={t('quiet.everyDay')}
        description={t('quiet.timeZone', [localTimeZone(), clockExample(23), clockExample(8)])}
      />
      <div className="flex flex-wrap gap-4">
        {field('start', t('quiet.from'))}
        {field('end', t('quiet.until'))}
      </div>
      <SaveRow
        label={t('quiet.save')}
        savedText={t('common.saved')}
        saved={saved}
        failed={failed}
      />
    </form>
  );
}

/** A daily quiet period: events are still recorded, notifications wait for its end. */
export function QuietHoursForm() {
  const settings = useStorageItem(quietHours);
  return (
    <Card id="quiet-hours" title={t('quiet.title')} description={t('quiet.description')}>
      {settings === undefined ? <Loading /> : <QuietHoursFields initial={settings} />}
    </Card>
  );
}
