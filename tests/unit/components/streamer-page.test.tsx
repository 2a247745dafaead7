import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamerPage } from '../../../components/streamer/StreamerPage';
import { database } from '../../../lib/db/database';
import { favorites, listenerStatus, requestedAccess } from '../../../lib/settings';
import { CHANNEL, makeEvent, OTHER_CHANNEL, freshPage, signIn } from './fixtures';
import { answer, defaultSummary, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

function iframeUrl(title: string): URL {
  return new URL(screen.getByTitle(title).getAttribute('src')!);
}

describe('Streamer page', () => {
  beforeEach(freshPage);

  it('shows a loading state, then asks a signed-out user to log in with the access they chose', async () => {
    await requestedAccess.setValue({ moderator: true, broadcaster: false, sendChat: true });
    answer({ signIn: () => ({ ok: false, error: 'Twitch sign-in was cancelled.' }) });
    render(<StreamerPage />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();

    const button = await screen.findByRole('button', { name: 'Log in with Twitch' });
    await userEvent.click(button);
    expect(sendMessage).toHaveBeenCalledWith('signIn', {
      moderator: true,
      broadcaster: false,
      sendChat: true,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Twitch sign-in was cancelled.');
  });

  it('explains how to choose a favorite in the toolbar popup', async () => {
    await signIn({ favorite: null });
    render(<StreamerPage />);
    expect(
      await screen.findByRole('heading', { name: 'No favorite streamer yet' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/toolbar popup/)).toBeInTheDocument();
    expect(screen.queryByTitle('Live player')).toBeNull();
  });

  it('embeds the player and Twitch chat for the favorite channel with this page as parent', async () => {
    await signIn();
    render(<StreamerPage />);
    await screen.findByTitle('Live player');

    const player = iframeUrl('Live player');
    expect(player.origin).toBe('https://player.twitch.tv');
    expect(player.searchParams.get('channel')).toBe('demo');
    expect(player.searchParams.get('parent')).toBe(location.host);
    expect(player.searchParams.get('muted')).toBe('true');
    expect(player.searchParams.get('autoplay')).toBe('true');
    expect(screen.getByTitle('Live player')).toHaveAttribute('allow', 'autoplay; fullscreen');

    const chat = iframeUrl('Twitch chat');
    expect(chat.origin + chat.pathname).toBe('https://www.twitch.tv/embed/demo/chat');
    expect(chat.searchParams.get('parent')).toBe(location.host);
  });

  it('remembers the chosen chat view', async () => {
    await signIn();
    const { unmount } = render(<StreamerPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Recorded chat' }));
    expect(screen.queryByTitle('Twitch chat')).toBeNull();
    expect(screen.getByRole('button', { name: 'Recorded chat' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    unmount();

    render(<StreamerPage />);
    await screen.findByRole('heading', { name: 'Chat' });
    expect(screen.queryByTitle('Twitch chat')).toBeNull();
  });

  it('shows the channel summary in the header, then follows recorded events', async () => {
    await signIn();
    await listenerStatus.setValue({ state: 'connected', subscriptions: [], updatedAt: Date.now() });
    render(<StreamerPage />);

    const header = await screen.findByRole('banner');
    await waitFor(() => expect(within(header).getByText('LIVE')).toBeInTheDocument());
    expect(within(header).getByRole('heading', { name: 'Demo' })).toBeInTheDocument();
    expect(within(header).getByTestId('stream-title')).toHaveTextContent(defaultSummary.title);
    expect(within(header).getByTestId('stream-category')).toHaveTextContent('Celeste');
    expect(within(header).getByTestId('viewer-count')).toHaveTextContent('1,234 viewers');
    expect(within(header).getByTestId('listener-status')).toHaveTextContent('Listening');
    expect(sendMessage).toHaveBeenCalledWith('channelSummary', CHANNEL.id);

    await act(async () => {
      await database().events.bulkAdd([
        makeEvent({
          type: 'channel.update',
          version: '2',
          receivedAt: Date.now() + 10,
          event: { title: 'New title', category_name: 'Just Chatting' },
        }),
        makeEvent({
          type: 'stream.offline',
          version: '1',
          receivedAt: Date.now() + 20,
          event: { broadcaster_user_name: 'Demo' },
        }),
      ]);
    });
    await waitFor(() => expect(within(header).getByText('OFFLINE')).toBeInTheDocument());
    expect(within(header).getByText(/last live just now/)).toBeInTheDocument();
    expect(within(header).getByTestId('stream-title')).toHaveTextContent('New title');
    expect(within(header).getByTestId('stream-category')).toHaveTextContent('Just Chatting');
    expect(within(header).queryByTestId('viewer-count')).toBeNull();
    // Followed from the database: the summary was asked for once.
    expect(sendMessage.mock.calls.filter(([name]) => name === 'channelSummary')).toHaveLength(1);
  });

  it('follows a favorite changed in the popup', async () => {
    await signIn();
    await database().events.bulkAdd([
      makeEvent({ id: 'demo-event' }),
      makeEvent({ id: 'pixel-event', channelId: OTHER_CHANNEL.id }),
    ]);
    render(<StreamerPage />);
    await screen.findByRole('heading', { name: 'Demo', level: 1 });
    await waitFor(() =>
      expect(document.querySelector('[data-event-id="demo-event"]')).not.toBeNull(),
    );

    await act(() => favorites.setValue([OTHER_CHANNEL, CHANNEL]));
    expect(
      await screen.findByRole('heading', { name: 'PixelPaladin', level: 1 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.querySelector('[data-event-id="pixel-event"]')).not.toBeNull(),
    );
    expect(document.querySelector('[data-event-id="demo-event"]')).toBeNull();
    expect(iframeUrl('Live player').searchParams.get('channel')).toBe('pixelpaladin');
    expect(sendMessage.mock.calls.filter(([name]) => name === 'channelSummary')).toHaveLength(2);
    expect(document.title).toBe('PixelPaladin — Companion for Twitch');
  });

  it('shows the favorite named in the address, and switches with the Channel select', async () => {
    await signIn();
    await favorites.setValue([CHANNEL, OTHER_CHANNEL]);
    history.replaceState(null, '', '/streamer.html?channel=pixelpaladin');
    try {
      render(<StreamerPage />);
      await screen.findByRole('heading', { name: 'PixelPaladin', level: 1 });
      expect(sendMessage).toHaveBeenCalledWith('channelSummary', OTHER_CHANNEL.id);
      const select = screen.getByRole('combobox', { name: 'Channel' });
      await userEvent.selectOptions(select, 'demo');
      await screen.findByRole('heading', { name: 'Demo', level: 1 });
      expect(location.search).toBe('?channel=demo');
      expect(screen.getByRole('button', { name: 'Favorite Demo' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
    } finally {
      history.replaceState(null, '', '/');
    }
  });

  it('says when the address names a channel that is not a favorite, and offers the favorites', async () => {
    await signIn();
    history.replaceState(null, '', '/streamer.html?channel=nobody_here');
    try {
      render(<StreamerPage />);
      expect(
        await screen.findByRole('heading', { name: '“nobody_here” is not one of your favorites' }),
      ).toBeInTheDocument();
      await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'demo');
      await screen.findByRole('heading', { name: 'Demo', level: 1 });
    } finally {
      history.replaceState(null, '', '/');
    }
  });

  it('tells the background it was seen on load and whenever it becomes visible', async () => {
    await signIn();
    render(<StreamerPage />);
    await screen.findByTitle('Live player');
    const seen = () =>
      sendMessage.mock.calls.filter(([name]) => name === 'streamerPageSeen').length;
    expect(seen()).toBe(1);

    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    visibility.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen()).toBe(1);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen()).toBe(2);
  });

  it('offers the composer only when the session may send chat', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:write:chat'] });
    render(<StreamerPage />);
    expect(
      await screen.findByRole('textbox', { name: /Message to demo’s chat/ }),
    ).toBeInTheDocument();
  });
});
