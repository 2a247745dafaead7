/**
 * "Watch this moment" and Clips on "What did I miss": a row of a stream offers its moment and plays
 * it in the page's player (the chosen stream's panel), says why there is none, and the panel lists
 * the stream's clips; the past broadcasts are asked for the streams of the rows in view only, once
 * per stream.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryPage } from '../../../components/history/HistoryPage';
import { ROW_HEIGHT } from '../../../components/history/Timeline';
import { stopPlaying } from '../../../components/moment/moment-player';
import { database, type StoredEvent } from '../../../lib/db/database';
import type { StreamClip, VideoLookup } from '../../../lib/history/moment';
import { historyLastVisit } from '../../../lib/settings';
import { CHANNEL, freshPage, makeEvent, OTHER_CHANNEL, signIn } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const MIN = 60_000;
const STARTED = Math.floor((Date.now() - 3 * 60 * MIN) / 1000) * 1000;
const PARENT = encodeURIComponent(location.host);

/** A stream of `channelId` from `start` (its go-live heard 1.5 s later) to `end`, with a raid. */
function stream(
  channelId: string,
  streamId: string,
  start: number,
  raidAt: number,
  end?: number,
): StoredEvent[] {
  const named = { broadcaster_user_login: 'demo', broadcaster_user_name: 'Demo' };
  const rows = [
    makeEvent({
      id: `online-${streamId}`,
      type: 'stream.online',
      version: '1',
      channelId,
      occurredAt: start + 1500,
      receivedAt: start + 1500,
      event: { ...named, id: streamId, type: 'live', started_at: new Date(start).toISOString() },
    }),
    makeEvent({
      id: `raid-${streamId}`,
      type: 'channel.raid',
      version: '1',
      channelId,
      occurredAt: raidAt,
      receivedAt: raidAt,
      event: {
        ...named,
        from_broadcaster_user_name: `Raider${streamId}`,
        to_broadcaster_user_id: channelId,
        viewers: 42,
      },
    }),
  ];
  if (end !== undefined)
    rows.push(
      makeEvent({
        id: `offline-${streamId}`,
        type: 'stream.offline',
        version: '1',
        channelId,
        occurredAt: end,
        receivedAt: end,
        event: named,
      }),
    );
  return rows;
}

const found = (id: string, createdAt: number): VideoLookup => ({
  status: 'found',
  video: { id, createdAt, subOnly: false },
});

const timeline = () => screen.findByRole('list', { name: 'Timeline' }, { timeout: 15_000 });
const rowOf = async (eventId: string) =>
  (await timeline()).querySelector<HTMLElement>(`li[data-key="${eventId}"]`)!;
const asked = (name: string) =>
  sendMessage.mock.calls.filter(([n]) => n === name).map(([, data]) => data);

beforeEach(async () => {
  await freshPage();
  history.replaceState(null, '', '/history.html');
  await historyLastVisit.setValue(STARTED - MIN);
  act(() => stopPlaying());
});
afterEach(() => history.replaceState(null, '', '/'));

