/**
 * The rows of the timeline, newest first — a day, then each stream with rows that day (the one
 * with the newest row first), its header and its rows — built as the record is read, a page at a
 * time, newest first: each page's rows go into their day and stream (at the end of them, as a
 * rule), and no row is made twice. The list is not an array: a row is found from its index through
 * the days and streams (a few hundred), so 100,000 rows cost one object each and a page of them
 * costs what it holds, not what was read before it.
 */
import type { StoredEvent } from '../db/database';
import { kindOf } from '../twitch/catalog';
import type { ForYouItem } from './for-you';
import { dayMemo, type StreamGroup, type StreamGroups } from './timeline-groups';

export type TimelineRow =
  | { kind: 'day'; key: string; day: string; at: number }
  | { kind: 'stream'; key: string; group: StreamGroup; at: number }
  | { kind: 'event'; key: string; event: StoredEvent; group: StreamGroup }
  | { kind: 'forYou'; key: string; item: ForYouItem; group: StreamGroup };

type EntryRow = Extract<TimelineRow, { kind: 'event' | 'forYou' }>;

/** The rows a list shows: by index, without being an array. */
export interface TimelineList {
  readonly length: number;
  row(index: number): TimelineRow;
  /** The index of the row with this key, or −1. */
  indexOfKey(key: string): number;
}

/** An array of rows as a `TimelineList`. */
export const listOf = (rows: readonly TimelineRow[]): TimelineList => ({
  length: rows.length,
  row: (index) => rows[index]!,
  indexOfKey: (key) => rows.findIndex((row) => row.key === key),
});

export interface TimelineFilters {
  /** Only these channels; undefined: every channel. */
  channelIds?: readonly string[];
  /** Kinds (`kindOf`) left out. */
  hiddenKinds?: ReadonlySet<string>;
  /** Only the "for you" items. */
  forYouOnly?: boolean;
}

/** Whether an event passes the channel and kind filters (the range was read already). */
export function passes(event: StoredEvent, filters: TimelineFilters): boolean {
  if (filters.channelIds && !filters.channelIds.includes(event.channelId)) return false;
  if (filters.hiddenKinds?.size && filters.hiddenKinds.has(kindOf(event))) return false;
  return true;
}

const atOf = (row: EntryRow) => (row.kind === 'event' ? row.event.occurredAt : row.item.occurredAt);

/**
 * Newest first: by time; at the same millisecond events before "for you" items, and events in
 * the reverse of their arrival (the order they were recorded, read from the bottom up).
 */
function order(a: EntryRow, b: EntryRow): number {
  const by = atOf(b) - atOf(a);
  if (by !== 0) return by;
  if (a.kind !== b.kind) return a.kind === 'event' ? -1 : 1;
  return a.kind === 'event' && b.kind === 'event' ? b.event.receivedAt - a.event.receivedAt : 0;
}

interface Section {
  group: StreamGroup;
  header: Extract<TimelineRow, { kind: 'stream' }>;
  /** Newest first. */
  entries: EntryRow[];
}

interface Day {
  header: Extract<TimelineRow, { kind: 'day' }>;
  sections: Section[];
  byGroup: Map<StreamGroup, Section>;
}

/** A place in the list: a day's header, or a stream's header and its rows. */
type Block = { start: number; day: Day; section?: undefined } | { start: number; section: Section };

/** Puts `item` into `list` (newest first by `newer`), looking from the end, where it usually goes. */
function insert<T>(list: T[], item: T, compare: (a: T, b: T) => number): number {
  let i = list.length;
  while (i > 0 && compare(list[i - 1]!, item) > 0) i -= 1;
  list.splice(i, 0, item);
  return i;
}

const sectionOrder = (a: Section, b: Section) => order(a.entries[0]!, b.entries[0]!);
const dayOrder = (a: Day, b: Day) => b.header.at - a.header.at;

export class TimelineView implements TimelineList {
  private readonly days: Day[] = [];
  private readonly byDay = new Map<string, Day>();
  private blocks: Block[] = [];
  private count = 0;
  private readonly day = dayMemo();
  /** Events and "for you" items shown. */
  shown = 0;
  /** How many pages were added (`addPages` adds the rest). */
  pages = 0;

