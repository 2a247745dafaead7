import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MomentPlayer } from '../../../components/moment/MomentPlayer';
import { playInPage } from '../../../components/moment/moment-player';
import { StreamClips } from '../../../components/moment/StreamClips';
import { RecentEvents } from '../../../components/streamer/RecentEvents';
import { database } from '../../../lib/db/database';
import type { StreamClip, VideoLookup } from '../../../lib/history/moment';
import { ACCOUNT_ID, CHANNEL, makeEvent, resetDatabase } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const HOST = 'mopegfohpfbpglfngjfcfogemppmfpeo';
const STARTED = Math.floor((Date.now() - 2 * 3_600_000) / 1000) * 1000;
const RAID_AT = STARTED + 30 * 60_000;

async function recordStream() {
  await database().events.bulkAdd([
    makeEvent({
      id: 'go-live',
      type: 'stream.online',
      version: '1',
      occurredAt: STARTED + 1500,
      receivedAt: STARTED + 1500,
      event: { id: '40000200001', type: 'live', started_at: new Date(STARTED).toISOString() },
    }),
    makeEvent({
      id: 'raid',
      type: 'channel.raid',
      version: '1',
      occurredAt: RAID_AT,
      receivedAt: RAID_AT,
      event: {
        from_broadcaster_user_name: 'RaidLeader',
        to_broadcaster_user_id: CHANNEL.id,
        viewers: 42,
      },
    }),
  ]);
}

function page() {
  return render(
    <>
      <MomentPlayer channelId={CHANNEL.id} login={CHANNEL.login} host={HOST} />
      <RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />
      <StreamClips channelId={CHANNEL.id} accountId={ACCOUNT_ID} />
    </>,
  );
}

const raidRow = async () =>
  (await screen.findByRole('list', { name: 'Recent events' })).querySelector<HTMLElement>(
    '[data-event-id="raid"]',
  )!;

const found = (subOnly = false): VideoLookup => ({
  status: 'found',
  video: { id: '9001', createdAt: STARTED + 4000, subOnly },
});

describe('Watch this moment', () => {
  beforeEach(async () => {
    await resetDatabase();
    act(() => playInPage(CHANNEL.id, undefined));
  });

  it('offers the raid’s moment in the stream’s past broadcast, plays it in the player, links to twitch.tv', async () => {
    answer({
      streamVideo: () => found(),
      streamClips: () => ({ status: 'found', clips: [] }),
    });
    await recordStream();
    page();
    const row = await raidRow();
    const watch = await within(row).findByRole('button', { name: /Watch this moment/ });
    // 30 minutes in, less the 4 s the archive began after the stream, less 10 s of lead.
    const seconds = 30 * 60 - 4 - 10;
    expect(watch).toHaveAttribute('data-seconds', String(seconds));
    expect(within(row).getByRole('link', { name: 'on Twitch' })).toHaveAttribute(
      'href',
      'https://www.twitch.tv/videos/9001?t=29m46s',
    );
    // One question for the stream, however many rows it has.
    const asked = sendMessage.mock.calls.filter(([name]) => name === 'streamVideo');
    expect(asked).toHaveLength(1);
    expect(asked[0]![1]).toEqual({
      channelId: CHANNEL.id,
      streamId: '40000200001',
      startedAt: STARTED,
    });

    expect(screen.getByTitle('Live player')).toBeInTheDocument();
    fireEvent.click(watch);
    const player = await screen.findByTitle('Past broadcast player');
    expect(player).toHaveAttribute(
      'src',
      `https://player.twitch.tv/?video=v9001&time=29m46s&parent=${HOST}&autoplay=true`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(await screen.findByTitle('Live player')).toBeInTheDocument();
  });

  it('says so when the channel keeps no past broadcasts, or this one expired', async () => {
    answer({ streamVideo: () => ({ status: 'noVods' }), streamClips: () => ({ status: 'error' }) });
    await recordStream();
    const { unmount } = page();
    const row = await raidRow();
    expect(
      await within(row).findByText('No past broadcast: this channel does not keep its streams'),
    ).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Watch this moment/ })).toBeNull();
    unmount();
    answer({ streamVideo: () => ({ status: 'gone' }) });
    page();
    expect(
      await within(await raidRow()).findByText(/no longer on Twitch \(expired or deleted\)/),
    ).toBeInTheDocument();
  });

  it('marks a sub-only past broadcast', async () => {
    answer({ streamVideo: () => found(true), streamClips: () => ({ status: 'found', clips: [] }) });
    await recordStream();
    page();
    expect(await within(await raidRow()).findByText('subscribers only')).toBeInTheDocument();
  });

  it('offers nothing for an event outside any recorded stream', async () => {
    answer({ streamVideo: () => found() });
    await database().events.add(makeEvent({ id: 'lonely', occurredAt: Date.now() - 1000 }));
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const list = await screen.findByRole('list', { name: 'Recent events' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).queryByRole('button', { name: /Watch this moment/ })).toBeNull();
    expect(sendMessage.mock.calls.some(([name]) => name === 'streamVideo')).toBe(false);
  });
});

describe('Clips', () => {
  beforeEach(async () => {
    await resetDatabase();
    act(() => playInPage(CHANNEL.id, undefined));
  });

  const clip: StreamClip = {
    id: 'CleverJumpPog-Ab9x',
    title: 'that jump though',
    creatorName: 'lurking_lucy',
    viewCount: 1234,
    duration: 30,
    createdAt: RAID_AT,
    thumbnailUrl:
      'https://static-cdn.jtvnw.net/twitch-clips-thumbnails-prod/CleverJumpPog-Ab9x/preview-480x272.jpg',
    url: 'https://clips.twitch.tv/CleverJumpPog-Ab9x',
  };

  it('lists the latest stream’s clips with thumbnail, title, creator and views; a click plays one', async () => {
    answer({
      streamVideo: () => found(),
      streamClips: () => ({ status: 'found', clips: [clip] }),
    });
    await recordStream();
    page();
    const region = await screen.findByRole('region', { name: 'Clips' });
    const play = await within(region).findByRole('button', {
      name: 'Play the clip: that jump though',
    });
    expect(play).toHaveTextContent('clipped by lurking_lucy');
    expect(play).toHaveTextContent('1,234 views');
    expect(play.querySelector('img')).toHaveAttribute('src', clip.thumbnailUrl);
    expect(sendMessage.mock.calls.find(([name]) => name === 'streamClips')?.[1]).toEqual({
      channelId: CHANNEL.id,
      startedAt: STARTED,
    });
    fireEvent.click(play);
    expect(await screen.findByTitle('Clip player')).toHaveAttribute(
      'src',
      `https://clips.twitch.tv/embed?clip=CleverJumpPog-Ab9x&parent=${HOST}&autoplay=true`,
    );
  });

  it('says when there is no stream yet, no clips, or Twitch did not answer', async () => {
    answer({ streamClips: () => ({ status: 'found', clips: [] }) });
    const { unmount } = render(<StreamClips channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    expect(await screen.findByText('No stream of this channel recorded yet')).toBeInTheDocument();
    await recordStream();
    expect(await screen.findByText('No clips of this stream yet')).toBeInTheDocument();
    unmount();
    answer({ streamClips: () => ({ status: 'signedOut' }) });
    render(<StreamClips channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    expect(await screen.findByText('Clips could not be loaded from Twitch')).toBeInTheDocument();
  });
});
