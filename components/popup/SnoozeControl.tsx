import { sendMessage } from '../../lib/messaging';
import { heldUntil, localTimeZone, quietEndsAt, type SnoozeChoice } from '../../lib/quiet';
import { quietHours, snoozedUntil } from '../../lib/settings';
import { t } from '../../lib/i18n';
import { clockTime, weekday } from '../../lib/wording/format';
import { Button } from '../common/Button';
import { ErrorAlert } from '../common/ErrorAlert';
import { useBackgroundAction } from '../hooks/use-background-action';
import { useNow } from '../hooks/use-now';
import { useStorageItem } from '../hooks/use-storage-item';

const DAY = 24 * 60 * 60 * 1000;

/** "09:15", "tomorrow 08:00" or "Wed 08:00": when a quiet time ends, as the user reads clocks. */
export function untilText(until: number, now: number): string {
  const time = clockTime(until);
  const day = (at: number) => new Date(at).toDateString();
  if (day(until) === day(now)) return time;
  if (day(until) === day(now + DAY)) return t('snooze.tomorrowAt', [time]);
  return t('snooze.dayAt', [weekday(until), time]);
}

/** Snooze notifications for an hour or until tomorrow, or end the snooze; says until when. */
export function SnoozeControl() {
  const snooze = useStorageItem(snoozedUntil);
  const quiet = useStorageItem(quietHours);
  const now = useNow(30_000);
  const { run, busy, error } = useBackgroundAction();
  if (snooze === undefined || quiet === undefined) return null;

  const zone = localTimeZone();
  const snoozed = snooze !== null && snooze > now;
  const quietEnd = quietEndsAt(quiet, now, zone);
  const until = heldUntil(quiet, snooze, now, zone);
  const choose = (choice: SnoozeChoice) =>
    void run(async () => {
      await sendMessage('snooze', choice);
      return { ok: true };
    });

  let state: string;
  if (until === undefined) state = t('snooze.on');
  else if (snoozed && until === snooze) state = t('snooze.snoozedUntil', [untilText(until, now)]);
  else state = t('snooze.quietUntil', [untilText(quietEnd ?? until, now)]);

  return (
    <section
      aria-labelledby="snooze-title"
      className="space-y-2 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-700"
    >
      <h2 id="snooze-title" className="font-semibold">
        {t('snooze.title')}
      </h2>
      <p aria-live="polite" data-testid="snooze-state">
        {state}
        {until !== undefined && ` ${t('snooze.stillRecorded')}`}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={busy} onClick={() => choose('hour')}>
          {t('snooze.hour')}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => choose('tomorrow')}>
          {t('snooze.tomorrow')}
        </Button>
        {snoozed && (
          <Button variant="secondary" disabled={busy} onClick={() => choose('off')}>
            {t('snooze.off')}
          </Button>
        )}
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}
