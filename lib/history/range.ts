/**
 * The time range of "What did I miss": since the last visit by default, a stretch given in the
 * page's address (`?from=&to=`, epoch ms: the away summary's), or a fixed span back from now.
 */
export type RangeChoice = 'lastVisit' | 'day' | 'week' | 'all' | 'given';

export interface HistoryRange {
  choice: RangeChoice;
  from: number;
  to: number;
}

const HOUR = 3_600_000;
/** Without a last visit, "since you were last here" is the last day. */
export const FIRST_VISIT_SPAN = 24 * HOUR;

/** What the page's address asks for: a stretch (`from`, `to`) and a channel (`channel`, an id). */
export interface HistoryAddress {
  from?: number;
  to?: number;
  channelId?: string;
}

const time = (value: string | null) => {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
};

export function parseAddress(search: string): HistoryAddress {
  const params = new URLSearchParams(search);
  const from = time(params.get('from'));
  const to = time(params.get('to'));
  const channel = params.get('channel');
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined && (from === undefined || to >= from) ? { to } : {}),
    ...(channel && /^\d{1,20}$/.test(channel) ? { channelId: channel } : {}),
  };
}

/** The query string of a page showing `from`…`to` (and a channel). */
export function addressOf({ from, to, channelId }: HistoryAddress): string {
  const params = new URLSearchParams();
  if (from !== undefined) params.set('from', String(from));
  if (to !== undefined) params.set('to', String(to));
  if (channelId) params.set('channel', channelId);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The range for a choice at `now`. */
export function rangeOf(
  choice: RangeChoice,
  { now, lastVisit, given }: { now: number; lastVisit: number | null; given?: HistoryAddress },
): HistoryRange {
  // "To" is open: what arrives while the page is open is in range.
  const open = Number.MAX_SAFE_INTEGER;
  switch (choice) {
    case 'given':
      return { choice, from: given?.from ?? 0, to: given?.to ?? open };
    case 'day':
      return { choice, from: now - 24 * HOUR, to: open };
    case 'week':
      return { choice, from: now - 7 * 24 * HOUR, to: open };
    case 'all':
      return { choice, from: 0, to: open };
    default:
      return { choice: 'lastVisit', from: lastVisit ?? now - FIRST_VISIT_SPAN, to: open };
  }
}

/** The range the page opens with: the address's stretch when it gives one, else since the last visit. */
export const initialChoice = (given: HistoryAddress): RangeChoice =>
  given.from !== undefined ? 'given' : 'lastVisit';
