/**
 * One happening, two records: Twitch tells some happenings twice, once as a chat notice (or a
 * chat line) and once as an event of their own. Both are stored, since both are what Twitch sent;
 * what is shown and notified is one of them, the richer. This module says which two recorded rows
 * are one happening, and which of the two is kept.
 *
 * | happening | told in chat                                   | told on its own                  |
 * | --------- | ---------------------------------------------- | -------------------------------- |
 * | resub     | `channel.chat.notification` `resub`            | `channel.subscription.message`   |
 * | raid      | `channel.chat.notification` `raid`             | `channel.raid` (to the channel)  |
 * | cheer     | `channel.chat.message` with `cheer`            | `channel.cheer`                  |
 * | cheer     | `channel.bits.use` of type `cheer`             | `channel.cheer`                  |
 * | gift      | `community_sub_gift` (or a lone `sub_gift`)    | `channel.subscription.gift`      |
 *
 * In every pair the event of its own is the richer:
 * - resub: `channel.subscription.message` words the resubscriber's own message with the months
 *   ("… resubscribed for 3 months: love this stream"); the notice is described by its months only.
 * - raid: `channel.raid` names both ends and the viewers; the notice names the raider only, and
 *   it is the "Incoming raids" kind that notifies by default.
 * - cheer: `channel.cheer` says whether the cheer was anonymous and is an event under "Recent
 *   events"; the chat line is chat (not a recent event, not notified by default). A broadcaster
 *   also receives every use of bits (`channel.bits.use`), a cheer among them: for a cheer that
 *   event says no more than `channel.cheer`, which is the cheers kind that notifies, so it is the
 *   poorer one (a Power-up or a Combo is told by `channel.bits.use` only, and stays).
 * - gift: `channel.subscription.gift` says `is_anonymous` and the tier outright and is the gifted
 *   subs kind; the notice adds only chat decoration (colour, badges, a system message).
 *
 * (The recorder keeps a chat line in the chat table, not among the events, so a cheer already
 * shows and notifies once; the cheer pair is there for any list that holds both.)
 *
 * Two rows are one happening when they are of the same happening, in the same channel, by the
 * same user (anonymous gifts by anonymity), of the same amount (months, viewers, bits, gifts),
 * one from each side, and arrived within `SAME_HAPPENING_WITHIN_MS` of each other, in either order.
 */
import { bool, num, obj, str, type Json } from './fields';

/** How far apart the two records of one happening may arrive. */
export const SAME_HAPPENING_WITHIN_MS = 10_000;

/** What pairing needs of a recorded row. */
export interface HappeningSource {
  type: string;
  channelId: string;
  receivedAt: number;
  event: Json;
}

export interface Happening {
  what: 'resub' | 'raid' | 'cheer' | 'gift';
  channelId: string;
  /** The user's id (the resubscriber, raiding channel, cheerer, gifter), or `anonymous`. */
  who: string;
  /** Months, viewers, bits, or gifted subs. */
  amount: number;
  /** Whether this is the richer record of the pair (the event of its own, not the chat one). */
  richer: boolean;
}

const ANONYMOUS = 'anonymous';

type Told = Omit<Happening, 'channelId' | 'richer'>;
/** What a payload was read to: a user or an amount may be missing from an odd payload. */
type Read = { what: Happening['what']; who?: string; amount?: number } | undefined;

/** The happening read, when the payload named both its user and its amount (else it pairs with none). */
const complete = (read: Read): Told | undefined =>
  read?.who && read.amount !== undefined
    ? { what: read.what, who: read.who, amount: read.amount }
    : undefined;

/** The gifter of a gift notice: `anonymous`, or the chatter's id. */
const noticeGifter = (e: Json) =>
  bool(e, 'chatter_is_anonymous') ? ANONYMOUS : str(e, 'chatter_user_id');

/**
 * The happening told in chat (a notice or a cheering chat line), or by the use of bits a cheer
 * also is, if it is one that pairs.
 */
function toldInChat(type: string, e: Json): Told | undefined {
  if (type === 'channel.bits.use')
    return str(e, 'type') === 'cheer'
      ? complete({ what: 'cheer', who: str(e, 'user_id'), amount: num(e, 'bits') })
      : undefined;
  if (type === 'channel.chat.message') {
    const bits = num(obj(e, 'cheer'), 'bits');
    const who = str(e, 'chatter_user_id');
    return bits && who ? { what: 'cheer', who, amount: bits } : undefined;
  }
  if (type !== 'channel.chat.notification') return undefined;
  const noticeType = str(e, 'notice_type');
  const detail = noticeType ? obj(e, noticeType) : undefined;
  let found: Read;
  if (noticeType === 'resub')
    found = {
      what: 'resub',
      who: str(e, 'chatter_user_id'),
      amount: num(detail, 'cumulative_months'),
    };
  else if (noticeType === 'raid')
    found = { what: 'raid', who: str(detail, 'user_id'), amount: num(detail, 'viewer_count') };
  else if (noticeType === 'community_sub_gift')
    found = { what: 'gift', who: noticeGifter(e), amount: num(detail, 'total') };
  // A gift of one sub on its own; one that is part of a community gift is told by that gift.
  else if (noticeType === 'sub_gift' && !str(detail, 'community_gift_id'))
    found = { what: 'gift', who: noticeGifter(e), amount: 1 };
  return complete(found);
}

