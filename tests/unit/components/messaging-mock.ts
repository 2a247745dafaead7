/**
 * The background's answers, for pages under test. Each test file does
 * `vi.mock('../../../lib/messaging', () => import('./messaging-mock'))` and then `answer({...})`.
 */
import { vi } from 'vitest';
import type { ChannelSummary } from '../../../lib/messaging';

type Handler = (data: unknown) => unknown;

export const sendMessage = vi.fn<(name: string, data?: unknown) => Promise<unknown>>();

export const defaultSummary: ChannelSummary = {
  isLive: true,
  title: 'Any% speedrun',
  gameName: 'Celeste',
  viewerCount: 1234,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
};

/** Answers messages by name; unlisted ones answer with the defaults below. */
export function answer(handlers: Record<string, Handler> = {}): void {
  const defaults: Record<string, Handler> = {
    channelSummary: () => defaultSummary,
    streamerPageSeen: () => undefined,
    signIn: () => ({ ok: true }),
    signOut: () => ({ ok: true }),
    sendChatMessage: () => ({ ok: true }),
    popupOpened: () => undefined,
    toggleFavorite: () => ({ ok: true }),
  };
  sendMessage.mockReset();
  sendMessage.mockImplementation(async (name, data) => {
    const handler = handlers[name] ?? defaults[name];
    if (!handler) throw new Error(`unexpected message ${name}`);
    return handler(data);
  });
}
