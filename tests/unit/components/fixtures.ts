/**
 * Shared test data for the component tests (and the background's): events, chat lines, a
 * signed-in session.
 */
import { linesOf } from '../../../lib/db/chat';
import {
  database,
  type StoredChatBatch,
  type StoredChatLine,
  type StoredEvent,
} from '../../../lib/db/database';
import {
  authProfile,
  authSession,
  favorites,
  type AuthSession,
  type FavoriteChannel,
} from '../../../lib/settings';
import type { Json } from '../../../lib/twitch/fields';
import { answer } from './messaging-mock';

export const CHANNEL: FavoriteChannel = {
  id: '100001',
  login: 'demo',
  displayName: 'Demo',
  addedAt: 1,
};

export const OTHER_CHANNEL: FavoriteChannel = {
  id: '100010',
  login: 'pixelpaladin',
  displayName: 'PixelPaladin',
  addedAt: 2,
};

/** The signed-in account of `session()`, which the events of `makeEvent` were recorded for. */
export const ACCOUNT_ID = '100003';

export function session(scopes: string[] = ['user:read:chat']): AuthSession {
  return {
    accessToken: 'token',
    userId: ACCOUNT_ID,
    login: 'demo_viewer',
    displayName: 'DemoViewer',
    scopes,
    expiresAt: Date.now() + 3_600_000,
    validatedAt: Date.now(),
  };
}

export async function signIn(
  options: { scopes?: string[]; favorite?: FavoriteChannel | null } = {},
) {
  const signedIn = session(options.scopes);
  await authSession.setValue(signedIn);
  const { accessToken: _token, validatedAt: _at, ...profile } = signedIn;
  await authProfile.setValue(profile);
  const favorite = options.favorite === undefined ? CHANNEL : options.favorite;
  await favorites.setValue(favorite ? [favorite] : []);
}

/**
 * Before each page test: an empty database, nothing in `localStorage`, and the background's
 * default answers.
 */
export async function freshPage(): Promise<void> {
  await resetDatabase();
  localStorage.clear();
  answer();
}

/** Empties the tables (the database instance is shared by the whole test run). */
export async function resetDatabase(): Promise<void> {
  const db = database();
  await db.open();
  await Promise.all([db.events.clear(), db.chatBatches.clear(), db.forYou.clear()]);
}

let sequence = 0;

export function makeEvent(partial: Partial<StoredEvent> & { event?: Json } = {}): StoredEvent {
  sequence += 1;
  const at = partial.receivedAt ?? Date.now();
  return {
    id: `event-${sequence}`,
    channelId: CHANNEL.id,
    type: 'channel.follow',
    version: '2',
    noticeType: '',
    occurredAt: at,
    receivedAt: at,
    recent: 1,
    event: { user_name: `Follower${sequence}`, broadcaster_user_name: 'Demo' },
    accountId: ACCOUNT_ID,
    ...partial,
  };
}

let lastChatAt = 0;

/** A chat line; unless given, received now (strictly after the previous one, like the recorder). */
export function makeChat(partial: Partial<StoredChatLine> & { event?: Json } = {}): StoredChatLine {
  sequence += 1;
  const at = partial.receivedAt ?? Math.max(Date.now(), lastChatAt + 0.001);
  lastChatAt = Math.max(lastChatAt, at);
  return {
    id: `chat-${sequence}`,
    messageId: `message-${sequence}`,
    channelId: CHANNEL.id,
    chatterId: '200',
    occurredAt: at,
    receivedAt: at,
    event: {
      chatter_user_name: 'Viewer',
      color: '#1E90FF',
      message: {
        text: `line ${sequence}`,
        fragments: [{ type: 'text', text: `line ${sequence}` }],
      },
      badges: [],
      cheer: null,
      reply: null,
      message_type: 'text',
    },
    ...partial,
  };
}

/** Stores chat lines as the recorder does: the lines of one write as one batch per channel. */
export async function addChat(lines: StoredChatLine[]): Promise<void> {
  const batches = new Map<string, StoredChatBatch>();
  for (const line of lines) {
    const batch = batches.get(line.channelId);
    if (batch) {
      batch.lines.push(line);
      batch.count += 1;
    } else {
      batches.set(line.channelId, {
        channelId: line.channelId,
        receivedAt: line.receivedAt,
        count: 1,
        lines: [line],
      });
    }
  }
  await database().chatBatches.bulkAdd([...batches.values()]);
}

/** Every stored chat line, in key order. */
export async function storedChat(): Promise<StoredChatLine[]> {
  return linesOf(await database().chatBatches.toArray());
}

/** The event Twitch sends when a moderator deletes `line`. */
export function deletionOf(line: StoredChatLine, receivedAt = line.receivedAt + 1): StoredEvent {
  return makeEvent({
    type: 'channel.chat.message_delete',
    version: '1',
    receivedAt,
    recent: 0,
    event: { message_id: line.messageId, target_user_id: line.chatterId },
  });
}
