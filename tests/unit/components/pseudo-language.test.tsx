/**
 * The pages in a pseudo-language: every message wrapped in ⟦ ⟧. Whatever a page shows (text,
 * aria-label, placeholder, title, alt) must be words from the messages, Twitch's own data, a
 * number, a date or a duration from `Intl`, or a technical name shown as code; a word written in
 * a component (or in lib/ without a message) is left over and fails the test.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/options/OptionsPage';
import { Popup } from '../../../components/popup/Popup';
import { StreamerPage } from '../../../components/streamer/StreamerPage';
import type * as ConfigModule from '../../../lib/config';
import { database } from '../../../lib/db/database';
import { t } from '../../../lib/i18n';
import {
  favorites,
  follows,
  listenerStatus,
  liveStreams,
  quietHours,
  snoozedUntil,
} from '../../../lib/settings';
import { englishMessages, serveMessages } from '../messages';
import {
  addChat,
  CHANNEL,
  makeChat,
  makeEvent,
  OTHER_CHANNEL,
  resetDatabase,
  signIn,
} from './fixtures';
import { answer, defaultSummary } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));
vi.mock('../../../lib/config', async (original) => ({
  ...(await original<typeof ConfigModule>()),
  isConfigured: () => true,
}));

const OPEN = '⟦';
const CLOSE = '⟧';
/** Each form of a message wrapped (plural forms are separated by " | "). */
const pseudo = (message: string) =>
  message
    .split(' | ')
    .map((form) => `${OPEN}${form}${CLOSE}`)
    .join(' | ');

/** What Twitch sent (names, titles, chat), shown as it is. */
const TWITCH_DATA = [
  CHANNEL.displayName,
  OTHER_CHANNEL.displayName,
  'DemoViewer',
  defaultSummary.title,
  defaultSummary.gameName,
  'Chess',
  'Chess master',
  'Alpha',
  'Vanished',
  'Viewer',
  'Kappa',
  'Raider',
  'Cheerful',
  /\bFollower\d+\b/g,
  /\bline \d+\b/g,
];

/** What `Intl` writes in American English: times, dates, durations, relative times. */
const INTL = [
  /\b\d+ (second|minute|hour|day)s? ago\b/g,
  /\b\d+ (hr|min|sec)\b/g,
  /\b\d{1,2}:\d{2}(:\d{2})?( [AP]M)?\b/g,
  /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/g,
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g,
  /\b(Tier )?\d[\d,.]*\b/g,
];

/** The words left once messages, Twitch data and `Intl` output are taken out. */
function leftover(text: string): string {
  let rest = text;
  // Messages nest (a count inside a sentence): take out the innermost first.
  const innermost = new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'g');
  while (innermost.test(rest)) rest = rest.replace(innermost, ' ');
  // Longest first, so "Chess master" is not left as "master".
  const known = [...TWITCH_DATA].sort(
    (a, b) => (typeof b === 'string' ? b.length : 0) - (typeof a === 'string' ? a.length : 0),
  );
  for (const item of [...known, ...INTL])
    rest = typeof item === 'string' ? rest.replaceAll(item, ' ') : rest.replace(item, ' ');
  // Single letters: a channel's initial on its avatar, a badge's short form.
  return rest
    .replace(/(^|\s)\p{Lu}(?=\s|$)/gu, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

const ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt'];

/** Everything a user can read on the page that is not words from the messages. */
function literalText(root: HTMLElement): string[] {
  const page = root.cloneNode(true) as HTMLElement;
  // Technical names shown as code (permissions, hosts, key names) are not translated.
  page.querySelectorAll('code, kbd').forEach((node) => node.remove());
  const found: string[] = [];
  const blocks = page.querySelectorAll<HTMLElement>(
    'p, li, h1, h2, h3, label, button, span, a, legend, dt, dd, th, td, option, summary, em, strong',
  );
  for (const block of [page, ...blocks]) {
    const own = [...block.childNodes]
      .map((node) => (node.nodeType === Node.TEXT_NODE ? node.textContent : OPEN + CLOSE))
      .join('');
    const rest = leftover(own);
    if (rest) found.push(`text "${rest}" in <${block.tagName.toLowerCase()}>: ${own.trim()}`);
  }
  for (const element of page.querySelectorAll('*'))
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const rest = leftover(value);
      if (rest) found.push(`${name} "${rest}" on <${element.tagName.toLowerCase()}>: ${value}`);
    }
  return [...new Set(found)];
}

