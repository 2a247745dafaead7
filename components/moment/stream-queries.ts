/** The database reads "Watch this moment" and Clips need: a channel's recorded streams. */
import type { CompanionDatabase } from '../../lib/db/database';
import { visibleTo } from '../../lib/db/visibility';
import { streamSpans, type StreamSpan } from '../../lib/history/moment';

/** The channel's streams, oldest first, from its recorded go-lives and go-offlines. */
export async function channelStreams(
  db: CompanionDatabase,
  channelId: string,
  accountId: string | undefined,
): Promise<StreamSpan[]> {
  const rows = await db.events
    .where('type')
    .anyOf(['stream.online', 'stream.offline'])
    .filter((e) => e.channelId === channelId && visibleTo(e, accountId))
    .toArray();
  return streamSpans(rows);
}
