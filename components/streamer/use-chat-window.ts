/**
 * The native chat's window: the newest CHAT_WINDOW lines of a channel, with deletions and clears
 * applied, kept current without re-reading the whole window on every commit.
 *
 * Under a chat firehose the recorder commits many times a second, one batch row per commit.
 * After the first read, a refresh reads the keys of the batches written since the newest one
 * shown and the rows holding the newest window of lines among them (a firehose may have written
 * many windows since). Lines already shown keep their object identity, so React renders only the
 * new ones.
 *
 * The whole window is read again when lines already shown may have changed: an event was
 * recorded (deletions and clears are events) or a batch at or below the newest one shown was
 * written or removed (retention, "delete all data"); lines that did not change keep their objects. Refreshes run one at a time, at most one per
 * `intervalMs` (leading and trailing edge: the latest state always shows), and at most four a
 * second while more than half a window arrives between two of them.
 */
import Dexie, { RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'react';
import {
  applyModeration,
  chatLinesAfter,
  lowestChatKey,
  moderationSince,
  newestChatLines,
  type ShownChatLine,
} from '../../lib/db/chat';
import type { ChatBatchKey, CompanionDatabase, StoredEvent } from '../../lib/db/database';
import { CHAT_WINDOW } from './streamer-queries';

/** At most one refresh per display frame (60 Hz). */
const CHAT_REFRESH_INTERVAL_MS = 16;
/**
 * When a refresh brings half a window or more of new lines, the chat scrolls faster than anyone
 * reads: refresh less often and leave the machine to recording.
 */
const BUSY_REFRESH_INTERVAL_MS = 250;

interface ChatWindow {
  lines: ShownChatLine[];
  /** The newest batch read: later batches hold the lines not shown yet. */
  newestKey?: ChatBatchKey;
  /** The deletions and clears that apply to the window. */
  moderation: StoredEvent[];
}

export function useChatWindow(
  db: CompanionDatabase,
  channelId: string,
  limit = CHAT_WINDOW,
  intervalMs = CHAT_REFRESH_INTERVAL_MS,
): ShownChatLine[] | undefined {
  const [state, setState] = useState<{ channelId: string; lines: ShownChatLine[] }>();

  useEffect(() => {
    let disposed = false;
    let current: ChatWindow | undefined;
    let needFull = true;
    let dirty = true;
    let running = false;
    let lastRun = 0;
    let gap = intervalMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const prefix = `idb://${db.name}/`;

    const full = async (previous?: ChatWindow): Promise<ChatWindow> => {
      const read = await db.transaction('r', db.chatBatches, db.events, async () => {
        const { lines, newestKey } = await newestChatLines(db, channelId, limit);
        const moderation = await moderationSince(db, channelId, lines[0]?.receivedAt ?? Infinity);
        return { lines: applyModeration(lines, moderation), newestKey, moderation };
      });
      if (!previous) return read;
      // Read again after an event or a prune, most lines are as they were: keep those objects,
      // so React renders only the lines that changed.
      const before = new Map(previous.lines.map((line) => [line.id, line]));
      const lines = read.lines.map((line) => {
        const was = before.get(line.id);
        return was && was.deleted === line.deleted ? was : line;
      });
      return { ...read, lines };
    };

    const incremental = async (window: ChatWindow): Promise<ChatWindow> => {
      if (!window.newestKey) return full(window);
      const {
        lines: fresh,
        newestKey,
        written,
      } = await db.transaction('r', db.chatBatches, () =>
        chatLinesAfter(db, channelId, window.newestKey!, limit),
      );
      gap = written >= limit / 2 ? Math.max(intervalMs, BUSY_REFRESH_INTERVAL_MS) : intervalMs;
      if (fresh.length === 0) return window;
      const merged = window.lines.concat(applyModeration(fresh, window.moderation));
      return {
        lines: merged.length > limit ? merged.slice(merged.length - limit) : merged,
        newestKey,
        moderation: window.moderation,
      };
    };

    const refresh = async () => {
      timer = undefined;
      if (running || disposed) return;
      running = true;
      lastRun = Date.now();
      try {
        while (dirty && !disposed) {
          dirty = false;
          const useFull = needFull || !current;
          needFull = false;
          const next = useFull ? await full(current) : await incremental(current!);
          if (disposed) return;
          if (next !== current) {
            current = next;
            setState({ channelId, lines: next.lines });
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

    const onChange = (parts: ObservabilitySet) => {
      const keys = Object.keys(parts).filter((key) => key.startsWith(prefix));
      if (keys.length === 0) return;
      if (keys.some((key) => key.startsWith(`${prefix}events/`))) needFull = true;
      const chatKeys = parts[`${prefix}chatBatches/`];
      if (chatKeys && current?.newestKey) {
        // New batches sort after the newest one shown; anything else touched what is shown.
        const shown = new RangeSet(lowestChatKey(channelId), current.newestKey);
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

  return state && state.channelId === channelId ? state.lines : undefined;
}
