import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MentionsSection } from '../../../components/options/MentionsSection';
import { ForYouList } from '../../../components/popup/ForYouList';
import { NativeChat } from '../../../components/streamer/NativeChat';
import { database } from '../../../lib/db/database';
import type { ForYouItem } from '../../../lib/db/for-you';
import { highlightUsers, highlightWords, type AuthProfile } from '../../../lib/settings';
import { ACCOUNT_ID, CHANNEL, addChat, freshPage, makeChat } from './fixtures';
import { sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

const PROFILE: AuthProfile = {
  userId: ACCOUNT_ID,
  login: 'someone',
  displayName: 'Someone',
  scopes: [],
  expiresAt: Date.now() + 3_600_000,
};

function item(id: string, partial: Partial<ForYouItem> = {}): ForYouItem {
  return {
    id,
    kind: 'mention',
    channelId: CHANNEL.id,
    channelLogin: CHANNEL.login,
    channelName: CHANNEL.displayName,
    accountId: ACCOUNT_ID,
    messageId: `message-${id}`,
    occurredAt: Date.now() - 60_000,
    receivedAt: Date.now() - 60_000,
    senderId: '200',
    senderLogin: 'viewer_one',
    senderName: 'Viewer_One',
    text: 'hi @someone',
    read: 0,
    ...partial,
  };
}

beforeEach(async () => {
  await freshPage();
  history.replaceState(null, '', '/streamer.html');
});

describe('"For you" in the popup', () => {
  it('lists the unread ones newest first — who, where, when, the text — with a count', async () => {
    await database().forYou.bulkAdd([
      item('old', { occurredAt: Date.now() - 3_600_000, text: 'hype!', kind: 'word' }),
      item('new'),
      item('read', { read: 1 }),
      item('theirs', { accountId: '999' }),
      item('w', {
        kind: 'whisper',
        channelLogin: '',
        channelName: '',
        senderName: 'Pal',
        text: 'psst',
        occurredAt: Date.now() - 120_000,
      }),
    ]);
    render(<ForYouList profile={PROFILE} />);
    const list = await screen.findByRole('list', { name: 'For you' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'Viewer_Onementioned youin Demo1 minute agohi @someone',
      'Palwhispered2 minutes agopsst',
      'Viewer_Onehighlight wordin Demo1 hour agohype!',
    ]);
    // The user's own name is marked in the text.
    expect(within(rows[0]!).getByText('@someone').tagName).toBe('MARK');
    expect(screen.getByTestId('for-you-count')).toHaveTextContent('3 unread');

    await userEvent.click(within(rows[0]!).getByRole('button'));
    expect(sendMessage).toHaveBeenCalledWith('openChatLine', {
      channel: CHANNEL.login,
      line: 'message-new',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(sendMessage).toHaveBeenCalledWith('markForYouRead', { all: true });
  });
});

describe('"Mentions and highlights" in the options', () => {
  it('refuses a regular expression that could backtrack, with its reason, and saves nothing', async () => {
    render(<MentionsSection />);
    const words = await screen.findByRole('textbox', { name: 'Highlight words' });
    await userEvent.type(words, 'gg{enter}/^(a+)+$/');
    await userEvent.click(screen.getByRole('button', { name: 'Save highlights' }));
    expect(await screen.findByTestId('words-refused')).toHaveTextContent(
      '“/^(a+)+$/” is refused: a repeated group that itself repeats or has alternatives',
    );
    expect(words).toHaveAttribute('aria-invalid', 'true');
    expect(words).toHaveFocus();
    expect(await highlightWords.getValue()).toEqual([]);
  });

  it('saves words and users (logins without @, lower case)', async () => {
    render(<MentionsSection />);
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Highlight words' }),
      'gg{enter}/\\bclip it\\b/',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Highlight users' }), '@Friend');
    await userEvent.click(screen.getByRole('button', { name: 'Save highlights' }));
    expect(await screen.findByText('Highlights saved.')).toBeInTheDocument();
    expect(await highlightWords.getValue()).toEqual(['gg', '/\\bclip it\\b/']);
    expect(await highlightUsers.getValue()).toEqual(['friend']);
  });
});

describe('a line asked for by the address', () => {
  it('is shown with the chat around it, hours old and outside the live window, marked and read', async () => {
    const hoursAgo = Date.now() - 5 * 3_600_000;
    const old = Array.from({ length: 120 }, (_, i) => makeChat({ receivedAt: hoursAgo + i }));
    await addChat(old);
    // A window's worth of newer lines since.
    await addChat(Array.from({ length: 600 }, () => makeChat()));
    const target = old[60]!;
    history.replaceState(null, '', `/streamer.html?channel=demo&line=${target.messageId}`);
    render(<NativeChat channelId={CHANNEL.id} login={CHANNEL.login} canSend={false} />);
    const context = await screen.findByTestId('chat-line-context');
    await waitFor(() => expect(context.querySelector('[data-marked]')).not.toBeNull());
    const marked = context.querySelector<HTMLElement>('[data-marked]')!;
    expect(marked.dataset.messageId).toBe(target.id);
    expect(within(context).getAllByRole('listitem')).toHaveLength(101);
    expect(within(context).getByRole('status')).toHaveTextContent('A recorded line from');
    expect(sendMessage).toHaveBeenCalledWith('markForYouRead', { messageIds: [target.messageId] });

    await userEvent.click(within(context).getByRole('button', { name: 'Back to live chat' }));
    expect(screen.queryByTestId('chat-line-context')).toBeNull();
    expect(location.search).toBe('?channel=demo');
  });

  it('says so when the line is not recorded', async () => {
    await addChat([makeChat()]);
    history.replaceState(null, '', '/streamer.html?channel=demo&line=nope');
    render(<NativeChat channelId={CHANNEL.id} login={CHANNEL.login} canSend={false} />);
    expect(
      await within(await screen.findByTestId('chat-line-context')).findByText(
        'That line is no longer recorded.',
      ),
    ).toBeInTheDocument();
  });
});
