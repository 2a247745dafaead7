/**
 * The search index of the chat, written behind the recorder: the recorder stores chat and events
 * as fast as they come (no index work in its transaction), and the indexer in the same context
 * follows it, at most `INDEX_DELAY_MS` after a write, indexing the batches after its mark (the
 * `receivedAt` of the newest batch it has indexed) oldest first, a bounded number of lines a
 * transaction with a pause between, so that the recorder's writes go on — and while the chat is
 * busy, not at all until it calms down or the index is a minute behind (`ChatIndexer`). The mark is written in
 * the transaction that writes the index rows: a batch is indexed once, and a restarted indexer
 * resumes where the last one stopped. A batch retention deleted before its turn is skipped.
 *
 * Chat stored before the index existed is below the mark the version 5 upgrade writes and is
 * indexed by the back-fill (`backfill.ts`).
 */
import { singleFlight } from '../concurrency';
import { highestChatKey, lowestChatKey } from '../db/chat';
import type { ChatBatchKey, CompanionDatabase, StoredChatBatch } from '../db/database';
import { compactPostings, type CompactResult } from './postings';
import { chatWordsOf } from './words';

/** How far the index is: every chat batch received at or before `receivedAt` is indexed. */
export interface SearchMark {
  id: 'chat';
  receivedAt: number;
}

/** How long after a write its chat is indexed at the latest (unless the indexer is behind). */
export const INDEX_DELAY_MS = 500;
/** Lines indexed in one transaction. */
const LINES_PER_ROUND = 1_000;
/** The pause between two rounds, in which the recorder's writes go first. */
const PAUSE_MS = 20;
/** The lines of the recorder's latest writes kept at hand, so that they are not read back. */
const WRITTEN_LINES = 20_000;
/**
 * Above this many lines a second (stored in the last second) the chat is busy: the indexer waits
 * for it to calm down, so that the recorder has the database and the thread to itself…
 */
export const BUSY_LINES_PER_SECOND = 1_000;
/** …unless the oldest line not indexed was stored this long ago: then it indexes a round. */
export const MAX_BEHIND_MS = 60_000;
/** How often a waiting indexer looks whether the chat has calmed down. */
const CALM_CHECK_MS = 250;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));

/** The indexer's mark: chat received after it is not indexed yet (−∞ in a new database). */
export async function chatMark(db: CompanionDatabase): Promise<number> {
  return (await db.searchMarks.get('chat'))?.receivedAt ?? -Infinity;
}

/**
 * The keys of the oldest batches received after `mark`, across channels, together at most
 * `lines` lines (at least one batch). Keys only: no line is read.
 */
async function batchesAfter(
  db: CompanionDatabase,
  mark: number,
  lines: number,
): Promise<ChatBatchKey[]> {
  const keys: ChatBatchKey[] = [];
  let channel: string | undefined;
  for (;;) {
    const clause = db.chatBatches.where(':id');
    const [next]: ChatBatchKey[] = await (
      channel === undefined
        ? clause.aboveOrEqual(lowestChatKey(''))
        : clause.above(highestChatKey(channel))
    )
      .limit(1)
      .primaryKeys();
    if (!next) break;
    channel = next[0];
    // A channel's first `lines` batches after the mark hold at least `lines` lines.
    keys.push(
      ...(await db.chatBatches
        .where(':id')
        .between([channel, mark, Infinity], highestChatKey(channel), false, true)
        .limit(lines)
        .primaryKeys()),
    );
  }
  keys.sort((a, b) => a[1] - b[1]);
  const round: ChatBatchKey[] = [];
  let count = 0;
  for (const key of keys) {
    if (round.length > 0 && count + key[2] > lines) break;
    round.push(key);
    count += key[2];
  }
  return round;
}

const batchId = ([channelId, receivedAt, count]: ChatBatchKey) =>
  `${channelId}|${receivedAt}|${count}`;

export interface IndexResult {
  batches: number;
  lines: number;
}

/**
 * Indexes every chat batch received after the mark, in rounds of at most `lines` lines: each
 * round's batches are read and their index rows made outside any write, then written with the
 * new mark in one transaction that checks the batches are still there (retention may have
 * deleted them meanwhile: skipped, no index row for chat that is gone) and the mark has not
 * moved (another indexer did them: not indexed twice). `beforeWrite` is for tests.
 */
