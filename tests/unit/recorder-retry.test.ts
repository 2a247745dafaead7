import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanionDatabase } from '../../lib/db/database';
import { EventRecorder } from '../../lib/db/recorder';
import { ACCOUNT, notification } from './notification';

let db: CompanionDatabase;

beforeEach(async () => {
  db = new CompanionDatabase(`test-${Math.random()}`);
  await db.open();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

const quotaError = () => new DOMException('The quota is used up', 'QuotaExceededError');

/** Makes the next `count` writes fail as a full disk would. */
function failWrites(count: number) {
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  let left = count;
  return vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
    if (left > 0) {
      left -= 1;
      return Promise.reject(quotaError());
    }
    return transaction(...args);
  }) as typeof db.transaction);
}

const storedIds = async () =>
  (await db.events.toArray()).sort((a, b) => a.receivedAt - b.receivedAt).map((e) => e.id);

describe('EventRecorder when a write fails', () => {
  it('keeps the batch, lets room be made, and tries again after 100 ms, then 200 ms', async () => {
    const writes = failWrites(2);
    const onWriteError = vi.fn();
    const recorder = new EventRecorder(db, { accountId: ACCOUNT, onWriteError });
    const first = notification('channel.follow', { user_name: 'A' }, { version: '2' });
    recorder.add(first);
    const flushed = recorder.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(onWriteError).toHaveBeenCalledTimes(1);
    expect((onWriteError.mock.calls[0]![0] as Error).name).toBe('QuotaExceededError');

    // Arrives while the write waits to be tried again: it joins, after the first.
    const second = notification('channel.follow', { user_name: 'B' }, { version: '2' });
    recorder.add(second);
    await vi.advanceTimersByTimeAsync(99);
    expect(writes).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(writes).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await flushed;
    expect(writes).toHaveBeenCalledTimes(3);
    expect(await storedIds()).toEqual([first.messageId, second.messageId]);
  });

  it('gives a batch up after five retries, logs it, and records what comes next', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const writes = failWrites(6);
    const onWriteError = vi.fn();
    const recorder = new EventRecorder(db, { accountId: ACCOUNT, onWriteError });
    recorder.add(notification('channel.follow', { user_name: 'Lost' }, { version: '2' }));
    const flushed = recorder.flush();
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 800 + 1600);
    await flushed;
    expect(writes).toHaveBeenCalledTimes(6);
    expect(onWriteError).toHaveBeenCalledTimes(5);
    expect(errors).toHaveBeenCalledWith('Could not record events', expect.any(DOMException));
    expect(await db.events.count()).toBe(0);

    const next = notification('channel.follow', { user_name: 'Kept' }, { version: '2' });
    recorder.add(next);
    await recorder.flush();
    expect(await storedIds()).toEqual([next.messageId]);
  });
});
