/**
 * The native chat's window: the newest CHAT_WINDOW lines of a channel, kept current without
 * re-reading the whole window on every commit.
 *
 * Under a chat firehose the recorder commits many times a second. A plain live query would read
 * the 200 newest rows (and re-render all 200 lines) on each commit; here, after the first read,
 * a commit costs a keys-only look at the window and the values of the rows that are new. Lines
 * already shown keep their object identity, so React re-renders only the new ones.
 *
 * The whole window is read again when something may have changed lines already shown: an event
 * was recorded (chat deletions and clears arrive as events, in the same transaction), a line of
 * the window was written, or a line of the window is gone. Refreshes run one at a time, at most
 * one per `intervalMs` (leading and trailing edge: the latest state always shows), and at most
 * four a second while more than half a window arrives between two of them.
 */
import Dexie, { RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'react';
import type { CompanionDatabase, StoredChatMessage } from '../db/database';
import { CHAT_WINDOW, chatWindow } from './streamer-queries';

export const CHAT_REFRESH_INTERVAL_MS = 32;
/**
 * When a refresh brings half a window or more of new lines, the chat scrolls faster than anyone
 * reads: refresh less often and leave the machine to recording.
 */
export const BUSY_REFRESH_INTERVAL_MS = 250;

type ChangedParts = ObservabilitySet;

/** A key no chat line has (ids are strings): a change range containing it is "everything". */
const NOT_AN_ID = new RangeSet(-1);

export function useChatWindow(
  db: CompanionDatabase,
  channelId: string,
  limit = CHAT_WINDOW,
  intervalMs = CHAT_REFRESH_INTERVAL_MS,
): StoredChatMessage[] | undefined {
  const [state, setState] = useState<{ channelId: string; rows: StoredChatMessage[] }>();

  useEffect(() => {
    let disposed = false;
    let rows: StoredChatMessage[] | undefined;
    let needFull = true;
    let dirty = true;
    let running = false;
    let lastRun = 0;
    let gap = intervalMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const prefix = `idb://${db.name}/`;

    const full = async () => chatWindow(db, channelId, limit);

    const incremental = async (current: StoredChatMessage[]) => {
      const oldest = current[0];
      const newest = current[current.length - 1];
      if (!oldest || !newest) return full();
      const [windowIds, fresh] = await db.transaction('r', db.chat, async () => [
        await db.chat
          .where('[channelId+receivedAt]')
          .between([channelId, oldest.receivedAt], [channelId, newest.receivedAt], true, true)
          .primaryKeys(),
        await db.chat
          .where('[channelId+receivedAt]')
          .between([channelId, newest.receivedAt], [channelId, Dexie.maxKey], false, true)
          .reverse()
          .limit(limit)
          .toArray(),
      ]);
      const present = new Set(windowIds);
      if (current.some((row) => !present.has(row.id))) return full();
      gap = fresh.length >= limit / 2 ? Math.max(intervalMs, BUSY_REFRESH_INTERVAL_MS) : intervalMs;
      if (fresh.length === 0) return current;
      fresh.reverse();
      const merged = current.concat(fresh);
      return merged.length > limit ? merged.slice(merged.length - limit) : merged;
    };

    const refresh = async () => {
      timer = undefined;
      if (running || disposed) return;
      running = true;
      lastRun = Date.now();
      try {
        while (dirty && !disposed) {
          dirty = false;
          const useFull = needFull || !rows;
          needFull = false;
          const next = useFull ? await full() : await incremental(rows!);
          if (disposed) return;
          if (next !== rows) {
            rows = next;
            setState({ channelId, rows: next });
          }
        }
      } catch (error) {
        console.error('Chat query failed', error);
        needFull = true;
      } finally {
        running = false;
      }
      if (dirty) schedule();
    };

    const schedule = () => {
      if (timer !== undefined || running) return;
      const wait = lastRun + gap - Date.now();
      if (wait <= 0) void refresh();
      else timer = setTimeout(() => void refresh(), wait);
    };

    const onChange = (parts: ChangedParts) => {
      const keys = Object.keys(parts).filter((key) => key.startsWith(prefix));
      if (keys.length === 0) return;
      if (keys.some((key) => key.startsWith(`${prefix}events/`))) needFull = true;
      const chatKeys = parts[`${prefix}chat/`];
      if (chatKeys && rows?.length && !rangesOverlap(chatKeys, NOT_AN_ID)) {
        const shown = new RangeSet();
        shown.addKeys(rows.map((row) => row.id));
        if (rangesOverlap(chatKeys, shown)) needFull = true;
      }
      dirty = true;
      schedule();
    };

    Dexie.on('storagemutated', onChange);
    void refresh();
    return () => {
      disposed = true;
      Dexie.on.storagemutated.unsubscribe(onChange);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [db, channelId, limit, intervalMs]);

  return state && state.channelId === channelId ? state.rows : undefined;
}