export async function indexChatAfterMark(
  db: CompanionDatabase,
  options: {
    lines?: number;
    /** Batches the recorder just wrote, by `batchId`: used (and taken out) instead of read. */
    written?: Map<string, StoredChatBatch>;
    beforeWrite?: () => Promise<void>;
    /**
     * Awaited before each round (instead of the pause between rounds): false stops. Given
     * what was indexed so far.
     */
    beforeRound?: (first: boolean, done: IndexResult) => Promise<boolean>;
  } = {},
): Promise<IndexResult> {
  const written = options.written ?? new Map<string, StoredChatBatch>();
  const result: IndexResult = { batches: 0, lines: 0 };
  for (let first = true; ; first = false) {
    if (options.beforeRound) {
      if (!(await options.beforeRound(first, result))) return result;
    } else if (!first) await pause();
    const [round, batches] = await db.transaction('r', db.chatBatches, db.searchMarks, async () => {
      const keys = await batchesAfter(db, await chatMark(db), options.lines ?? LINES_PER_ROUND);
      const unknown = keys.filter((key) => !written.has(batchId(key)));
      const read = new Map(
        (await db.chatBatches.bulkGet(unknown)).map((batch, i) => [batchId(unknown[i]!), batch]),
      );
      return [keys, keys.map((key) => written.get(batchId(key)) ?? read.get(batchId(key)))];
    });
    for (const key of round) written.delete(batchId(key));
    if (round.length === 0) return result;
    const made = batches
      .filter((batch): batch is StoredChatBatch => batch !== undefined)
      .map((batch) => ({ batch, rows: chatWordsOf(batch) }));
    await options.beforeWrite?.();
    const mark = round.at(-1)![1];
    await db.transaction('rw', db.chatBatches, db.chatWords, db.searchMarks, async () => {
      const since = await chatMark(db);
      const fresh = made.filter(({ batch }) => batch.receivedAt > since);
      const present = new Set(
        (
          await db.chatBatches
            .where(':id')
            .anyOf(fresh.map(({ batch }) => [batch.channelId, batch.receivedAt, batch.count]))
            .primaryKeys()
        ).map(([channelId, receivedAt]) => `${channelId}|${receivedAt}`),
      );
      const kept = fresh.filter(({ batch }) =>
        present.has(`${batch.channelId}|${batch.receivedAt}`),
      );
      if (kept.length) await db.chatWords.bulkPut(kept.flatMap(({ rows }) => rows));
      if (mark > since) await db.searchMarks.put({ id: 'chat', receivedAt: mark });
      result.batches += kept.length;
      result.lines += kept.reduce((sum, { batch }) => sum + batch.count, 0);
    });
  }
}