  constructor(
    private readonly groups: StreamGroups,
    private readonly filters: TimelineFilters = {},
  ) {}

  get length(): number {
    return this.count;
  }

  /** Adds the pages after the ones added already: `pages` is every page read so far. */
  addPages(pages: readonly { events: readonly StoredEvent[]; forYou: readonly ForYouItem[] }[]) {
    for (; this.pages < pages.length; this.pages += 1) {
      const page = pages[this.pages]!;
      this.add(page.events, page.forYou, false);
    }
    this.index();
  }

  /** Adds events and "for you" items (any order) that pass the filters. */
  add(events: readonly StoredEvent[], forYou: readonly ForYouItem[] = [], index = true): void {
    const { channelIds, forYouOnly } = this.filters;
    const rows: EntryRow[] = [];
    if (!forYouOnly)
      for (const event of events)
        if (passes(event, this.filters))
          rows.push({ kind: 'event', key: event.id, event, group: this.groups.groupOf(event) });
    for (const item of forYou)
      if (!channelIds || channelIds.includes(item.channelId))
        rows.push({
          kind: 'forYou',
          key: `forYou:${item.id}`,
          item,
          group: this.groups.groupAt(item.channelId, item.occurredAt),
        });
    rows.sort(order);
    for (const row of rows) this.place(row);
    this.shown += rows.length;
    if (index) this.index();
  }

  private place(row: EntryRow): void {
    const at = atOf(row);
    const dayKey = this.day(at);
    let day = this.byDay.get(dayKey);
    if (!day) {
      day = {
        header: { kind: 'day', key: `day:${dayKey}`, day: dayKey, at },
        sections: [],
        byGroup: new Map(),
      };
      this.byDay.set(dayKey, day);
      insert(this.days, day, dayOrder);
    } else if (at > day.header.at) {
      // Newer than the day's newest so far (out of order): the day may move up.
      day.header = { ...day.header, at };
      this.days.splice(this.days.indexOf(day), 1);
      insert(this.days, day, dayOrder);
    }
    let section = day.byGroup.get(row.group);
    if (!section) {
      section = {
        group: row.group,
        header: { kind: 'stream', key: `${dayKey}:${row.group.key}`, group: row.group, at },
        entries: [row],
      };
      day.byGroup.set(row.group, section);
      insert(day.sections, section, sectionOrder);
      return;
    }
    if (insert(section.entries, row, order) === 0) {
      section.header = { ...section.header, at };
      day.sections.splice(day.sections.indexOf(section), 1);
      insert(day.sections, section, sectionOrder);
    }
  }

  /** Where each day and stream starts in the list. */
  private index(): void {
    const blocks: Block[] = [];
    let n = 0;
    for (const day of this.days) {
      blocks.push({ start: n, day });
      n += 1;
      for (const section of day.sections) {
        blocks.push({ start: n, section });
        n += 1 + section.entries.length;
      }
    }
    this.blocks = blocks;
    this.count = n;
  }

  row(index: number): TimelineRow {
    const { blocks } = this;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (blocks[mid]!.start <= index) lo = mid + 1;
      else hi = mid;
    }
    const block = blocks[lo - 1]!;
    if (!block.section) return block.day.header;
    const i = index - block.start;
    return i === 0 ? block.section.header : block.section.entries[i - 1]!;
  }

  indexOfKey(key: string): number {
    for (const block of this.blocks) {
      if (!block.section) {
        if (block.day.header.key === key) return block.start;
        continue;
      }
      if (block.section.header.key === key) return block.start;
      const i = block.section.entries.findIndex((row) => row.key === key);
      if (i >= 0) return block.start + 1 + i;
    }
    return -1;
  }

  /** The newest stream group with this key shown. */
  groupOf(key: string): StreamGroup | undefined {
    for (const day of this.days)
      for (const section of day.sections) if (section.group.key === key) return section.group;
    return undefined;
  }

  /** Every row, newest first. */
  rows(): TimelineRow[] {
    const rows: TimelineRow[] = [];
    for (const day of this.days) {
      rows.push(day.header);
      for (const section of day.sections) {
        rows.push(section.header);
        for (const row of section.entries) rows.push(row);
      }
    }
    return rows;
  }
}
