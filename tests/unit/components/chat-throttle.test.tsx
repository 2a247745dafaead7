import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NativeChat } from '../../../components/streamer/NativeChat';
import { database } from '../../../lib/db/database';
import { useChatWindow } from '../../../components/streamer/use-chat-window';
import { CHANNEL, addChat, makeChat, resetDatabase, storedChat } from './fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

let renders = 0;
function Probe() {
  const lines = useChatWindow(database(), CHANNEL.id, 200, 100);
  renders += 1;
  return <p data-testid="probe">{lines?.length ?? 'loading'}</p>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Chat under load', () => {
  beforeEach(resetDatabase);

  it('renders at most ~10 times a second however fast lines arrive', async () => {
    renders = 0;
    render(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('0'));
    const before = renders;

    // 60 batches of 4 lines, one batch every 10 ms: ~240 lines in ~0.6 s.
    const started = Date.now();
    for (let batch = 0; batch < 60; batch++) {
      await addChat(Array.from({ length: 4 }, () => makeChat()));
      await sleep(10);
    }
    const elapsed = Date.now() - started;
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('200'));
    const renderCount = renders - before;
    expect(renderCount).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 3);
    expect(renderCount).toBeGreaterThan(0);
  });

  it('keeps the DOM bounded while a firehose runs', async () => {
    render(<NativeChat channelId={CHANNEL.id} login={CHANNEL.login} canSend={false} />);
    for (let batch = 0; batch < 10; batch++) {
      await addChat(Array.from({ length: 100 }, () => makeChat()));
    }
    await waitFor(() => expect(document.querySelectorAll('[data-message-id]')).toHaveLength(200));
    expect(await storedChat()).toHaveLength(1000);
  });
});
