import { useEffect, useState, type KeyboardEvent } from 'react';
import { sendMessage, type ChannelSuggestion } from '../../lib/messaging';

const SEARCH_DELAY_MS = 250;

/**
 * Twitch's channel search while typing (`searchChannels`, a quarter second after the last key),
 * with one suggestion highlighted by the arrow keys. Only the answer to `query` is given (an
 * answer to what was typed before is ignored); `undefined` until it came.
 */
export function useChannelSuggestions(query: string, searchable: boolean) {
  const [results, setResults] = useState<{ query: string; items: ChannelSuggestion[] }>();
  const [highlighted, setHighlighted] = useState(-1);
  const answered = searchable && results?.query === query ? results.items : undefined;
  const suggestions = answered ?? [];

  useEffect(() => {
    if (!searchable) return;
    const timer = setTimeout(() => {
      void sendMessage('searchChannels', query)
        .then((items) => {
          setResults({ query, items });
          setHighlighted(-1);
        })
        .catch(() => setResults({ query, items: [] }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, searchable]);

  /** Moves the highlight on ArrowDown and ArrowUp; says whether the key was one of them. */
  const moveHighlight = (event: KeyboardEvent<HTMLInputElement>): boolean => {
    if (!suggestions.length) return false;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setHighlighted((h) => Math.min(h + 1, suggestions.length - 1));
      return true;
    }
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlighted((h) => Math.max(h - 1, -1));
      return true;
    }
    return false;
  };

  return { answered, suggestions, highlighted, moveHighlight };
}
