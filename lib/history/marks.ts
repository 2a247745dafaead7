/** A search hit's text as parts, the matched words marked: rendered as text, never as HTML. */
export interface TextPart {
  text: string;
  marked: boolean;
}

/** Splits `text` at the [start, end) ranges (in order, not overlapping; others ignored). */
export function markedParts(
  text: string,
  matches: readonly (readonly [number, number])[],
): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of matches) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
