import { indexUnindexed } from '../../../lib/search/backfill';
import { indexChatAfterMark } from '../../../lib/search/indexer';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryPage } from '../../../components/history/HistoryPage';
import { ROW_HEIGHT } from '../../../components/history/Timeline';
import { database, type StoredEvent } from '../../../lib/db/database';
import * as timelinePages from '../../../lib/history/timeline-pages';
import { authProfile, historyLastVisit } from '../../../lib/settings';
import {
  addChat,
  CHANNEL,
  freshPage,
  makeChat,
  makeEvent,
  OTHER_CHANNEL,
  signIn,
} from './fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const MIN = 60_000;
const T0 = Date.now() - 3 * 60 * MIN;
const at = (minutes: number) => T0 + minutes * MIN;
const named = (channelId: string) =>
  channelId === CHANNEL.id
    ? { broadcaster_user_login: 'demo', broadcaster_user_name: 'Demo' }
    : { broadcaster_user_login: 'pixelpaladin', broadcaster_user_name: 'PixelPaladin' };
const ev = (
  type: string,
  minutes: number,
  channelId: string,
  event: Record<string, unknown> = {},
) =>
  makeEvent({
    type,
    version: type === 'channel.update' ? '2' : '1',
    channelId,
    receivedAt: at(minutes),
    occurredAt: at(minutes),
    event: { ...named(channelId), ...event },
  });
const raid = (minutes: number, channelId: string, from: string) =>
  ev('channel.raid', minutes, channelId, {
    from_broadcaster_user_id: `u-${from}`,
    from_broadcaster_user_name: from,
    to_broadcaster_user_id: channelId,
    viewers: 9,
  });

/** Two streams of two channels, a raid in each. */
const TWO_STREAMS: StoredEvent[] = [
  ev('stream.online', 1, CHANNEL.id, { id: 's1' }),
  ev('channel.update', 2, CHANNEL.id, { title: 'Speedruns', category_name: 'Celeste' }),
  raid(3, CHANNEL.id, 'Alpha'),
  ev('stream.offline', 4, CHANNEL.id),
  ev('stream.online', 5, OTHER_CHANNEL.id, { id: 's2' }),
  ev('channel.update', 6, OTHER_CHANNEL.id, { title: 'Chess night', category_name: 'Chess' }),
  raid(7, OTHER_CHANNEL.id, 'Beta'),
];

const timeline = () => screen.findByRole('list', { name: 'Timeline' });
const streamTitles = (list: HTMLElement) =>
  within(list)
    .queryAllByTestId('timeline-stream')
    .map((b) => b.querySelector('[data-field="stream-title"]')?.textContent);
const eventTypes = (list: HTMLElement) =>
  within(list)
    .queryAllByTestId('timeline-event')
    .map((row) => row.getAttribute('data-event-type'));

beforeEach(async () => {
  await freshPage();
  history.replaceState(null, '', '/history.html');
  await historyLastVisit.setValue(T0 - MIN);
});
afterEach(() => history.replaceState(null, '', '/'));

