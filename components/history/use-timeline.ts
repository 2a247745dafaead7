/** Reads the timeline of a range for the signed-in account: loading, the data, or why it failed. */
import { useEffect, useState } from 'react';
import { database } from '../../lib/db/database';
import { readForYou } from '../../lib/history/for-you';
import { readTimeline, type TimelineData } from '../../lib/history/timeline';

export type TimelineRead =
  | { status: 'loading' }
  | { status: 'ready'; data: TimelineData }
  | { status: 'failed'; error: string };

export function useTimeline(
  range: { from: number; to: number } | undefined,
  accountId: string | undefined,
): TimelineRead {
  const from = range?.from;
  const to = range?.to;
  const key = `${from}|${to}|${accountId}`;
  // What was read, for which range and account: another one is loading.
  const [read, setRead] = useState<{ key: string; read: TimelineRead }>();
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    let current = true;
    const db = database();
    Promise.all([
      readTimeline(db, { from, to }, accountId),
      readForYou(db, { from, to }, accountId),
    ]).then(
      ([data, forYou]) =>
        current && setRead({ key, read: { status: 'ready', data: { ...data, forYou } } }),
      (error: unknown) =>
        current &&
        setRead({
          key,
          read: {
            status: 'failed',
            error: error instanceof Error ? error.message || error.name : String(error),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [from, to, accountId, key]);
  return read?.key === key ? read.read : { status: 'loading' };
}
