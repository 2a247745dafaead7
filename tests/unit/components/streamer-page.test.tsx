import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamerPage } from '../../../components/streamer/StreamerPage';
import { database } from '../../../lib/db/database';
import type { FavoriteToggle } from '../../../lib/messaging';
import { authProfile, favorites, listenerStatus, requestedAccess } from '../../../lib/settings';
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

  describe('a channel named in the address that is not a favorite', () => {
    const HXF: FavoriteToggle = { id: '200001', login: 'hxf001', displayName: 'HXF001' };
    const at = (search: string) => history.replaceState(null, '', `/streamer.html${search}`);
    afterEach(() => history.replaceState(null, '', '/'));

    it('shows its header, player, Twitch chat and recorded events, and makes it a favorite on the spot', async () => {
      await signIn();
      await database().events.add(makeEvent({ id: 'hxf-live', channelId: HXF.id }));
      let answerLookup = () => {};
      const looked = new Promise<void>((resolve) => (answerLookup = resolve));
      answer({
        lookUpChannel: async (login) => {
          await looked;
          return login === 'hxf001' ? { status: 'found', channel: HXF } : { status: 'unknown' };
        },
        toggleFavorite: async (channel) => {
          await favorites.setValue([
            ...(await favorites.getValue()),
            { ...(channel as FavoriteToggle), addedAt: 5 },
          ]);
          return { ok: true };
        },
      });
      at('?channel=hxf001');
      render(<StreamerPage />);
      expect(await screen.findByText('Looking up “hxf001” on Twitch…')).toBeInTheDocument();
      answerLookup();

      await screen.findByRole('heading', { name: 'HXF001', level: 1 });
      expect(sendMessage).toHaveBeenCalledWith('channelSummary', HXF.id);
      expect(await screen.findByTestId('stream-title')).toHaveTextContent(defaultSummary.title);
      expect(iframeUrl('Live player').searchParams.get('channel')).toBe('hxf001');
      expect(iframeUrl('Twitch chat').pathname).toBe('/embed/hxf001/chat');
      expect(screen.getByTestId('chat-not-recorded')).toHaveTextContent(
        'The recorded chat appears here once HXF001 is a favorite.',
      );
      await waitFor(() =>
        expect(document.querySelector('[data-event-id="hxf-live"]')).not.toBeNull(),
      );
      expect(document.title).toBe('HXF001 — Companion for Twitch');
      const select = screen.getByRole('combobox', { name: 'Channel' });
      expect(
        within(select)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Demo', 'HXF001']);
      expect((select as HTMLSelectElement).value).toBe('hxf001');

      const toggle = screen.getByRole('button', { name: 'Favorite HXF001' });
      expect(toggle).toHaveAttribute('aria-pressed', 'false');
      await userEvent.click(toggle);
      await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'));
      expect(sendMessage).toHaveBeenCalledWith('toggleFavorite', HXF);
      // The full favorite page now, without a reload: recorded chat and notifications.
      expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
      expect(screen.queryByTestId('chat-not-recorded')).toBeNull();
      expect(screen.getByRole('button', { name: 'Notifications for HXF001' })).toBeInTheDocument();
      expect(sendMessage.mock.calls.filter(([name]) => name === 'lookUpChannel')).toHaveLength(1);
    });

    it('says when no Twitch channel has that name, and opens a channel found by the search', async () => {
      await signIn();
      answer({
        lookUpChannel: (login) =>
          login === 'hxf001' ? { status: 'found', channel: HXF } : { status: 'unknown' },
        searchChannels: (query) =>
          query === 'hxf'
            ? [{ id: HXF.id, login: 'hxf001', displayName: 'HXF001', isLive: true }]
            : [],
      });
      at('?channel=nobody_here');
      render(<StreamerPage />);
      expect(
        await screen.findByRole('heading', { name: 'No Twitch channel named “nobody_here”' }),
      ).toBeInTheDocument();
      expect(screen.queryByTitle('Live player')).toBeNull();
      // The favorites are offered too.
      expect(screen.getByRole('combobox', { name: 'Channel' })).toBeInTheDocument();

      const search = screen.getByRole('combobox', { name: 'Find a channel' });
      expect(search).toHaveValue('nobody_here');
      expect(await screen.findByText('No channel found.')).toBeInTheDocument();
      await userEvent.clear(search);
      await userEvent.type(search, 'hxf');
      await userEvent.click(await screen.findByRole('option', { name: /HXF001/ }));
      await screen.findByRole('heading', { name: 'HXF001', level: 1 });
      expect(location.search).toBe('?channel=hxf001');
    });

    it('says when the address does not hold a channel name, with the search', async () => {
      await signIn();
      answer();
      at('?channel=' + encodeURIComponent('not a login!'));
      render(<StreamerPage />);
      expect(
        await screen.findByRole('heading', { name: '“not a login!” is not a Twitch channel name' }),
      ).toBeInTheDocument();
      expect(screen.getByRole('combobox', { name: 'Find a channel' })).toBeInTheDocument();
      expect(sendMessage.mock.calls.some(([name]) => name === 'lookUpChannel')).toBe(false);
      await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'demo');
      await screen.findByRole('heading', { name: 'Demo', level: 1 });
    });

    it('says when Twitch cannot be reached, and tries again', async () => {
      await signIn();
      let reachable = false;
      answer({
        lookUpChannel: () => (reachable ? { status: 'found', channel: HXF } : { status: 'error' }),
      });
      at('?channel=hxf001');
      render(<StreamerPage />);
      expect(
        await screen.findByRole('heading', {
          name: 'Twitch could not be reached to look up “hxf001”.',
        }),
      ).toBeInTheDocument();
      reachable = true;
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await screen.findByRole('heading', { name: 'HXF001', level: 1 });
    });

    it('asks to log in when signed out, or when the session ended during the lookup', async () => {
      await signIn();
      await authProfile.setValue(null);
      answer({ lookUpChannel: () => ({ status: 'signedOut' }) });
      at('?channel=hxf001');
      const { unmount } = render(<StreamerPage />);
      expect(await screen.findByRole('button', { name: 'Log in with Twitch' })).toBeInTheDocument();
      expect(sendMessage.mock.calls.some(([name]) => name === 'lookUpChannel')).toBe(false);
      unmount();

      await signIn();
      render(<StreamerPage />);
      expect(await screen.findByRole('button', { name: 'Log in with Twitch' })).toBeInTheDocument();
      expect(sendMessage).toHaveBeenCalledWith('lookUpChannel', 'hxf001');
    });
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
