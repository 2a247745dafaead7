/** Shared test data for the component tests: events, chat lines, a signed-in session. */
import { database, type StoredChatMessage, type StoredEvent } from '../../../lib/db/database';
import {
  authSession,
  favorites,
  type AuthSession,
  type FavoriteChannel,
} from '../../../lib/settings';
import type { Json } from '../../../lib/twitch/fields';

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

export function session(scopes: string[] = ['user:read:chat']): AuthSession {
  return {
    accessToken: 'token',
    userId: '100003',
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
  await authSession.setValue(session(options.scopes));
  const favorite = options.favorite === undefined ? CHANNEL : options.favorite;
  await favorites.setValue(favorite ? [favorite] : []);
}

/** Empties both tables (the database instance is shared by the whole test run). */
export async function resetDatabase(): Promise<void> {
  const db = database();
  await db.open();
  await Promise.all([db.events.clear(), db.chat.clear()]);
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
    ...partial,
  };
}

export function makeChat(
  partial: Partial<StoredChatMessage> & { event?: Json } = {},
): StoredChatMessage {
  sequence += 1;
  const at = partial.receivedAt ?? Date.now();
  return {
    id: `chat-${sequence}`,
    messageId: `message-${sequence}`,
    channelId: CHANNEL.id,
    chatterId: '200',
    occurredAt: at,
    receivedAt: at,
    deleted: 0,
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
