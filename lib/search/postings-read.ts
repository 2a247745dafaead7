/**
 * Reading the posting lists (`postings.ts`) for a search: the index rows of one part that may
 * hold a hit, found in memory from the part's row list and the postings of the query's words —
 * a row is a candidate when a line of it has every whole word (and a word the prefix begins),
 * as the rows' line masks say. Only candidates are read by the search.
 */
import Dexie from 'dexie';
import {
  maskWidth,
  type PostingPart,
  type PostingsMark,
  type StoredPartRows,
  type StoredWordPostings,
} from './postings';
import type { ChatWordsKey } from './words';

/**
 * What the last `prefix*` of a query asks of a row: nothing (no prefix); one of these words (the
 * words it stands for); or one of the part's words it begins — unless the part has more than
 * `RANGE_CAP` of them, when the rows are checked instead.
 */
export type PrefixFilter =
  { kind: 'none' } | { kind: 'words'; words: string[] } | { kind: 'range'; prefix: string };

/** The most words a prefix is looked up as in one part (`range`); more: not used to rule out. */
export const RANGE_CAP = 256;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** The parts of the directory by hour, newest first. */
export function partsByBucket(mark: PostingsMark): Array<{ bucket: number; parts: PostingPart[] }> {
  const byBucket = new Map<number, PostingPart[]>();
  for (const part of mark.parts) {
    let parts = byBucket.get(part.bucket);
    if (!parts) byBucket.set(part.bucket, (parts = []));
    parts.push(part);
  }
  return [...byBucket].sort((a, b) => b[0] - a[0]).map(([bucket, parts]) => ({ bucket, parts }));
}

type Masks = Map<number, Uint32Array>;

function masksOf(postings: StoredWordPostings, list: StoredPartRows): Masks {
  const masks: Masks = new Map();
  let at = 0;
  for (const place of postings.rows) {
    const width = maskWidth(list.counts[place]!);
    masks.set(place, postings.masks.subarray(at, at + width));
    at += width;
  }
  return masks;
}

/** The rows both have, with the lines both have (rows with none left out). */
function both(a: Masks, b: Masks): Masks {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out: Masks = new Map();
  for (const [place, mask] of small) {
    const other = large.get(place);
    if (!other) continue;
    const joint = new Uint32Array(mask.length);
    let any = 0;
    for (let i = 0; i < mask.length; i += 1) any |= joint[i] = mask[i]! & other[i]!;
    if (any) out.set(place, joint);
  }
  return out;
}

/** The rows any has, with the lines any has. */
function either(lists: Masks[]): Masks {
  const out: Masks = new Map();
  for (const masks of lists)
    for (const [place, mask] of masks) {
      const had = out.get(place);
      if (!had) out.set(place, mask.slice());
      else for (let i = 0; i < mask.length; i += 1) had[i]! |= mask[i]!;
    }
  return out;
}

/**
 * The index rows of a part that may hold a hit of `words` (whole, index form) and `prefix`, in
 * index order. Reads the row list and the words' postings together (one request each).
 */
export async function partCandidates(
  store: IDBObjectStore,
  part: PostingPart,
  words: string[],
  prefix: PrefixFilter,
): Promise<ChatWordsKey[]> {
  const key = (word: string) => [part.bucket, part.part, word];
  const get = (word: string) =>
    requestResult(store.get(key(word)) as IDBRequest<StoredWordPostings | undefined>);
  const [list, whole, begun] = await Promise.all([
    requestResult(store.get(key('')) as IDBRequest<StoredPartRows | undefined>),
    Promise.all(words.map(get)),
    prefix.kind === 'words'
      ? Promise.all(prefix.words.map(get))
      : prefix.kind === 'range'
        ? (requestResult(
            store.getAll(
              Dexie.dependencies.IDBKeyRange.bound(
                key(prefix.prefix),
                key(`${prefix.prefix}\uffff`),
              ),
              RANGE_CAP + 1,
            ),
          ) as Promise<StoredWordPostings[]>)
        : Promise.resolve([]),
  ]);
  if (!list || whole.some((postings) => !postings)) return [];
  let masks: Masks | undefined;
  for (const postings of whole as StoredWordPostings[]) {
    const next = masksOf(postings, list);
    masks = masks ? both(masks, next) : next;
  }
  const prefixed = begun.filter((postings): postings is StoredWordPostings => !!postings);
  if (prefix.kind !== 'none' && !(prefix.kind === 'range' && prefixed.length > RANGE_CAP)) {
    const any = either(prefixed.map((postings) => masksOf(postings, list)));
    masks = masks ? both(masks, any) : any;
  }
  if (!masks) return [];
  return [...masks.keys()]
    .sort((a, b) => a - b)
    .map((place): ChatWordsKey => [
      list.newness[place]!,
      list.channelIds[list.channels[place]!]!,
      list.counts[place]!,
      list.fromEnd[place]!,
    ]);
}
