import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RecentEvents } from '../../../components/streamer/RecentEvents';
import { database } from '../../../lib/db/database';
import { ACCOUNT_ID, CHANNEL, makeEvent, OTHER_CHANNEL, resetDatabase } from './fixtures';
import { pairs } from '../happening-fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const list = () => screen.findByRole('list', { name: 'Recent events' });
const ids = (ol: HTMLElement) =>
  within(ol)
    .queryAllByRole('listitem')
    .map((li) => li.getAttribute('data-event-id'));

describe('Recent events', () => {
  beforeEach(resetDatabase);

  it('shows the 10 newest of 15 events, newest first', async () => {
    const base = Date.now() - 60_000;
    const events = Array.from({ length: 15 }, (_, i) =>
      makeEvent({ id: `e${i + 1}`, receivedAt: base + i * 1000, occurredAt: base + i * 1000 }),
    );
    await database().events.bulkAdd(events);

    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toHaveLength(10));
    expect(ids(ol)).toEqual(['e15', 'e14', 'e13', 'e12', 'e11', 'e10', 'e9', 'e8', 'e7', 'e6']);
    const first = within(ol).getAllByRole('listitem')[0]!;
    expect(first).toHaveAttribute('data-event-type', 'channel.follow');
    expect(first).toHaveTextContent('Follower');
  });

  it('leaves out chat lines, housekeeping (recent = 0) and other channels', async () => {
    await database().events.bulkAdd([
      makeEvent({ id: 'mine' }),
      makeEvent({ id: 'housekeeping', type: 'channel.poll.progress', version: '1', recent: 0 }),
      makeEvent({ id: 'elsewhere', channelId: OTHER_CHANNEL.id }),
    ]);
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toEqual(['mine']));
  });

  it('shows role-only events only to the account that received them, public ones to all', async () => {
    const base = Date.now() - 60_000;
    const at = (i: number) => ({ receivedAt: base + i * 1000, occurredAt: base + i * 1000 });
    await database().events.bulkAdd([
      makeEvent({ id: 'my-follow', ...at(1) }),
      makeEvent({ id: 'their-follow', accountId: '100001', ...at(2) }),
      makeEvent({
        id: 'their-unban-request',
        type: 'channel.unban_request.create',
        version: '1',
        accountId: '100002',
        ...at(3),
      }),
      makeEvent({ id: 'unknown-account-sub', type: 'channel.subscribe', accountId: '', ...at(4) }),
      makeEvent({
        id: 'their-raid',
        type: 'channel.raid',
        version: '1',
        accountId: '100001',
        event: { from_broadcaster_user_name: 'Raider', to_broadcaster_user_id: CHANNEL.id },
        ...at(5),
      }),
      makeEvent({
        id: 'unknown-account-go-live',
        type: 'stream.online',
        version: '1',
        accountId: '',
        ...at(6),
      }),
    ]);
    const { unmount } = render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() =>
      expect(ids(ol)).toEqual(['unknown-account-go-live', 'their-raid', 'my-follow']),
    );
    unmount();

    // The broadcaster sees their own follow, not the viewer's; nobody signed in: public ones only.
    const broadcaster = render(<RecentEvents channelId={CHANNEL.id} accountId="100001" />);
    await waitFor(async () =>
      expect(ids(await list())).toEqual(['unknown-account-go-live', 'their-raid', 'their-follow']),
    );
    broadcaster.unmount();
    render(<RecentEvents channelId={CHANNEL.id} accountId={undefined} />);
    await waitFor(async () =>
      expect(ids(await list())).toEqual(['unknown-account-go-live', 'their-raid']),
    );
  });

  it('still shows ten events when another account’s role-only ones are newer', async () => {
    const base = Date.now() - 60_000;
    await database().events.bulkAdd([
      ...Array.from({ length: 12 }, (_, i) =>
        makeEvent({ id: `mine-${i}`, receivedAt: base + i, occurredAt: base + i }),
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        makeEvent({
          id: `theirs-${i}`,
          accountId: '100001',
          receivedAt: base + 100 + i,
          occurredAt: base + 100 + i,
        }),
      ),
    ]);
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() =>
      expect(ids(ol)).toEqual(Array.from({ length: 10 }, (_, i) => `mine-${11 - i}`)),
    );
  });

  it('shows a new event without a reload', async () => {
    await database().events.add(makeEvent({ id: 'old', receivedAt: Date.now() - 5_000 }));
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toEqual(['old']));

    await database().events.add(
      makeEvent({
        id: 'cheer',
        type: 'channel.cheer',
        version: '1',
        event: { user_name: 'BigSpender', bits: 500 },
      }),
    );
    await waitFor(() => expect(ids(ol)).toEqual(['cheer', 'old']));
    const row = within(ol).getAllByRole('listitem')[0]!;
    expect(row).toHaveTextContent('BigSpender cheered 500 bits');
    expect(row).toHaveTextContent('just now');
  });

  it('shows unknown subscription types and unknown notice types generically', async () => {
    await database().events.bulkAdd([
      makeEvent({
        id: 'future',
        type: 'channel.brand_new_thing',
        version: '7',
        receivedAt: Date.now() - 1000,
        event: { x: 1 },
      }),
      makeEvent({
        id: 'notice',
        type: 'channel.chat.notification',
        version: '1',
        noticeType: 'mystery_kind',
        event: {
          chatter_user_name: 'Alice',
          notice_type: 'mystery_kind',
          system_message: 'Alice did something new',
        },
      }),
    ]);
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toEqual(['notice', 'future']));
    const [notice, future] = within(ol).getAllByRole('listitem');
    expect(future).toHaveTextContent('New channel.brand_new_thing event');
    expect(future).toHaveAttribute('data-event-type', 'channel.brand_new_thing');
    expect(notice).toHaveTextContent('Alice did something new');
  });

  it('renders hostile text as text, never as HTML', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await database().events.add(
      makeEvent({
        id: 'xss',
        type: 'channel.update',
        version: '2',
        event: { broadcaster_user_name: 'Demo', title: hostile, category_name: hostile },
      }),
    );
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toEqual(['xss']));
    expect(ol.querySelector('img')).toBeNull();
    expect(within(ol).getByRole('listitem')).toHaveTextContent(
      `Demo changed the stream to “${hostile}” in ${hostile}`,
    );
  });

  it('explains the empty state', async () => {
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    expect(
      await screen.findByText('No events yet — they appear here the moment they happen.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Recent events' })).toBeInTheDocument();
  });

  it('shows a resub Twitch told twice as one row, the subscription message, in either order', async () => {
    const at = Date.now() - 30_000;
    const [noticeFirst, messageLater] = pairs.resub(at, at + 2_000);
    const [noticeLater, messageFirst] = pairs.resub(at + 63_000, at + 60_000, 4);
    await database().events.bulkAdd([noticeFirst!, messageLater!, messageFirst!, noticeLater!]);
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toEqual([messageFirst!.id, messageLater!.id]));
    const [second, first] = within(ol).getAllByRole('listitem');
    expect(first).toHaveTextContent('Astro_Ana resubscribed for 3 months');
    expect(first).toHaveTextContent('three months already');
    expect(second).toHaveTextContent('Astro_Ana resubscribed for 4 months');
    // Both records stay stored.
    expect(await database().events.count()).toBe(4);
  });

  it('still shows 10 rows when pairs are among the newest events', async () => {
    const base = Date.now() - 120_000;
    const follows = Array.from({ length: 8 }, (_, i) =>
      makeEvent({ id: `f${i + 1}`, receivedAt: base + i * 1000, occurredAt: base + i * 1000 }),
    );
    const raid = pairs.raid(base + 20_000, base + 20_500);
    const gift = pairs.gift(base + 30_500, base + 30_000);
    const resub = pairs.resub(base + 40_000, base + 40_100);
    await database().events.bulkAdd([...follows, ...raid, ...gift, ...resub]);
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await list();
    await waitFor(() => expect(ids(ol)).toHaveLength(10));
    expect(ids(ol).slice(0, 4)).toEqual([resub[1]!.id, gift[1]!.id, raid[1]!.id, 'f8']);
  });
});
