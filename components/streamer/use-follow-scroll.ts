/**
 * Keeps a scrolling list pinned to its newest (bottom) item while the user is there; when they
 * scroll up, stops following, freezes what they read and counts what arrived meanwhile.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the bottom counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;

function isAtBottom(el: Pick<HTMLElement, 'scrollHeight' | 'scrollTop' | 'clientHeight'>): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
}

export interface FollowScroll<T> {
  /** What to draw: the live items while following, the frozen ones (kept current) while paused. */
  shown: T[];
  following: boolean;
  /** Items that arrived since the user scrolled up. */
  newCount: number;
  onScroll: () => void;
  jumpToLatest: () => void;
}

export function useFollowScroll<T extends { id: string }>(
  containerRef: RefObject<HTMLElement | null>,
  items: T[],
): FollowScroll<T> {
  const [frozen, setFrozen] = useState<T[] | null>(null);
  const [unseen, setUnseen] = useState<ReadonlySet<string>>(new Set());
  const following = frozen === null;

  // While paused: count every id that shows up and was not on screen (a Set: the window slides).
  const [seenItems, setSeenItems] = useState(items);
  if (seenItems !== items) {
    setSeenItems(items);
    if (frozen) {
      const onScreen = new Set(frozen.map((i) => i.id));
      const arrived = items.filter((i) => !onScreen.has(i.id) && !unseen.has(i.id));
      if (arrived.length) setUnseen(new Set([...unseen, ...arrived.map((i) => i.id)]));
    }
  }

  const shown = useMemo(() => {
    if (!frozen) return items;
    const latest = new Map(items.map((i) => [i.id, i]));
    return frozen.map((i) => latest.get(i.id) ?? i);
  }, [frozen, items]);

  const itemsRef = useRef(items);
  useLayoutEffect(() => {
    itemsRef.current = items;
  });

  // Following: stay at the bottom after every update.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (following && el) el.scrollTop = el.scrollHeight;
  }, [following, shown, containerRef]);

  const onScroll = useCallback(() => {
    const el = containerRef.current;
    if (!el) return;
    const atBottom = isAtBottom(el);
    if (atBottom && frozen) {
      setFrozen(null);
      setUnseen(new Set());
    } else if (!atBottom && !frozen) {
      setFrozen(itemsRef.current);
      setUnseen(new Set());
    }
  }, [containerRef, frozen]);

  const jumpToLatest = useCallback(() => {
    setFrozen(null);
    setUnseen(new Set());
    const el = containerRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [containerRef]);

  return { shown, following, newCount: unseen.size, onScroll, jumpToLatest };
}
