import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { countAllChatLines } from '../../lib/db/chat';
import { database } from '../../lib/db/database';
import { deleteRecordedData } from '../../lib/db/erase';
import { eventsVisibleTo } from '../../lib/db/visibility';
import { eventsToCsv, eventsToJson, exportFileName } from '../../lib/export';
import { authProfile } from '../../lib/settings';
import { useStorageItem } from '../hooks/use-storage-item';
import { downloadText } from './download';
import { Button } from '../common/Button';
import { Card } from './Card';
import { ErrorAlert } from '../common/ErrorAlert';
import { t } from '../../lib/i18n';
import { count } from '../../lib/wording/format';

type Format = 'json' | 'csv';

/** Export the recorded events (those the signed-in account may see), or delete everything recorded. */
export function DataSection() {
  const profile = useStorageItem(authProfile);
  const counts = useLiveQuery(async () => {
    const db = database();
    return { events: await db.events.count(), chat: await countAllChatLines(db) };
  }, []);
  const [busy, setBusy] = useState<Format | 'clear'>();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const exportAs = async (format: Format) => {
    setBusy(format);
    setMessage(undefined);
    setError(undefined);
    try {
      // Role-only events only if this account received them (`visibility.ts`).
      const events = await eventsVisibleTo(database(), profile?.userId);
      if (format === 'csv')
        downloadText(exportFileName('csv'), eventsToCsv(events), 'text/csv;charset=utf-8');
      else downloadText(exportFileName('json'), eventsToJson(events), 'application/json');
      setMessage(t('data.exported', events.length, [count(events.length), format.toUpperCase()]));
    } catch {
      setError(t('data.exportFailed'));
    } finally {
      setBusy(undefined);
    }
  };

  const clear = async () => {
    setBusy('clear');
    setMessage(undefined);
    setError(undefined);
    try {
      await deleteRecordedData(database());
      setConfirming(false);
      setMessage(t('data.deleted'));
    } catch {
      setError(t('data.deleteFailed'));
    } finally {
      setBusy(undefined);
    }
  };

  const summary =
    counts === undefined
      ? t('data.counting')
      : t('data.stored', [
          t('data.events', counts.events, [count(counts.events)]),
          t('data.chatLines', counts.chat, [count(counts.chat)]),
        ]);

  return (
    <Card id="data" title={t('data.title')} description={summary}>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={busy !== undefined}
          onClick={() => void exportAs('json')}
        >
          {busy === 'json' ? t('data.exporting') : t('data.exportJson')}
        </Button>
        <Button
          variant="secondary"
          disabled={busy !== undefined}
          onClick={() => void exportAs('csv')}
        >
          {busy === 'csv' ? t('data.exporting') : t('data.exportCsv')}
        </Button>
        {!confirming && (
          <Button
            variant="danger"
            disabled={busy !== undefined}
            onClick={() => setConfirming(true)}
          >
            {t('data.clear')}
          </Button>
        )}
      </div>
      {confirming && (
        <div
          role="group"
          aria-labelledby="clear-confirm-text"
          className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
        >
          <p id="clear-confirm-text" className="text-sm">
            {counts
              ? t('data.confirmCounts', [
                  t('data.events', counts.events, [count(counts.events)]),
                  t('data.chatLines', counts.chat, [count(counts.chat)]),
                ])
              : t('data.confirmEverything')}
          </p>
          <div className="flex gap-2">
            <Button variant="danger" disabled={busy !== undefined} onClick={() => void clear()}>
              {busy === 'clear' ? t('data.deleting') : t('data.deleteEverything')}
            </Button>
            <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
      <p role="status" className="text-sm text-green-700 dark:text-green-400">
        {message}
      </p>
      <ErrorAlert error={error} />
    </Card>
  );
}