describe('What did I miss: the moment in the past broadcast', () => {
  it('a raid of a stream with an archive gets "Watch this moment", which plays that moment in the page’s player', async () => {
    const raidAt = STARTED + 30 * MIN;
    answer({
      streamVideo: () => found('9001', STARTED + 4000),
      streamClips: () => ({ status: 'found', clips: [] }),
    });
    await signIn({ favorite: null });
    await database().events.bulkAdd(stream(CHANNEL.id, '40000200001', STARTED, raidAt));
    render(<HistoryPage />);
    const row = await rowOf('raid-40000200001');
    const watch = await within(row).findByRole('button', { name: /Watch this moment/ });
    // 30 minutes in, less the 4 s the archive began after the stream, less 10 s of lead.
    expect(watch).toHaveAttribute('data-video', '9001');
    expect(watch).toHaveAttribute('data-seconds', String(30 * 60 - 4 - 10));
    expect(within(row).getByRole('link', { name: 'on Twitch' })).toHaveAttribute(
      'href',
      'https://www.twitch.tv/videos/9001?t=29m46s',
    );
    // One question for the stream, whichever of its rows are shown.
    expect(asked('streamVideo')).toEqual([
      { channelId: CHANNEL.id, streamId: '40000200001', startedAt: STARTED },
    ]);
    expect(screen.queryByTitle('Past broadcast player')).toBeNull();

    fireEvent.click(watch);
    const panel = await screen.findByTestId('stream-panel');
    expect(panel).toHaveAttribute('data-stream-key', `${CHANNEL.id}:online-40000200001`);
    expect(within(panel).getByTitle('Past broadcast player')).toHaveAttribute(
      'src',
      `https://player.twitch.tv/?video=v9001&time=29m46s&parent=${PARENT}&autoplay=true`,
    );
    // No live player on this page: closing the player leaves the panel without one.
    fireEvent.click(within(panel).getByRole('button', { name: 'Close the player' }));
    await waitFor(() => expect(within(panel).queryByTitle('Past broadcast player')).toBeNull());
    expect(within(panel).queryByTitle('Live player')).toBeNull();
  });

  it('says so on the row when the channel keeps no past broadcasts, or this one expired', async () => {
    answer({
      streamVideo: (data) =>
        (data as { channelId: string }).channelId === CHANNEL.id
          ? { status: 'noVods' }
          : { status: 'gone' },
    });
    await signIn({ favorite: null });
    await database().events.bulkAdd([
      ...stream(CHANNEL.id, '111', STARTED, STARTED + 10 * MIN, STARTED + 20 * MIN),
      ...stream(OTHER_CHANNEL.id, '222', STARTED + 30 * MIN, STARTED + 40 * MIN),
    ]);
    render(<HistoryPage />);
    const noVods = await rowOf('raid-111');
    expect(
      await within(noVods).findByText('No past broadcast: this channel does not keep its streams'),
    ).toBeInTheDocument();
    expect(within(noVods).queryByRole('button', { name: /Watch this moment/ })).toBeNull();
    expect(
      await within(await rowOf('raid-222')).findByText(
        /no longer on Twitch \(expired or deleted\)/,
      ),
    ).toBeInTheDocument();
    // Rows outside a stream's times are not asked about.
    expect(asked('streamVideo')).toHaveLength(2);
  });

  it('the panel of a stream lists that stream’s clips, and one plays in its player', async () => {
    const clip: StreamClip = {
      id: 'CleverJumpPog-Ab9x',
      title: 'that jump though',
      creatorName: 'lurking_lucy',
      viewCount: 1234,
      duration: 30,
      createdAt: STARTED + 10 * MIN,
      thumbnailUrl:
        'https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/CleverJumpPog-Ab9x/preview-480x272.jpg',
      url: 'https://clips.twitch.tv/CleverJumpPog-Ab9x',
    };
    answer({
      streamVideo: () => found('9001', STARTED + 4000),
      streamClips: () => ({ status: 'found', clips: [clip] }),
    });
    await signIn({ favorite: null });
    await database().events.bulkAdd([
      ...stream(CHANNEL.id, '111', STARTED, STARTED + 10 * MIN, STARTED + 20 * MIN),
      ...stream(CHANNEL.id, '222', STARTED + 30 * MIN, STARTED + 40 * MIN),
    ]);
    render(<HistoryPage />);
    const list = await timeline();
    await waitFor(() => expect(within(list).getAllByTestId('timeline-stream')).toHaveLength(2));
    // The older stream, the second heading.
    fireEvent.click(within(list).getAllByTestId('timeline-stream')[1]!);
    const panel = await screen.findByTestId('stream-panel');
    const region = await within(panel).findByRole('region', { name: 'Clips' });
    const play = await within(region).findByRole('button', {
      name: 'Play the clip: that jump though',
    });
    expect(play).toHaveTextContent('clipped by lurking_lucy');
    expect(play).toHaveTextContent('1,234 views');
    expect(play.querySelector('img')).toHaveAttribute('src', clip.thumbnailUrl);
    // That stream's times: from its start to its recorded end.
    expect(asked('streamClips')).toEqual([
      { channelId: CHANNEL.id, startedAt: STARTED, endedAt: STARTED + 20 * MIN },
    ]);
    fireEvent.click(play);
    expect(await within(panel).findByTitle('Clip player')).toHaveAttribute(
      'src',
      `https://clips.twitch.tv/embed?clip=CleverJumpPog-Ab9x&parent=${PARENT}&autoplay=true`,
    );
    // Another stream's heading: its own clips, and the player left behind.
    fireEvent.click(within(list).getAllByTestId('timeline-stream')[0]!);
    await waitFor(() =>
      expect(asked('streamClips').at(-1)).toEqual({
        channelId: CHANNEL.id,
        startedAt: STARTED + 30 * MIN,
      }),
    );
    expect(screen.queryByTitle('Clip player')).toBeNull();
  });

  it('asks for the past broadcasts of the streams in view only, once each, as the timeline scrolls', async () => {
    answer({
      streamVideo: (data) => found(`9${(data as { streamId: string }).streamId}`, STARTED),
    });
    await signIn({ favorite: null });
    // 40 streams of 50 events each: 2,000 rows and more.
    const events: StoredEvent[] = [];
    for (let s = 0; s < 40; s++) {
      const start = STARTED + s * 4 * MIN;
      const streamId = String(1000 + s);
      events.push(...stream(CHANNEL.id, streamId, start, start + MIN, start + 3 * MIN));
      // Before its raid, which is near the top of its stream's rows.
      for (let i = 0; i < 47; i++)
        events.push(
          makeEvent({ occurredAt: start + 5000 + i * 1000, receivedAt: start + 5000 + i * 1000 }),
        );
    }
    await database().events.bulkAdd(events);
    render(<HistoryPage />);
    await waitFor(async () => expect(await rowOf('raid-1039')).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(asked('streamVideo').length).toBeGreaterThan(0));
    const first = asked('streamVideo').map((d) => (d as { streamId: string }).streamId);
    expect(first.length).toBeLessThanOrEqual(2);
    expect(first).toContain('1039');
    // Scrolled to the oldest stream: asked about it, never again about the first ones.
    const box = screen.getByTestId('timeline-box');
    box.scrollTop = 1_990 * ROW_HEIGHT;
    fireEvent.scroll(box);
    await waitFor(() =>
      expect(asked('streamVideo').map((d) => (d as { streamId: string }).streamId)).toContain(
        '1000',
      ),
    );
    const all = asked('streamVideo').map((d) => (d as { streamId: string }).streamId);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(4);
    const last = await rowOf('raid-1000');
    expect(within(last).getByRole('button', { name: /Watch this moment/ })).toHaveAttribute(
      'data-video',
      '91000',
    );
  }, 30_000);
});
