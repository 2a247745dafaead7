import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowsSection } from '../../../components/options/FollowsSection';
import {
  badgeMode,
  followNotificationSettings,
  follows,
  type FollowedChannel,
} from '../../../lib/settings';
import { signIn } from './fixtures';

const channel = (id: string, name: string): FollowedChannel => ({
  id,
  login: name.toLowerCase(),
  displayName: name,
  followedAt: '2026-01-01T00:00:00Z',
});

describe('the followed channels settings', () => {
  beforeEach(async () => {
    await signIn({ scopes: ['user:read:chat', 'user:read:follows'] });
    await follows.setValue({
      userId: '100003',
      fetchedAt: Date.now() - 2 * 60_000,
      channels: [channel('1', 'Alpha'), channel('2', 'Beta'), channel('3', 'Gamma')],
      dropped: [{ id: '9', displayName: 'Vanished' }],
      error: 'Could not reach Twitch.',
    });
  });

  it('mutes a channel found with the filter', async () => {
    render(<FollowsSection />);
    await userEvent.type(
      await screen.findByRole('searchbox', { name: 'Filter followed channels' }),
      'bet',
    );
    const list = screen.getByRole('list', { name: 'Followed channels' });
    expect(within(list).getAllByRole('switch')).toHaveLength(1);
    await userEvent.click(within(list).getByRole('switch', { name: 'Mute Beta' }));
    expect((await followNotificationSettings.getValue()).muted).toEqual(['2']);
    await userEvent.click(within(list).getByRole('switch', { name: 'Mute Beta' }));
    expect((await followNotificationSettings.getValue()).muted).toEqual([]);
  });

  it('keeps the last list when a refresh failed, and notes channels that dropped out', async () => {
    render(<FollowsSection />);
    expect(await screen.findByText(/3 channels, fetched 2 minutes ago/)).toHaveTextContent(
      'The last refresh failed (Could not reach Twitch.)',
    );
    expect(screen.getByRole('note')).toHaveTextContent('Vanished');
  });

  it('chooses the go-live mode and what the badge shows', async () => {
    render(<FollowsSection />);
    await userEvent.click(await screen.findByRole('radio', { name: 'Favorites only' }));
    expect((await followNotificationSettings.getValue()).goLive).toBe('favorites');
    await userEvent.click(screen.getByRole('radio', { name: 'Live channels' }));
    expect(await badgeMode.getValue()).toBe('live');
  });

  it('refuses a cooldown that is not a number of minutes, keeping the last one', async () => {
    render(<FollowsSection />);
    const input = await screen.findByRole('spinbutton', { name: 'Restart cooldown (minutes)' });
    await userEvent.clear(input);
    await userEvent.type(input, '500');
    expect(screen.getByRole('alert')).toHaveTextContent('from 0 to 120');
    expect((await followNotificationSettings.getValue()).cooldownMinutes).toBe(50);
    await userEvent.clear(input);
    await userEvent.type(input, '5');
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await followNotificationSettings.getValue()).cooldownMinutes).toBe(5);
  });

  it('says what is missing without the follows scope', async () => {
    await signIn({ scopes: ['user:read:chat'] });
    render(<FollowsSection />);
    expect(
      await screen.findByText(/Sign in again and allow “followed channels”/),
    ).toBeInTheDocument();
  });
});
