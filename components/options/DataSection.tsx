import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { countAllChatLines } from '../../lib/db/chat';
import { database } from '../../lib/db/database';
import { eventsToCsv, eventsToJson, exportFileName } from '../../lib/export';
import { downloadText } from './download';
import { Button } from '../common/Button';
import { Card } from './Card';
import { ErrorAlert } from '../common/ErrorAlert';

type Format = 'json' | 'csv';

/** Export the recorded events, or delete everything recorded. */
export function DataSection() {
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
      const events = await database().events.orderBy('[channelId+receivedAt]').toArray();
      if (format === 'csv')
        downloadText(exportFileName('csv'), eventsToCsv(events), 'text/csv;charset=utf-8');
      else downloadText(exportFileName('json'), eventsToJson(events), 'application/json');
      setMessage(
        `Exported ${events.length.toLocaleString('en-US')} events as ${format.toUpperCase()}.`,
      );
    } catch {
      setError('The export failed. Please try again.');
    } finally {
      setBusy(undefined);
    }
  };

  const clear = async () => {
    setBusy('clear');
    setMessage(undefined);
    setError(undefined);
    try {
      const db = database();
      await db.transaction('rw', db.events, db.chatBatches, async () => {
        await db.events.clear();
        await db.chatBatches.clear();
      });
      setConfirming(false);
      setMessage('All recorded events and chat were deleted.');
    } catch {
      setError('The data could not be deleted. Please try again.');
    } finally {
      setBusy(undefined);
    }
  };

  const summary =
    counts === undefined
      ? 'Counting…'
      : `${counts.events.toLocaleString('en-US')} events and ${counts.chat.toLocaleString('en-US')} chat lines are stored.`;

  return (
    <Card id="data" title="Your data" description={summary}>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={busy !== undefined}
          onClick={() => void exportAs('json')}
        >
          {busy === 'json' ? 'Exporting…' : 'Export events as JSON'}
        </Button>
        <Button
          variant="secondary"
          disabled={busy !== undefined}
          onClick={() => void exportAs('csv')}
        >
          {busy === 'csv' ? 'Exporting…' : 'Export events as CSV'}
        </Button>
        {!confirming && (
          <Button
            variant="danger"
            disabled={busy !== undefined}
            onClick={() => setConfirming(true)}
          >
            Clear recorded data…
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
            Delete{' '}
            {counts
              ? `all ${counts.events.toLocaleString('en-US')} events and ${counts.chat.toLocaleString('en-US')} chat lines`
              : 'everything recorded'}
            ? This cannot be undone.
          </p>
          <div className="flex gap-2">
            <Button variant="danger" disabled={busy !== undefined} onClick={() => void clear()}>
              {busy === 'clear' ? 'Deleting…' : 'Delete everything'}
            </Button>
            <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
              Cancel
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
