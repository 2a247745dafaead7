import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../components/popup/Popup';
import { windowRows } from '../../../components/popup/live-now';
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

  describe('with 500 live channels', () => {
    // Channel n has 1,000 − n viewers: the list is c0, c1, … c499.
    const many = Array.from({ length: 500 }, (_, n) => live(String(5000 + n), `C${n}`, 1000 - n));
    const list = () => screen.findByRole('list', { name: 'Live now' });
    const box = async () => (await list()).parentElement!;
    const openButton = (login: string) =>
      within(document.querySelector<HTMLElement>(`li[data-login="${login}"]`)!).getAllByRole(
        'button',
      )[0]!;
    const scrollTo = async (top: number) => {
      const scroller = await box();
      scroller.scrollTop = top;
      fireEvent.scroll(scroller);
    };

    beforeEach(async () => {
      await signIn({ scopes: SCOPES, favorite: null });
      await liveStreams.setValue({ userId: '100003', fetchedAt: Date.now(), streams: many });
    });

    it('has only the rows near the scroll box in the document, each with its place in all 500', async () => {
      render(<Popup />);
      const shown = await names();
      expect(shown.length).toBeGreaterThan(3);
      expect(shown.length).toBeLessThan(20);
      expect(shown).toEqual(many.slice(0, shown.length).map((s) => s.login));
      const first = screen.getAllByRole('listitem')[0]!;
      expect(first).toHaveAttribute('aria-posinset', '1');
      expect(first).toHaveAttribute('aria-setsize', '500');
      expect(screen.getByRole('heading', { name: /Live now/ })).toHaveTextContent('(500)');

      // Scrolled to the end: the last rows, at their places.
      await scrollTo(1_000_000);
      const end = await names();
      expect(end.at(-1)).toBe('c499');
      expect(end).not.toContain('c0');
      expect(screen.getAllByRole('listitem').at(-1)).toHaveAttribute('aria-posinset', '500');
    });

    it('has every row in the document up to 50', async () => {
      await liveStreams.setValue({
        userId: '100003',
        fetchedAt: Date.now(),
        streams: many.slice(0, 50),
      });
      render(<Popup />);
      expect(await names()).toEqual(many.slice(0, 50).map((s) => s.login));
    });

    it('filters all 500, not only the rows in the document', async () => {
      render(<Popup />);
      expect(await names()).not.toContain('c437');
      await userEvent.type(screen.getByRole('searchbox', { name: 'Filter live channels' }), 'c437');
      expect(await names()).toEqual(['c437']);
      expect(screen.getByRole('listitem')).toHaveAttribute('aria-setsize', '1');
    });

    it('keeps the focused row while it is scrolled away, and Tab goes on to the next row', async () => {
      render(<Popup />);
      await names();
      const open = openButton('c2');
      open.focus();
      await scrollTo(1_000_000);
      expect(await names()).toContain('c2');
      expect(document.activeElement).toBe(open);
      expect(openButton('c2')).toBe(open);

      // Back where it is: Tab from row c2 reaches row c3 (its open button after c2's star).
      await scrollTo(0);
      await userEvent.tab();
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Favorite C2' }));
      await userEvent.tab();
      expect(document.activeElement).toBe(openButton('c3'));
    });
  });
});

describe('windowRows', () => {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const box = { viewport: 288, rowHeight: 66 };

  it('gives the rows in the scroll box and the overscan on each side', () => {
    expect(windowRows(500, { ...box, scrollTop: 0 }, 4)).toEqual(range(0, 9));
    expect(windowRows(500, { ...box, scrollTop: 660 }, 4)).toEqual(range(6, 19));
    expect(windowRows(500, { ...box, scrollTop: 500 * 66 }, 4)).toEqual(range(491, 500));
    expect(windowRows(0, { ...box, scrollTop: 0 }, 4)).toEqual([]);
  });

  it('adds the kept row in its place, and ignores one that is not in the list', () => {
    expect(windowRows(500, { ...box, scrollTop: 660 }, 4, 0)).toEqual([0, ...range(6, 19)]);
    expect(windowRows(500, { ...box, scrollTop: 660 }, 4, 400)).toEqual([...range(6, 19), 400]);
    expect(windowRows(500, { ...box, scrollTop: 660 }, 4, 10)).toEqual(range(6, 19));
    expect(windowRows(500, { ...box, scrollTop: 660 }, 4, -1)).toEqual(range(6, 19));
  });

  it('clamps a scroll position past the end of a list that got shorter', () => {
    expect(windowRows(3, { ...box, scrollTop: 10_000 }, 4)).toEqual([0, 1, 2]);
    expect(windowRows(20, { ...box, scrollTop: 10_000 }, 4)).toEqual(range(11, 20));
  });
});
