import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readableColor } from '../../../components/streamer/chat-message';
import { NativeChat } from '../../../components/streamer/NativeChat';
import { database } from '../../../lib/db/database';
import { CHANNEL, addChat, deletionOf, makeChat, resetDatabase, storedChat } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const lines = () =>
  within(screen.getByRole('list', { name: 'Chat lines' })).queryAllByRole('listitem');
const line = (id: string) => document.querySelector<HTMLElement>(`[data-message-id="${id}"]`);

function renderChat(canSend = false) {
  return render(<NativeChat channelId={CHANNEL.id} login={CHANNEL.login} canSend={canSend} />);
}

describe('Native chat', () => {
  beforeEach(async () => {
    await resetDatabase();
    answer();
  });

  it('renders emotes, cheers, replies, badges, colours and deleted messages', async () => {
    const t = Date.now() - 10_000;
    await addChat([
      makeChat({
        id: 'emote',
        receivedAt: t,
        event: {
          chatter_user_name: 'Kappa_Fan',
          color: '#FF0000',
          badges: [
            { set_id: 'moderator', id: '1', info: '' },
            { set_id: 'subscriber', id: '12', info: '12' },
          ],
          message: {
            text: 'hi Kappa @Demo',
            fragments: [
              { type: 'text', text: 'hi ' },
              {
                type: 'emote',
                text: 'Kappa',
                emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
              },
              { type: 'text', text: ' ' },
              {
                type: 'mention',
                text: '@Demo',
                mention: { user_id: '100001', user_name: 'Demo', user_login: 'demo' },
              },
              {
                type: 'emote',
                text: 'Evil',
                emote: {
                  id: '../../x"onerror',
                  emote_set_id: '0',
                  owner_id: '0',
                  format: ['static'],
                },
              },
            ],
          },
        },
      }),
      makeChat({
        id: 'cheer',
        receivedAt: t + 1,
        event: {
          chatter_user_name: 'Spender',
          color: 'red;background:url(https://evil)',
          message: {
            text: 'Cheer100 go',
            fragments: [
              {
                type: 'cheermote',
                text: 'Cheer100',
                cheermote: { prefix: 'cheer', bits: 100, tier: 100 },
              },
              { type: 'text', text: ' go' },
            ],
          },
          cheer: { bits: 100 },
        },
      }),
      makeChat({
        id: 'reply',
        receivedAt: t + 2,
        event: {
          chatter_user_name: 'Replier',
          message: {
            text: '@Kappa_Fan agreed',
            fragments: [{ type: 'text', text: '@Kappa_Fan agreed' }],
          },
          reply: {
            parent_message_id: 'm1',
            parent_message_body: 'hi Kappa @Demo',
            parent_user_name: 'Kappa_Fan',
            parent_user_id: '1',
            parent_user_login: 'kappa_fan',
          },
        },
      }),
      makeChat({
        id: 'gone',
        receivedAt: t + 3,
        event: {
          chatter_user_name: 'Troll',
          message: {
            text: 'something rude',
            fragments: [{ type: 'text', text: 'something rude' }],
          },
        },
      }),
    ]);
    await database().events.add(deletionOf((await storedChat()).find((l) => l.id === 'gone')!));

    renderChat();
    await waitFor(() => expect(lines()).toHaveLength(4));
    expect(lines().map((li) => li.getAttribute('data-message-id'))).toEqual([
      'emote',
      'cheer',
      'reply',
      'gone',
    ]);

    const emoteLine = line('emote')!;
    const kappa = within(emoteLine).getByRole('img', { name: 'Kappa' });
    expect(kappa).toHaveAttribute(
      'src',
      'https://static-cdn.jtvnw.net/emoticons/v2/25/default/light/1.0',
    );
    expect(emoteLine.querySelectorAll('img')).toHaveLength(1); // the unsafe id is shown as text only
    expect(emoteLine).toHaveTextContent('Evil');
    expect(emoteLine).toHaveTextContent('Moderator');
    expect(emoteLine).toHaveTextContent('Subscriber (12 months)');
    // The chatter's red, darkened just enough to be readable on the light background.
    const shown = readableColor('#FF0000', false);
    expect(shown).not.toBe('#FF0000');
    expect(within(emoteLine).getByText('Kappa_Fan')).toHaveStyle({
      color: `rgb(${parseInt(shown.slice(1, 3), 16)}, ${parseInt(shown.slice(3, 5), 16)}, ${parseInt(shown.slice(5, 7), 16)})`,
    });

    const cheerLine = line('cheer')!;
    expect(within(cheerLine).getByTestId('cheer')).toHaveTextContent('100 bits');
    expect(within(cheerLine).getByText('Cheer100').tagName).toBe('STRONG');
    expect(within(cheerLine).getByText('Spender')).not.toHaveAttribute('style');

    const replyLine = line('reply')!;
    expect(within(replyLine).getByTestId('reply-parent')).toHaveTextContent(
      'Replying to @Kappa_Fan: hi Kappa @Demo',
    );

    const goneLine = line('gone')!;
    expect(goneLine).toHaveTextContent('Troll: message deleted');
    expect(goneLine).not.toHaveTextContent('something rude');
  });

  it('marks a message deleted when Twitch deletes it, live', async () => {
    const soonGone = makeChat({ id: 'soon-gone' });
    await addChat([soonGone]);
    renderChat();
    await waitFor(() => expect(line('soon-gone')).toHaveTextContent('line'));
    await database().events.add(deletionOf(soonGone));
    await waitFor(() => expect(line('soon-gone')).toHaveTextContent('message deleted'));
  });

  it('keeps a bounded window of the newest lines, newest at the bottom', async () => {
    const t = Date.now() - 100_000;
    await addChat(
      Array.from({ length: 260 }, (_, i) =>
        makeChat({ id: `c${String(i).padStart(3, '0')}`, receivedAt: t + i }),
      ),
    );
    renderChat();
    await waitFor(() => expect(lines()).toHaveLength(200));
    expect(lines()[0]).toHaveAttribute('data-message-id', 'c060');
    expect(lines()[199]).toHaveAttribute('data-message-id', 'c259');
  });

  it('pauses auto-scroll when scrolled up and offers the new messages', async () => {
    await addChat([
      makeChat({ id: 'a', receivedAt: Date.now() - 3000 }),
      makeChat({ id: 'b', receivedAt: Date.now() - 2000 }),
    ]);
    renderChat();
    await waitFor(() => expect(lines()).toHaveLength(2));

    const scroller = screen.getByTestId('chat-scroll');
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => 200 });
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      writable: true,
      value: 800,
    });
    fireEvent.scroll(scroller);
    expect(screen.queryByRole('button', { name: /new message|back to latest/ })).toBeNull();

    // The user scrolls up: following stops.
    scroller.scrollTop = 100;
    fireEvent.scroll(scroller);
    expect(
      await screen.findByRole('button', { name: 'Chat paused — back to latest' }),
    ).toBeInTheDocument();

    await act(async () => {
      await addChat([makeChat({ id: 'c' }), makeChat({ id: 'd' }), makeChat({ id: 'e' })]);
    });
    const jump = await screen.findByRole('button', { name: '3 new messages' });
    // What the user is reading stays put while paused.
    expect(lines().map((li) => li.getAttribute('data-message-id'))).toEqual(['a', 'b']);
    expect(scroller.scrollTop).toBe(100);

    await userEvent.click(jump);
    await waitFor(() => expect(lines()).toHaveLength(5));
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
    expect(scroller.scrollTop).toBe(1000);
    expect(scroller).toHaveFocus();
  });

  it('shows the composer only with the chat:write scope, and sends through the background', async () => {
    const { unmount } = renderChat(false);
    expect(
      await screen.findByText(/needs the “Send chat messages” permission/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    unmount();

    answer({ sendChatMessage: () => ({ ok: false, error: 'You are banned from this channel.' }) });
    renderChat(true);
    const input = screen.getByRole('textbox', { name: /Message to demo’s chat/ });
    await userEvent.type(input, 'hello chat{Enter}');
    expect(sendMessage).toHaveBeenCalledWith('sendChatMessage', {
      text: 'hello chat',
      channelId: CHANNEL.id,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('You are banned from this channel.');
    expect(input).toHaveValue('hello chat');

    answer();
    await userEvent.click(screen.getByRole('button', { name: 'Chat' }));
    await waitFor(() => expect(input).toHaveValue(''));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
