import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/options/OptionsPage';
import { Popup } from '../../../components/popup/Popup';
import { StreamerPage } from '../../../components/streamer/StreamerPage';
import { WhispersPage } from '../../../components/whispers/WhispersPage';
import type * as ConfigModule from '../../../lib/config';
import { database } from '../../../lib/db/database';
import { listenerStatus } from '../../../lib/settings';
import { chromeMessages, LANGUAGES, serveMessages, uiLanguageOf, type Messages } from '../messages';
import { addChat, deletionOf, makeChat, makeEvent, freshPage, signIn } from './fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));
vi.mock('../../../lib/config', async (original) => ({
  ...(await original<typeof ConfigModule>()),
  isConfigured: () => true,
}));

const messagesOf = Object.fromEntries(
  await Promise.all(LANGUAGES.map(async (l) => [l, await chromeMessages(l)] as const)),
) as Record<string, Messages>;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Serious and critical axe violations (colour contrast cannot be computed in jsdom). */
async function seriousViolations(root: HTMLElement): Promise<string[]> {
  const result = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false } },
    iframes: false,
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// axe walks a whole page in jsdom: the options page (every notification kind) takes seconds on a
// loaded 2-core machine, so these get more than Vitest's default 5 s. Speed is not what they test.
vi.setConfig({ testTimeout: 30_000 });

// Every page in every language: translated labels must still name every control.
describe.each(LANGUAGES)('Accessibility (axe-core) in %s', (language) => {
  const messages = messagesOf[language]!;
  /** A message of this language, as the page shows it. */
  const m = (key: string) => messages[key.replaceAll('.', '_')]!.message;

  beforeEach(async () => {
    serveMessages(messages, uiLanguageOf(language));
    document.documentElement.lang = m('languageTag');
    await freshPage();
  });

  it('the popup, signed out and signed in', async () => {
    const { container, unmount } = render(<Popup />);
    await screen.findByRole('button', { name: m('signIn.logIn') });
    expect(await seriousViolations(container)).toEqual([]);
    unmount();

    await signIn();
    await listenerStatus.setValue({ state: 'connected', subscriptions: [], updatedAt: Date.now() });
    const second = render(<Popup />);
    await screen.findByRole('button', { name: m('popup.openStreamerPage') });
    expect(await seriousViolations(second.container)).toEqual([]);
  });

  it('the streamer page with events and chat', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:write:chat'] });
    await listenerStatus.setValue({ state: 'connected', subscriptions: [], updatedAt: Date.now() });
    const deleted = makeChat();
    await database().events.bulkAdd([
      deletionOf(deleted),
      makeEvent(),
      makeEvent({ type: 'channel.cheer', version: '1', event: { user_name: 'X', bits: 5 } }),
    ]);
    await addChat([
      makeChat(),
      deleted,
      makeChat({
        event: {
          chatter_user_name: 'E',
          badges: [{ set_id: 'vip', id: '1', info: '' }],
          message: {
            text: 'Kappa',
            fragments: [{ type: 'emote', text: 'Kappa', emote: { id: '25' } }],
          },
        },
      }),
    ]);
    const { container } = render(<StreamerPage />);
    await waitFor(() => expect(document.querySelectorAll('[data-event-id]')).toHaveLength(2));
    await waitFor(() => expect(document.querySelectorAll('[data-message-id]')).toHaveLength(3));
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the streamer page signed out and without a favorite', async () => {
    const { container, unmount } = render(<StreamerPage />);
    await screen.findByRole('button', { name: m('signIn.logIn') });
    expect(await seriousViolations(container)).toEqual([]);
    unmount();

    await signIn({ favorite: null });
    const second = render(<StreamerPage />);
    await screen.findByRole('heading', { name: m('noFavorite.title') });
    expect(await seriousViolations(second.container)).toEqual([]);
  });

  it('the options page', async () => {
    await signIn();
    const { container } = render(<OptionsPage />);
    await screen.findByRole('switch', { name: new RegExp(escape(m('kind.streamOnline'))) });
    await screen.findByRole('spinbutton', {
      name: new RegExp(escape(m('retention.eventDays'))),
    });
    await screen.findByRole('button', { name: m('popup.signOut') });
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the whispers page with a conversation and its reply box', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:read:whispers', 'user:manage:whispers'] });
    await database().events.add(
      makeEvent({
        id: 'whisper',
        type: 'user.whisper.message',
        channelId: '100003',
        recent: 0,
        event: {
          from_user_id: '200001',
          from_user_login: 'alice',
          from_user_name: 'Alice',
          to_user_id: '100003',
          to_user_login: 'demo_viewer',
          to_user_name: 'DemoViewer',
          whisper: { text: 'hi' },
        },
      }),
    );
    const { container } = render(<WhispersPage />);
    await screen.findByRole('textbox', { name: m('whispers.replyTo').replace('$1', 'Alice') });
    expect(await seriousViolations(container)).toEqual([]);
  });
});
