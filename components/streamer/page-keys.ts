/** The streamer page's own keys: what a key press asks for, when nobody is typing. */

export type PageKeyAction = { kind: 'focusChat' } | { kind: 'stepChannel'; step: 1 | -1 };

/** Whether a key press goes to a text field (then the page's keys stay out of the way). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(
    target.type,
  );
}

/** "/" focuses the chat box, "[" and "]" step through the favorite channels. */
export function pageKeyAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): PageKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return undefined;
  if (event.key === '/') return { kind: 'focusChat' };
  if (event.key === '[') return { kind: 'stepChannel', step: -1 };
  if (event.key === ']') return { kind: 'stepChannel', step: 1 };
  return undefined;
}

/** The list turned so that the channel `step` away from the first comes first. */
export function rotate<T>(list: readonly T[], step: number): T[] {
  if (list.length < 2) return [...list];
  const shift = ((step % list.length) + list.length) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
