/**
 * The types the minute poll can stand in for, apart from what it records (`poll-events.ts`
 * writes to the database): the popup asks only which they are, and loads no database for it.
 */

/** The types the poll can stand in for. */
export const POLLED_TYPES = ['stream.online', 'stream.offline', 'channel.update'] as const;
export type PolledType = (typeof POLLED_TYPES)[number];

export function isPolledType(id: string): id is PolledType {
  return (POLLED_TYPES as readonly string[]).includes(id);
}
