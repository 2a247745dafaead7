import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WhispersPage } from '../../../components/whispers/WhispersPage';
import { database, type StoredEvent } from '../../../lib/db/database';
import { sentWhisperRow } from '../../../lib/db/whispers';
import { ACCOUNT_ID, freshPage, signIn } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const ALICE = { id: '200001', login: 'alice', name: 'Alice' };
const BOB = { id: '200002', login: 'bob', name: 'Bob' };
const ME = { id: ACCOUNT_ID, login: 'demo_viewer', name: 'DemoViewer' };

function whisper(
  from: typeof ALICE,
  text: string,
  at: number,
  accountId = ACCOUNT_ID,
): StoredEvent {
  return {
    id: `w-${from.id}-${at}`,
    channelId: accountId,
    type: 'user.whisper.message',
    version: '1',
    noticeType: '',
    occurredAt: at,
    receivedAt: at,
    recent: 0,
    event: {
      from_user_id: from.id,
      from_user_login: from.login,
      from_user_name: from.name,
      to_user_id: accountId,
      to_user_login: 'demo_viewer',
      to_user_name: 'DemoViewer',
      whisper_id: `${at}`,
      whisper: { text },
    },
    accountId,
  };
}

const READ_AND_SEND = ['user:read:chat', 'user:read:whispers', 'user:manage:whispers'];

describe('the whispers page', () => {
  beforeEach(freshPage);

  it('lists whispers by conversation, the newest conversation first, text as text', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:read:whispers'] });
    await database().events.bulkAdd([
      whisper(ALICE, 'first from Alice', 1_000),
      whisper(BOB, '<b>not bold</b>', 2_000),
      whisper(ALICE, 'second from Alice', 3_000),
      sentWhisperRow(ME, BOB, 'my answer to Bob', 2_500),
      // Another account's whisper on the same browser is not shown.
      whisper({ id: '200009', login: 'eve', name: 'Eve' }, 'for someone else', 4_000, '100099'),
    ]);
    render(<WhispersPage />);
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await waitFor(() =>
      expect(
        within(nav)
          .getAllByRole('button')
          .map((b) => b.firstChild?.textContent),
      ).toEqual(['Alice', 'Bob']),
    );
    const open = screen.getByRole('region', { name: 'Conversation with Alice' });
    expect(
      within(open)
        .getAllByTestId('whisper')
        .map((li) => li.lastChild?.textContent),
    ).toEqual(['second from Alice', 'first from Alice']);
    // Without "Send whispers", no reply box, and why.
    expect(within(open).queryByRole('textbox')).toBeNull();
    expect(open).toHaveTextContent('sign in again with “Send whispers”');

    // A whisper from someone else does not take the open conversation away.
    await database().events.add(
      whisper({ id: '200003', login: 'carol', name: 'Carol' }, 'hi', 5_000),
    );
    await waitFor(() => expect(within(nav).getAllByRole('button')).toHaveLength(3));
    expect(screen.getByRole('region', { name: 'Conversation with Alice' })).toBeInTheDocument();

    fireEvent.click(within(nav).getByRole('button', { name: /Bob/ }));
    const bob = await screen.findByRole('region', { name: 'Conversation with Bob' });
    const lines = within(bob).getAllByTestId('whisper');
    expect(lines.map((li) => li.dataset.mine)).toEqual(['true', 'false']);
    expect(lines[1]!.lastChild?.textContent).toBe('<b>not bold</b>');
    expect(bob.querySelector('b')).toBeNull();
    expect(screen.queryByText('for someone else')).toBeNull();
  });

  it('replies through the background and says a refusal in words', async () => {
    await signIn({ scopes: READ_AND_SEND });
    await database().events.add(whisper(ALICE, 'hello?', 1_000));
    answer({ sendWhisper: () => ({ ok: false, refusal: 'rateLimited' }) });
    render(<WhispersPage />);
    const box = await screen.findByRole('textbox', { name: 'Reply to Alice' });
    fireEvent.change(box, { target: { value: 'hi Alice' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many whispers: Twitch allows 3 a second, 100 a minute and 40 different people a day.',
    );
    expect(sendMessage).toHaveBeenCalledWith('sendWhisper', { to: ALICE, text: 'hi Alice' });
    expect(box).toHaveValue('hi Alice');

    answer({ sendWhisper: () => ({ ok: true }) });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(box).toHaveValue(''));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a session without "Whispers" how to get them', async () => {
    await signIn({ scopes: ['user:read:chat'] });
    render(<WhispersPage />);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'To receive whispers, sign out and sign in again with “Whispers”.',
    );
  });
});