export interface IndexerPacing {
  /** Lines a second above which the chat is busy (`BUSY_LINES_PER_SECOND`). */
  busyLinesPerSecond?: number;
  /** How far behind a busy chat the index may fall (`MAX_BEHIND_MS`). */
  maxBehindMs?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

/**
 * Follows the recorder: `notify()` after each write that stored chat; within `delayMs` the
 * batches after the mark are indexed, those a stopped indexer left behind first (the background
 * indexes them too when it starts, for a chat that stays quiet). The recorder goes first: while
 * the chat is busy (more than `busyLinesPerSecond` lines stored in the last second) the indexer
 * waits, unless the oldest line it has not indexed was stored more than `maxBehindMs` ago — then
 * it indexes one round at a time, each when that is so again, between the recorder's writes.
 */
export class ChatIndexer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Chat was written since the run in flight last looked. */
  private dirty = false;
  private stopped = false;
  /** The batches written lately and not indexed yet, oldest first, and their lines. */
  private readonly written = new Map<string, StoredChatBatch>();
  private writtenLines = 0;
  /** The recorder's writes not indexed yet, oldest first: when each was told, and its lines. */
  private readonly unindexed: { at: number; lines: number }[] = [];
  /** The writes of the last second (when, how many lines): how busy the chat is. */
  private readonly lastSecond: { at: number; lines: number }[] = [];
  private readonly busyLinesPerSecond: number;
  private readonly maxBehindMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: CompanionDatabase,
    private readonly delayMs = INDEX_DELAY_MS,
    pacing: IndexerPacing = {},
  ) {
    this.busyLinesPerSecond = pacing.busyLinesPerSecond ?? BUSY_LINES_PER_SECOND;
    this.maxBehindMs = pacing.maxBehindMs ?? MAX_BEHIND_MS;
    this.now = pacing.now ?? (() => performance.now());
  }

  /**
   * Chat was stored (`batches`, kept at hand so that they are not read back): it is indexed
   * within `delayMs` (or when the run in flight ends), later while the chat is busy.
   */
  notify(batches: readonly StoredChatBatch[] = []): void {
    const now = this.now();
    let lines = 0;
    for (const batch of batches) {
      this.written.set(batchId([batch.channelId, batch.receivedAt, batch.count]), batch);
      lines += batch.count;
    }
    this.writtenLines += lines;
    if (lines) {
      this.unindexed.push({ at: now, lines });
      this.lastSecond.push({ at: now, lines });
      this.forget(now);
    }
    // Far behind (a firehose): the oldest are read back when their turn comes.
    for (const [id, batch] of this.written) {
      if (this.writtenLines <= WRITTEN_LINES) break;
      this.written.delete(id);
      this.writtenLines -= batch.count;
    }
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.run()
        .then(() => this.compact())
        .catch((error: unknown) => console.error('Could not index chat for search', error));
    }, this.delayMs);
  }

  /** Whether more lines than `busyLinesPerSecond` were stored in the last second. */
  busy(): boolean {
    this.forget(this.now());
    let lines = 0;
    for (const write of this.lastSecond) lines += write.lines;
    return lines > this.busyLinesPerSecond;
  }

  /** Forgets the writes of more than a second ago. */
  private forget(now: number): void {
    while (this.lastSecond.length && this.lastSecond[0]!.at <= now - 1_000) this.lastSecond.shift();
  }

  /** How long ago the oldest line not indexed yet was stored (0: none is known). */
  behindMs(): number {
    return this.unindexed.length ? this.now() - this.unindexed[0]!.at : 0;
  }

  /** `lines` more were indexed: the oldest writes not indexed are that many lines fewer. */
  private indexed(lines: number): void {
    while (lines > 0 && this.unindexed.length) {
      const oldest = this.unindexed[0]!;
      const taken = Math.min(lines, oldest.lines);
      oldest.lines -= taken;
      lines -= taken;
      if (oldest.lines === 0) this.unindexed.shift();
    }
  }

  /**
   * Before a round: the pause after the last, then, while the chat is busy and the index is not
   * too far behind, waiting. False when stopped.
   */
  private readonly pace = async (first: boolean): Promise<boolean> => {
    if (!first) await pause();
    while (!this.stopped && this.busy() && this.behindMs() <= this.maxBehindMs)
      await new Promise<void>((resolve) => setTimeout(resolve, CALM_CHECK_MS));
    return !this.stopped;
  };

  /** Indexes what is after the mark now; a call while a run is in flight shares it. */
  readonly run = singleFlight(async (): Promise<IndexResult> => {
    const total: IndexResult = { batches: 0, lines: 0 };
    this.stopped = false;
    do {
      this.dirty = false;
      let counted = 0;
      const done = await indexChatAfterMark(this.db, {
        written: this.written,
        beforeRound: async (first, sofar) => {
          this.indexed(sofar.lines - counted);
          counted = sofar.lines;
          return this.pace(first);
        },
      });
      this.indexed(done.lines - counted);
      // Nothing more after the mark: what was told is indexed (or was by another indexer).
      if (!this.stopped && !this.dirty) this.unindexed.length = 0;
      this.writtenLines = [...this.written.values()].reduce((sum, b) => sum + b.count, 0);
      total.batches += done.batches;
      total.lines += done.lines;
    } while (this.dirty && !this.stopped);
    return total;
  });

  /**
   * Packs the posting lists of what is indexed and due (`postings.ts`): after each run, on its
   * own so that the next run does not wait for it; a call while one is in flight shares it.
   */
  readonly compact = singleFlight((): Promise<CompactResult> => compactPostings(this.db));

  /** Stops the pending timer and a waiting run (what is stored stays to be indexed by the next indexer). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stopped = true;
  }
}
