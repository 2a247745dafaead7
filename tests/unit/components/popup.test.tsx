import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../components/popup/Popup';
import type * as ConfigModule from '../../../lib/config';
import { favorites, listenerStatus, signInError } from '../../../lib/settings';
import { database } from '../../../lib/db/database';
import { ACCOUNT_ID, CHANNEL, OTHER_CHANNEL, freshPage, signIn } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));
vi.mock('../../../lib/config', async (original) => ({
  ...(await original<typeof ConfigModule>()),
  isConfigured: () => true,
}));

describe('Popup', () => {
  beforeEach(() => {
    answer();
  });

  it('signs in through the background with the access the user ticked', async () => {
    answer({
      signIn: () => ({ ok: false, error: 'You declined access on Twitch. Nothing was changed.' }),
    });
    render(<Popup />);
    await userEvent.click(
      await screen.findByRole('checkbox', { name: /I moderate my favorite channel/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Log in with Twitch' }));
    expect(sendMessage).toHaveBeenCalledWith('signIn', {
      moderator: true,
      broadcaster: false,
      sendChat: false,
      follows: true,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('You declined access on Twitch');
  });

  it('asks for whispers, and for sending them, when ticked', async () => {
    render(<Popup />);
    await userEvent.click(await screen.findByRole('checkbox', { name: /^Whispers/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /^Send whispers/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Log in with Twitch' }));
    expect(sendMessage).toHaveBeenCalledWith('signIn', {
      moderator: false,
      broadcaster: false,
      sendChat: false,
      follows: true,
      whispers: true,
      sendWhispers: true,
    });
  });

  it('links to the whispers page only for a session that receives whispers', async () => {
    await signIn();
    const { unmount } = render(<Popup />);
    await screen.findByTestId('favorite');
    expect(screen.queryByRole('button', { name: 'Whispers' })).toBeNull();
    unmount();
    await signIn({ scopes: ['user:read:chat', 'user:read:whispers'] });
    render(<Popup />);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await userEvent.click(await screen.findByRole('button', { name: 'Whispers' }));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/whispers\.html$/) });
  });

  it('shows why the last sign-in failed, even though that popup had closed', async () => {
    await signInError.setValue({
      message: 'The Twitch sign-in window was closed before you finished.',
      at: Date.now(),
    });
    render(<Popup />);
    expect(await screen.findByRole('alert')).toHaveTextContent('window was closed');
  });

  it('shows the favorite, its live status and title, and the listener status', async () => {
    await signIn();
    await listenerStatus.setValue({
      state: 'connected',
      channelIds: ['100001'],
      lastMessageAt: Date.now() - 2_000,
      subscriptions: [
        { id: 'stream.online', channelId: '100001', status: 'active' },
        { id: 'channel.chat.message', channelId: '100001', status: 'active' },
        {
          id: 'channel.follow',
          channelId: '100001',
          status: 'refused',
          reason: { code: 'needsModerator' },
        },
      ],
      updatedAt: Date.now(),
    });
    render(<Popup />);
    expect(await screen.findByText('DemoViewer')).toBeInTheDocument();
    const favorite = await screen.findByTestId('favorite');
    await waitFor(() => expect(within(favorite).getByText('LIVE')).toBeInTheDocument());
    expect(within(favorite).getByText('Any% speedrun')).toBeInTheDocument();
    const status = screen.getByRole('region', { name: 'Listener status' });
    expect(within(status).getByText('Listening')).toBeInTheDocument();
    expect(within(status).getByText(/Twitch last said something/)).toBeInTheDocument();
    expect(within(status).getByTestId('subscription-count')).toHaveTextContent(
      '2 of 3 event types active',
    );
    expect(within(status).getByText('Follows: needs moderator access')).toBeInTheDocument();
  });

  /** A type of the second favorite left to the minute poll. */
  const polledOnOther = (id: string) => ({
    id,
    channelId: OTHER_CHANNEL.id,
    status: 'polled' as const,
    reason: { code: 'polled' as const },
  });

  it('says what of several favorites is real time and what is not', async () => {
    await signIn();
    await favorites.setValue([CHANNEL, OTHER_CHANNEL]);
    await listenerStatus.setValue({
      state: 'connected',
      channelIds: [CHANNEL.id, OTHER_CHANNEL.id],
      budget: { max: 10, elsewhere: 0, cost: 10 },
      subscriptions: [
        { id: 'stream.online', channelId: CHANNEL.id, status: 'active' },
        polledOnOther('channel.update'),
        polledOnOther('channel.raid.from'),
        polledOnOther('channel.raid.to'),
        {
          id: 'channel.chat.notification',
          channelId: OTHER_CHANNEL.id,
          status: 'active',
        },
      ],
      updatedAt: Date.now(),
    });
    render(<Popup />);
    const budget = await screen.findByTestId('realtime-budget');
    expect(budget).toHaveTextContent('Real-time: 10 of 10');
    // The minute poll sees title changes; nothing sees outgoing raids; incoming ones arrive as
    // the chat's raid notice.
    expect(
      within(budget).getByText(
        'Title and category changes for PixelPaladin arrive within a minute',
      ),
    ).toBeInTheDocument();
    expect(
      within(budget).getByText('Outgoing raids for PixelPaladin: not received (over the budget)'),
    ).toBeInTheDocument();
  });

  it('shows when the next reconnect attempt is', async () => {
    await signIn();
    await listenerStatus.setValue({
      state: 'reconnecting',
      detail: { code: 'connectionLost', cause: '[1006] gone' },
      nextAttemptAt: Date.now() + 8_000,
      subscriptions: [],
      updatedAt: Date.now(),
    });
    render(<Popup />);
    expect(await screen.findByText('Reconnecting')).toBeInTheDocument();
    expect(screen.getByText(/next try in \d+ s/)).toBeInTheDocument();
    expect(screen.getByText('Connection lost: [1006] gone')).toBeInTheDocument();
  });

  it('reads a status stored by an earlier version (words and labels, not facts) without failing', async () => {
    await signIn();
    // Encoded message references as Chrome's listener worker used to store them.
    const reference = (key: string) => `\u2063${JSON.stringify([key])}\u2063`;
    await (listenerStatus as unknown as { setValue(v: unknown): Promise<void> }).setValue({
      state: 'reconnecting',
      detail: reference('listener.connectionLost'),
      channelId: '100001',
      nextAttemptAt: Date.now() + 8_000,
      subscriptions: [
        { id: 'stream.online', channelId: '100001', label: 'Going live', status: 'active' },
        {
          id: 'channel.follow',
          label: 'Follows',
          status: 'refused',
          reason: reference('listener.needsModerator'),
        },
        { id: 'channel.cheer', label: 'Cheers', status: 'revoked', reason: 'revoked by Twitch' },
      ],
      updatedAt: Date.now(),
    });
    render(<Popup />);
    const status = await screen.findByRole('region', { name: 'Listener status' });
    expect(within(status).getByText('Reconnecting')).toBeInTheDocument();
    expect(within(status).getByTestId('subscription-count')).toHaveTextContent(
      '1 of 3 event types active',
    );
    // What is not a fact is left out: the generic words stand in, no reference shows.
    expect(within(status).getByText('Follows: refused')).toBeInTheDocument();
    expect(within(status).getByText('Cheers: revoked')).toBeInTheDocument();
    expect(status.textContent).not.toContain('\u2063');
    expect(status.textContent).not.toContain('listener.');
  });

  it('shows the unread "For you" items above the favorite once its list has loaded', async () => {
    await freshPage();
    await signIn();
    await database().forYou.add({
      id: 'm1',
      kind: 'mention',
      channelId: CHANNEL.id,
      channelLogin: CHANNEL.login,
      channelName: CHANNEL.displayName,
      accountId: ACCOUNT_ID,
      messageId: 'message-m1',
      occurredAt: Date.now() - 60_000,
      receivedAt: Date.now() - 60_000,
      senderId: '200',
      senderLogin: 'viewer_one',
      senderName: 'Viewer_One',
      text: 'hi @demo_viewer',
      read: 0,
    });
    render(<Popup />);
    const forYou = await screen.findByTestId('for-you');
    expect(within(forYou).getByTestId('for-you-item')).toHaveTextContent('hi @demo_viewer');
    expect(
      forYou.compareDocumentPosition(screen.getByTestId('favorite')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('suggests channels while typing, and shows a clear error for a bad name', async () => {
    await signIn();
    answer({
      searchChannels: () => [
        {
          id: '100010',
          login: 'pixelpaladin',
          displayName: 'PixelPaladin',
          isLive: true,
          gameName: 'Art',
        },
      ],
      setFavorite: () => ({ ok: false, error: 'No Twitch channel is called “pixelx”.' }),
    });
    render(<Popup />);
    const box = await screen.findByRole('combobox', { name: 'Favorite streamer' });
    await userEvent.type(box, 'pix');
    const option = await screen.findByRole('option', { name: /PixelPaladin/ });
    expect(option).toBeInTheDocument();
    expect(sendMessage).toHaveBeenCalledWith('searchChannels', 'pix');
    await userEvent.type(box, 'x{Enter}');
    expect(sendMessage).toHaveBeenCalledWith('setFavorite', 'pixx');
    expect(await screen.findByRole('alert')).toHaveTextContent('No Twitch channel is called');
  });

  it('saves a suggestion picked with the keyboard', async () => {
    await signIn();
    answer({
      searchChannels: () => [
        { id: '100011', login: 'speedrunsam', displayName: 'SpeedrunSam', isLive: false },
      ],
      setFavorite: () => ({ ok: true }),
    });
    render(<Popup />);
    const box = await screen.findByRole('combobox', { name: 'Favorite streamer' });
    await userEvent.type(box, 'Speed');
    await screen.findByRole('option', { name: /SpeedrunSam/ });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(sendMessage).toHaveBeenCalledWith('setFavorite', 'speedrunsam');
    expect(await screen.findByRole('status')).toHaveTextContent('Listening starts now');
  });
});
