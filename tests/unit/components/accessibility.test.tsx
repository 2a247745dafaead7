import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/options/OptionsPage';
import { StreamerPage } from '../../../components/streamer/StreamerPage';
import { database } from '../../../lib/db/database';
import { listenerStatus } from '../../../lib/settings';
import { addChat, deletionOf, makeChat, makeEvent, freshPage, signIn } from './fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

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

describe('Accessibility (axe-core)', () => {
  beforeEach(freshPage);

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
    await screen.findByRole('button', { name: 'Log in with Twitch' });
    expect(await seriousViolations(container)).toEqual([]);
    unmount();

    await signIn({ favorite: null });
    const second = render(<StreamerPage />);
    await screen.findByRole('heading', { name: 'No favorite streamer yet' });
    expect(await seriousViolations(second.container)).toEqual([]);
  });

  it('the options page', async () => {
    await signIn();
    const { container } = render(<OptionsPage />);
    await screen.findByRole('switch', { name: /Going live/ });
    await screen.findByRole('spinbutton', { name: /Keep events for/ });
    await screen.findByRole('button', { name: 'Sign out' });
    expect(await seriousViolations(container)).toEqual([]);
  });
});
