/**
 * A message with an element in it ("Signed in as **Name**"): the message is asked for with
 * `SLOT` as its substitution, and `around` gives the words before and after it, so every
 * language puts the element where its grammar wants it.
 */
export const SLOT = '\u0000';

export function around(message: string): [before: string, after: string] {
  const at = message.indexOf(SLOT);
  if (at < 0) return [message, ''];
  return [message.slice(0, at), message.slice(at + SLOT.length)];
}