/** The happening told by an event of its own, if it is one that pairs. */
function toldOnItsOwn(type: string, e: Json, channelId: string): Told | undefined {
  let found: Read;
  if (type === 'channel.subscription.message')
    found = { what: 'resub', who: str(e, 'user_id'), amount: num(e, 'cumulative_months') };
  // Only a raid into the channel is told in its chat.
  else if (type === 'channel.raid' && str(e, 'to_broadcaster_user_id') === channelId)
    found = { what: 'raid', who: str(e, 'from_broadcaster_user_id'), amount: num(e, 'viewers') };
  // An anonymous cheer has no chatter to match its chat line by.
  else if (type === 'channel.cheer' && !bool(e, 'is_anonymous'))
    found = { what: 'cheer', who: str(e, 'user_id'), amount: num(e, 'bits') };
  else if (type === 'channel.subscription.gift')
    found = {
      what: 'gift',
      who: bool(e, 'is_anonymous') ? ANONYMOUS : str(e, 'user_id'),
      amount: num(e, 'total') ?? 1,
    };
  return complete(found);
}

/** The happening a row tells, when Twitch tells that happening twice; else undefined. */
export function happeningOf(row: HappeningSource): Happening | undefined {
  const chat = toldInChat(row.type, row.event);
  if (chat) return { ...chat, channelId: row.channelId, richer: false };
  const own = toldOnItsOwn(row.type, row.event, row.channelId);
  return own && { ...own, channelId: row.channelId, richer: true };
}

/** Whether two rows are the two records of one happening (in either order). */
export function sameHappening(a: HappeningSource, b: HappeningSource): boolean {
  const x = happeningOf(a);
  const y = happeningOf(b);
  return (
    x !== undefined &&
    y !== undefined &&
    x.richer !== y.richer &&
    x.what === y.what &&
    x.channelId === y.channelId &&
    x.who === y.who &&
    x.amount === y.amount &&
    Math.abs(a.receivedAt - b.receivedAt) <= SAME_HAPPENING_WITHIN_MS
  );
}

/**
 * The rows with each happening once: the poorer record of a pair is left out when its richer one
 * is among the rows. Each row pairs with at most one other, the nearest in time first; order is
 * kept.
 */
export function oneRowPerHappening<T extends HappeningSource>(rows: readonly T[]): T[] {
  const poorer = rows.filter((row) => happeningOf(row)?.richer === false);
  const richer = rows.filter((row) => happeningOf(row)?.richer === true);
  if (poorer.length === 0 || richer.length === 0) return [...rows];
  const candidates = poorer
    .flatMap((p) => richer.filter((r) => sameHappening(p, r)).map((r) => ({ p, r })))
    .sort(
      (x, y) =>
        Math.abs(x.p.receivedAt - x.r.receivedAt) - Math.abs(y.p.receivedAt - y.r.receivedAt),
    );
  const paired = new Set<T>();
  const dropped = new Set<T>();
  for (const { p, r } of candidates) {
    if (dropped.has(p) || paired.has(r)) continue;
    paired.add(r);
    dropped.add(p);
  }
  return rows.filter((row) => !dropped.has(row));
}

/**
 * Remembers, across batches, the happenings whose first record was let through, so their other
 * record arriving in a later batch is not: a happening notifies (or is counted) once.
 */
export class TwiceTold<T extends HappeningSource> {
  /** First records of happenings let through lately, whose other record has not come yet. */
  private waiting: T[] = [];

  /** The rows but those whose happening's other record was let through already. */
  firstRecords(rows: readonly T[]): T[] {
    const first: T[] = [];
    for (const row of rows) {
      if (!happeningOf(row)) {
        first.push(row);
        continue;
      }
      const earlier = this.waiting.findIndex((w) => sameHappening(w, row));
      // Its other record was let through: this one is not, nor does it pair with a third.
      if (earlier >= 0) this.waiting.splice(earlier, 1);
      else {
        first.push(row);
        this.waiting.push(row);
      }
    }
    const newest = Math.max(0, ...this.waiting.map((w) => w.receivedAt));
    this.waiting = this.waiting.filter((w) => newest - w.receivedAt <= SAME_HAPPENING_WITHIN_MS);
    return first;
  }
}