describe('Pages in a pseudo-language (every message marked)', () => {
  beforeEach(async () => {
    serveMessages(englishMessages, 'en-US', pseudo);
    await resetDatabase();
    localStorage.clear();
    answer();
    await liveStreams.setValue(null);
  });

  it('the popup, signed out', async () => {
    const { container } = render(<Popup />);
    await screen.findAllByRole('checkbox');
    expect(literalText(container)).toEqual([]);
  });

  it('the popup, signed in: favorite, listener status, snooze and who is live', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:read:follows'] });
    await favorites.setValue([CHANNEL, OTHER_CHANNEL]);
    await quietHours.setValue({ enabled: true, start: '23:00', end: '08:00' });
    await snoozedUntil.setValue(Date.now() + 3_600_000);
    await listenerStatus.setValue({
      state: 'reconnecting',
      detail: { code: 'connectionLost', cause: '[1006]' },
      nextAttemptAt: Date.now() + 5_000,
      lastMessageAt: Date.now() - 120_000,
      channelIds: [CHANNEL.id, OTHER_CHANNEL.id],
      budget: { max: 10, elsewhere: 2, cost: 8 },
      subscriptions: [
        { id: 'stream.online', channelId: CHANNEL.id, status: 'active' },
        { id: 'channel.follow', channelId: CHANNEL.id, status: 'pending' },
        {
          id: 'channel.cheer',
          channelId: CHANNEL.id,
          status: 'refused',
          reason: { code: 'broadcasterOnly' },
        },
        {
          id: 'channel.raid.from',
          channelId: CHANNEL.id,
          status: 'revoked',
          reason: { code: 'revoked', status: 'version_removed' },
        },
        { id: 'channel.update', channelId: OTHER_CHANNEL.id, status: 'polled' },
      ],
      updatedAt: Date.now(),
    });
    await liveStreams.setValue({
      userId: '100003',
      fetchedAt: Date.now() - 60_000,
      error: t('errors.unreachableShort'),
      streams: [
        {
          streamId: 's1',
          channelId: '1',
          login: 'alpha',
          displayName: 'Alpha',
          title: 'Chess master',
          gameName: 'Chess',
          viewerCount: 1,
          startedAt: new Date(Date.now() - 65 * 60_000).toISOString(),
        },
      ],
    });
    const { container } = render(<Popup />);
    await screen.findByTestId('live-fetched');
    await screen.findByTestId('snooze-state');
    await screen.findByTestId('subscription-count');
    await waitFor(() => expect(container.textContent).toContain(defaultSummary.title));
    expect(literalText(container)).toEqual([]);
  });

  it('the streamer page with events, chat and the listener status', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:write:chat'] });
    await listenerStatus.setValue({
      state: 'connecting',
      subscriptions: [],
      updatedAt: Date.now(),
    });
    await database().events.bulkAdd([
      makeEvent(),
      makeEvent({
        type: 'channel.cheer',
        version: '1',
        event: { user_name: 'Cheerful', bits: 500 },
      }),
      makeEvent({
        type: 'channel.raid',
        version: '1',
        event: {
          from_broadcaster_user_name: 'Raider',
          to_broadcaster_user_name: 'Demo',
          to_broadcaster_user_id: CHANNEL.id,
          viewers: 42,
        },
      }),
    ]);
    await addChat([
      makeChat(),
      makeChat(),
      makeChat({
        event: {
          chatter_user_name: 'Viewer',
          badges: [
            { set_id: 'subscriber', id: '12', info: '' },
            { set_id: 'moderator', id: '1', info: '' },
          ],
          cheer: { bits: 100 },
          reply: { parent_user_name: 'Viewer', parent_message_body: 'line 1' },
          message: {
            text: 'Kappa',
            fragments: [{ type: 'emote', text: 'Kappa', emote: { id: '25' } }],
          },
        },
      }),
    ]);
    const { container } = render(<StreamerPage />);
    await waitFor(() => expect(document.querySelectorAll('[data-event-id]')).toHaveLength(3));
    await waitFor(() => expect(document.querySelectorAll('[data-message-id]')).toHaveLength(3));
    await screen.findByTestId('viewer-count');
    expect(literalText(container)).toEqual([]);
  });

  it('the streamer page signed out, without a favorite, and for a channel not a favorite', async () => {
    const first = render(<StreamerPage />);
    await screen.findByRole('button');
    expect(literalText(first.container)).toEqual([]);
    first.unmount();

    await signIn({ favorite: null });
    const second = render(<StreamerPage />);
    await screen.findByRole('heading', { level: 1 });
    expect(literalText(second.container)).toEqual([]);
  });

  it('the options page', async () => {
    await signIn({ scopes: ['user:read:chat', 'user:read:follows'] });
    await follows.setValue({
      userId: '100003',
      fetchedAt: Date.now() - 2 * 60_000,
      channels: [{ id: '1', login: 'alpha', displayName: 'Alpha', followedAt: '2024-01-01' }],
      dropped: [{ id: '9', displayName: 'Vanished' }],
    });
    const { container } = render(<OptionsPage />);
    await screen.findAllByRole('switch');
    await screen.findAllByRole('spinbutton');
    await waitFor(() => expect(container.querySelector('[data-command]')).not.toBeNull());
    await waitFor(() => expect(container.textContent).toContain('Alpha'));
    expect(literalText(container)).toEqual([]);
  });
});
