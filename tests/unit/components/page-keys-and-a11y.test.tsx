import { useState } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Switch } from '../../../components/common/Switch';
import { RecentEvents } from '../../../components/streamer/RecentEvents';
import { pageKeyAction, rotate } from '../../../components/streamer/page-keys';
import { usePageKeys } from '../../../components/streamer/use-page-keys';
import { database } from '../../../lib/db/database';
import { favorites } from '../../../lib/settings';
import { ACCOUNT_ID, CHANNEL, OTHER_CHANNEL, makeEvent, resetDatabase } from './fixtures';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

function KeysHarness() {
  usePageKeys();
  return (
    <div>
      <label>
        Search <input />
      </label>
      <label>
        Message <input data-chat-box />
      </label>
    </div>
  );
}

describe('streamer page keys', () => {
  it('reads keys only when nobody is typing and no modifier is held', () => {
    const input = document.createElement('input');
    const plain = { ctrlKey: false, metaKey: false, altKey: false, target: document.body };
    expect(pageKeyAction({ ...plain, key: '/' })).toEqual({ kind: 'focusChat' });
    expect(pageKeyAction({ ...plain, key: ']' })).toEqual({ kind: 'stepChannel', step: 1 });
    expect(pageKeyAction({ ...plain, key: '[' })).toEqual({ kind: 'stepChannel', step: -1 });
    expect(pageKeyAction({ ...plain, key: '/', target: input })).toBeUndefined();
    expect(pageKeyAction({ ...plain, key: ']', ctrlKey: true })).toBeUndefined();
    expect(pageKeyAction({ ...plain, key: 'a' })).toBeUndefined();
  });

  it('turns the favorites list either way', () => {
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], -1)).toEqual(['c', 'a', 'b']);
    expect(rotate(['a'], 1)).toEqual(['a']);
  });

  it('"/" focuses the chat box, but types a slash in another field', async () => {
    render(<KeysHarness />);
    await userEvent.keyboard('/');
    expect(screen.getByLabelText('Message')).toHaveFocus();
    await userEvent.click(screen.getByLabelText('Search'));
    await userEvent.keyboard('/');
    expect(screen.getByLabelText('Search')).toHaveFocus();
    expect(screen.getByLabelText('Search')).toHaveValue('/');
  });

  it('"]" and "[" switch to the next and previous favorite', async () => {
    const third = { ...OTHER_CHANNEL, id: '300003', login: 'third', displayName: 'Third' };
    await favorites.setValue([CHANNEL, OTHER_CHANNEL, third]);
    render(<KeysHarness />);
    await userEvent.keyboard(']');
    await waitFor(async () =>
      expect((await favorites.getValue()).map((f) => f.id)).toEqual([
        OTHER_CHANNEL.id,
        third.id,
        CHANNEL.id,
      ]),
    );
    // "[[" is how user-event types one "[".
    await userEvent.keyboard('[[[[');
    await waitFor(async () => expect((await favorites.getValue())[0]!.id).toBe(third.id));
  });
});

describe('accessibility', () => {
  beforeEach(resetDatabase);

  it('announces new recent events politely, keeping the rows already read', async () => {
    const base = Date.now() - 60_000;
    await database().events.add(makeEvent({ id: 'e1', receivedAt: base, occurredAt: base }));
    render(<RecentEvents channelId={CHANNEL.id} accountId={ACCOUNT_ID} />);
    const ol = await screen.findByRole('list', { name: 'Recent events' });
    expect(ol).toHaveAttribute('aria-live', 'polite');
    expect(ol).toHaveAttribute('aria-relevant', 'additions');
    const first = await within(ol).findByRole('listitem');

    await database().events.add(
      makeEvent({ id: 'e2', receivedAt: base + 1000, occurredAt: base + 1000 }),
    );
    await waitFor(() => expect(within(ol).getAllByRole('listitem')).toHaveLength(2));
    // Only the new row is added: the one already there is the same node, not announced again.
    expect(within(ol).getAllByRole('listitem')[1]).toBe(first);
    expect(screen.getByRole('list', { name: 'Recent events' })).toBe(ol);
  });

  it('shows a switch’s state by a mark, not by colour alone', async () => {
    function Harness() {
      const [on, setOn] = useState(false);
      return <Switch checked={on} onChange={setOn} label="Sound" />;
    }
    const { container } = render(<Harness />);
    expect(container.querySelector('[data-switch-mark]')).toHaveAttribute(
      'data-switch-mark',
      'off',
    );
    await userEvent.click(screen.getByRole('switch', { name: 'Sound' }));
    expect(container.querySelector('[data-switch-mark]')).toHaveAttribute('data-switch-mark', 'on');
  });
});
