import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../components/popup/Popup';
import type * as ConfigModule from '../../../lib/config';
import { liveStreams, type LiveStream } from '../../../lib/settings';
import { CHANNEL, signIn } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));
vi.mock('../../../lib/config', async (original) => ({
  ...(await original<typeof ConfigModule>()),
  isConfigured: () => true,
}));

const SCOPES = ['user:read:chat', 'user:read:follows'];

function live(channelId: string, displayName: string, viewerCount: number): LiveStream {
  return {
    streamId: `s${channelId}`,
    channelId,
    login: displayName.toLowerCase(),
    displayName,
    title: `${displayName} plays`,
    gameName: 'Chess',
    viewerCount,
    startedAt: new Date(Date.now() - 65 * 60_000).toISOString(),
  };
}

const names = async () =>
  within(await screen.findByRole('list', { name: 'Live now' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('data-login'));

describe('Live now', () => {
  beforeEach(async () => {
    answer();
    await liveStreams.setValue(null);
  });

  it('tells a user who did not allow followed channels what they miss', async () => {
    await signIn({ scopes: ['user:read:chat'] });
    render(<Popup />);
    expect(
      await screen.findByText(/Sign in again and allow “followed channels” to see who is live/),
    ).toBeInTheDocument();
    expect(sendMessage).not.toHaveBeenCalledWith('popupOpened', undefined);
  });

  it('asks for a poll when it opens and says it is loading until the first one', async () => {
    await signIn({ scopes: SCOPES });
    render(<Popup />);
    expect(await screen.findByText('Loading live channels…')).toBeInTheDocument();
    expect(sendMessage).toHaveBeenCalledWith('popupOpened', undefined);
  });

  it('lists favorites first, then by viewers, with category, viewers and uptime', async () => {
    await signIn({ scopes: SCOPES });
    await liveStreams.setValue({
      userId: '100003',
      fetchedAt: Date.now(),
      streams: [
        live('1', 'Small', 5),
        live('2', 'Big', 5000),
        { ...live(CHANNEL.id, CHANNEL.displayName, 1) },
      ],
    });
    render(<Popup />);
    expect(await names()).toEqual([CHANNEL.displayName.toLowerCase(), 'big', 'small']);
    const big = screen.getAllByRole('listitem')[1]!;
    expect(big).toHaveTextContent('5,000 viewers');
    expect(big).toHaveTextContent('Chess1 hr 5 min');
    expect(screen.getByRole('button', { name: `Favorite ${CHANNEL.displayName}` })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Favorite Big' }));
    expect(sendMessage).toHaveBeenCalledWith('toggleFavorite', {
      id: '2',
      login: 'big',
      displayName: 'Big',
      profileImageUrl: undefined,
    });
    await userEvent.click(screen.getByText('Small'));
    expect(sendMessage).toHaveBeenCalledWith('openStreamerPage', { channel: 'small' });
  });

  it('filters, and says so when nothing matches', async () => {
    await signIn({ scopes: SCOPES, favorite: null });
    await liveStreams.setValue({
      userId: '100003',
      fetchedAt: Date.now(),
      streams: [live('1', 'Alpha', 5), live('2', 'Beta', 50)],
    });
    render(<Popup />);
    await userEvent.type(
      await screen.findByRole('searchbox', { name: 'Filter live channels' }),
      'alp',
    );
    expect(await names()).toEqual(['alpha']);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter live channels' }), 'zzz');
    expect(screen.getByText('No live channel matches “alpzzz”.')).toBeInTheDocument();
  });

  it('keeps the last list when a poll failed, and says from when', async () => {
    await signIn({ scopes: SCOPES, favorite: null });
    await liveStreams.setValue({
      userId: '100003',
      fetchedAt: Date.now() - 5 * 60_000,
      error: 'Could not reach Twitch.',
      streams: [live('1', 'Alpha', 5)],
    });
    render(<Popup />);
    expect(await names()).toEqual(['alpha']);
    expect(screen.getByTestId('live-fetched')).toHaveTextContent(
      'Could not refresh (Could not reach Twitch.). Showing the list from 5 minutes ago.',
    );
  });

  it('says when nobody is live', async () => {
    await signIn({ scopes: SCOPES, favorite: null });
    await liveStreams.setValue({ userId: '100003', fetchedAt: Date.now(), streams: [] });
    render(<Popup />);
    expect(
      await screen.findByText('None of the channels you follow is live right now.'),
    ).toBeInTheDocument();
  });
});