describe('What did I miss', () => {
  it('says to sign in when signed out', async () => {
    await authProfile.setValue(null);
    render(<HistoryPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'What did I miss' })).toBeInTheDocument();
    expect(await screen.findByTestId('history-signed-out')).toHaveTextContent(/Sign in/);
  });

  it('is loading until the record is read, then says nothing happened since the last visit', async () => {
    await signIn();
    render(<HistoryPage />);
    expect(screen.getByText('Loading…').closest('[aria-busy]')).toBeInTheDocument();
    expect(await screen.findByTestId('history-empty')).toHaveTextContent(/^Nothing happened since/);
    expect(screen.getByRole('button', { name: 'Show everything recorded' })).toBeInTheDocument();
  });

  it('says what failed when the record cannot be read', async () => {
    await signIn();
    vi.spyOn(timelinePages, 'readTimelineStart').mockRejectedValue(new Error('disk on fire'));
    render(<HistoryPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('disk on fire');
  });

  it('groups events by day and by stream, titled with title and category, newest first', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() =>
      expect(streamTitles(list)).toEqual(['Chess night · Chess', 'Speedruns · Celeste']),
    );
    expect(within(list).getAllByTestId('timeline-day')).toHaveLength(1);
    expect(eventTypes(list)).toEqual([
      'channel.raid',
      'channel.update',
      'stream.online',
      'stream.offline',
      'channel.raid',
      'channel.update',
      'stream.online',
    ]);
    expect(within(list).getAllByTestId('timeline-stream')[0]).toHaveTextContent('PixelPaladin');
    expect(screen.getByTestId('history-count')).toHaveTextContent('7 events shown');
  });

  it('narrows by channel and by kind', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() => expect(eventTypes(list)).toHaveLength(7));
    const filters = screen.getByRole('region', { name: 'Filters' });
    await userEvent.click(within(filters).getByRole('checkbox', { name: 'PixelPaladin' }));
    expect(streamTitles(list)).toEqual(['Speedruns · Celeste']);
    await userEvent.click(within(filters).getByRole('checkbox', { name: 'PixelPaladin' }));
    // The stream group's kinds (going live, offline, title changes) off: the raids are left.
    const stream = within(filters).getByRole('group', { name: 'Stream' });
    await userEvent.click(within(stream).getAllByRole('checkbox')[0]!);
    expect(eventTypes(list)).toEqual(['channel.raid', 'channel.raid']);
  });

  it('opens at the stretch the address gives', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    history.replaceState(null, '', `/history.html?from=${at(2.5)}&to=${at(6.5)}`);
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() =>
      expect(eventTypes(list)).toEqual([
        'channel.update',
        'stream.online',
        'stream.offline',
        'channel.raid',
      ]),
    );
    // The stream begun before the stretch is titled from what was recorded before it.
    expect(streamTitles(list)).toEqual(['Chess night · Chess', 'Speedruns · Celeste']);
    expect(screen.getByRole('combobox', { name: 'Time' })).toHaveDisplayValue(
      /^While you were away/,
    );
  });

  it('opens for one channel from the streamer page', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    history.replaceState(null, '', `/history.html?channel=${CHANNEL.id}`);
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() => expect(streamTitles(list)).toEqual(['Speedruns · Celeste']));
  });

  it('remembers when it was left: the next visit starts there', async () => {
    await signIn({ favorite: null });
    const { unmount } = render(<HistoryPage />);
    await screen.findByTestId('history-empty');
    const before = Date.now();
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () =>
      expect(await historyLastVisit.getValue()).toBeGreaterThanOrEqual(before),
    );
    unmount();
  });

  /** Rows written here as the recorder would, then indexed as the background does. */
  const indexRecord = async () => {
    await indexUnindexed(database());
    await indexChatAfterMark(database());
  };

  it('searches as you type, marks the words, opens a chat line at its place', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    const line = makeChat({
      channelId: OTHER_CHANNEL.id,
      event: {
        chatter_user_name: 'Viewer',
        broadcaster_user_login: 'pixelpaladin',
        message: { text: 'what a <b>Checkmate</b> move', fragments: [] },
      },
    });
    await addChat([line, makeChat({ channelId: OTHER_CHANNEL.id })]);
    await indexRecord();
    render(<HistoryPage />);
    await timeline();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'checkmate');
    const results = await screen.findByRole('list', { name: 'Search results' });
    const hit = within(results).getByTestId('search-hit');
    expect(hit.querySelector('mark')).toHaveTextContent(/^Checkmate$/);
    // Text, never markup.
    expect(hit).toHaveTextContent('what a <b>Checkmate</b> move');
    expect(hit.querySelector('b')).toBeNull();
    expect(within(hit).getByRole('link')).toHaveAttribute(
      'href',
      `chrome-extension://test-extension-id/streamer.html?channel=pixelpaladin&line=${line.messageId}`,
    );
  });

  it('opens an event found by the search at its stream in the timeline', async () => {
    await signIn({ favorite: null });
    await database().events.bulkAdd(TWO_STREAMS);
    await indexRecord();
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() => expect(eventTypes(list)).toHaveLength(7));
    const filters = screen.getByRole('region', { name: 'Filters' });
    // The raids hidden: the one found is shown again.
    const community = within(filters).getByRole('group', { name: 'Community' });
    await userEvent.click(within(community).getAllByRole('checkbox')[0]!);
    expect(eventTypes(list)).not.toContain('channel.raid');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'alpha');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('button'));
    // Its kind shown again, the event marked.
    await waitFor(() =>
      expect(list.querySelector('[aria-current="true"]')).toHaveTextContent(/Alpha/),
    );
  });

  it('shows the newest rows before the rest of the record is read', async () => {
    await signIn({ favorite: null });
    const events = Array.from({ length: 2_000 }, (_, i) =>
      makeEvent({ id: `f${i}`, receivedAt: at(10) + i * 1000, occurredAt: at(10) + i * 1000 }),
    );
    await database().events.bulkAdd(events);
    // The first page is read; the next never comes.
    const read = timelinePages.readTimelinePages;
    vi.spyOn(timelinePages, 'readTimelinePages').mockImplementation(async function* (...args) {
      for await (const page of read(...args)) {
        yield page;
        await new Promise(() => undefined);
      }
    });
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() =>
      expect(within(list).getAllByTestId('timeline-event')[0]).toHaveAttribute(
        'data-event-id',
        'f1999',
      ),
    );
    expect(screen.getByTestId('history-count')).toHaveTextContent(
      `${timelinePages.PAGE_SIZES[0]} events shown`,
    );
  });

  it('renders only the rows near the scroll box of a long timeline', async () => {
    await signIn({ favorite: null });
    const events = Array.from({ length: 2_000 }, (_, i) =>
      makeEvent({ id: `f${i}`, receivedAt: at(10) + i * 1000, occurredAt: at(10) + i * 1000 }),
    );
    await database().events.bulkAdd(events);
    render(<HistoryPage />);
    const list = await screen.findByRole('list', { name: 'Timeline' }, { timeout: 15_000 });
    await waitFor(() => expect(screen.getByTestId('history-count')).toHaveTextContent('2,000'));
    const rendered = within(list).getAllByRole('listitem');
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('aria-setsize', String(2_000 + 2));
    const box = screen.getByTestId('timeline-box');
    box.scrollTop = 1_000 * ROW_HEIGHT;
    fireEvent.scroll(box);
    const moved = within(list).getAllByRole('listitem');
    expect(moved.length).toBeLessThan(60);
    expect(Number(moved[0]!.getAttribute('aria-posinset'))).toBeGreaterThan(900);
  }, 30_000);
});
