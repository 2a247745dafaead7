import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AboutSection } from '../../../components/options/AboutSection';
import { AccountSection } from '../../../components/options/AccountSection';
import { DataSection } from '../../../components/options/DataSection';
import { NotificationSettingsForm } from '../../../components/options/NotificationSettingsForm';
import { RetentionForm } from '../../../components/options/RetentionForm';
import { database } from '../../../lib/db/database';
import { DEFAULT_RETENTION, notificationSettings, retentionSettings } from '../../../lib/settings';
import { addChat, makeChat, makeEvent, resetDatabase, signIn, storedChat } from './fixtures';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

describe('Notification settings', () => {
  it('starts from the catalog defaults and stores each switch', async () => {
    render(<NotificationSettingsForm />);
    const live = await screen.findByRole('switch', { name: /Going live/ });
    const upgrades = screen.getByRole('switch', { name: /^Gift sub upgrades/ });
    expect(live).toBeChecked();
    expect(upgrades).not.toBeChecked();
    expect(screen.getByRole('switch', { name: 'Show desktop notifications' })).toBeChecked();

    await userEvent.click(live);
    await waitFor(() => expect(live).not.toBeChecked());
    await userEvent.click(upgrades);
    await waitFor(() => expect(upgrades).toBeChecked());
    const stored = await notificationSettings.getValue();
    expect(stored.types).toEqual({
      'stream.online': false,
      'channel.chat.notification/gift_paid_upgrade': true,
    });

    await userEvent.click(screen.getByRole('switch', { name: 'Show desktop notifications' }));
    await waitFor(async () => expect((await notificationSettings.getValue()).enabled).toBe(false));
    expect(screen.getByRole('switch', { name: /Play a sound/ })).toBeDisabled();
  });

  it('groups the switches: stream, community, chat notices, moderator, broadcaster', async () => {
    render(<NotificationSettingsForm />);
    await screen.findByRole('switch', { name: /Going live/ });
    const groups = screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent);
    expect(groups).toEqual(['Stream', 'Community', 'Chat notices', 'Moderator', 'Broadcaster']);
    // Whispers are told as "for you", not as an event kind with a switch of its own.
    expect(screen.queryByRole('switch', { name: /^Whispers/ })).toBeNull();
  });
});

describe('Retention', () => {
  it('rejects values out of bounds and stores valid ones', async () => {
    render(<RetentionForm />);
    const days = await screen.findByRole('spinbutton', { name: /Keep events for/ });
    expect(days).toHaveValue(DEFAULT_RETENTION.eventDays);

    await userEvent.clear(days);
    await userEvent.type(days, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Must be between 1 and 3,650 days.')).toBeInTheDocument();
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveFocus();
    expect(await retentionSettings.getValue()).toEqual(DEFAULT_RETENTION);

    const chat = screen.getByRole('spinbutton', { name: /Chat lines kept per channel/ });
    await userEvent.clear(chat);
    await userEvent.tab();
    expect(await screen.findByText('Enter a number between 100 and 200,000.')).toBeInTheDocument();

    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.type(chat, '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect(await retentionSettings.getValue()).toEqual({
      ...DEFAULT_RETENTION,
      eventDays: 30,
      chatPerChannel: 5000,
    });
    expect(days).toHaveAttribute('aria-invalid', 'false');
  });

  it('says what the chat limit means in hours', async () => {
    render(<RetentionForm />);
    expect(
      await screen.findByText(
        'At one line a second (a chat of about a thousand viewers) that is 27 hr 47 min of chat; at ten a second, 2 hr 47 min.',
      ),
    ).toBeInTheDocument();
    const chat = screen.getByRole('spinbutton', { name: /Chat lines kept per channel/ });
    await userEvent.clear(chat);
    await userEvent.type(chat, '36000');
    expect(screen.getByText(/that is 10 hr of chat; at ten a second, 1 hr\./)).toBeInTheDocument();
  });

  it('reads a value saved with the old chat default as the new default, and keeps other values', async () => {
    const old = { eventsPerChannel: 5_000, eventDays: 30, chatPerChannel: 20_000, chatDays: 14 };
    await fakeBrowser.storage.sync.set({ retention: old });
    expect(await retentionSettings.getValue()).toEqual({
      ...old,
      chatPerChannel: DEFAULT_RETENTION.chatPerChannel,
      revision: 2,
    });
    await fakeBrowser.storage.sync.set({ retention: { ...old, chatPerChannel: 30_000 } });
    expect(await retentionSettings.getValue()).toEqual({ ...old, chatPerChannel: 30_000 });

    // Chosen again after the change, 20,000 stays.
    render(<RetentionForm />);
    const chat = await screen.findByRole('spinbutton', { name: /Chat lines kept per channel/ });
    await userEvent.clear(chat);
    await userEvent.type(chat, '20000');
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect((await retentionSettings.getValue()).chatPerChannel).toBe(20_000);
  });
});

describe('Your data', () => {
  beforeEach(resetDatabase);

  it('downloads the events as CSV through a Blob', async () => {
    await signIn();
    await database().events.add(makeEvent({ id: 'x1', event: { user_name: '=cmd|calc' } }));
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);

    render(<DataSection />);
    expect(await screen.findByText('1 event and 0 chat lines are stored.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export events as CSV' }));
    expect(await screen.findByText('Exported 1 event as CSV.')).toBeInTheDocument();
    expect(click).toHaveBeenCalledTimes(1);
    const text = await blobs[0]!.text();
    expect(text.split('\r\n')[0]).toBe(
      'id,channelId,type,version,noticeType,occurredAt,receivedAt,description,event',
    );
    expect(text).toContain("'=cmd|calc followed");
    vi.unstubAllGlobals();
  });

  it('exports role-only events only to the account that received them', async () => {
    await signIn();
    await database().events.bulkAdd([
      makeEvent({ id: 'my-follow' }),
      makeEvent({ id: 'their-follow', accountId: '100001' }),
      makeEvent({ id: 'their-automod-hold', type: 'automod.message.hold', accountId: '100002' }),
      makeEvent({ id: 'unknown-account-sub', type: 'channel.subscribe', accountId: '' }),
      makeEvent({ id: 'their-raid', type: 'channel.raid', version: '1', accountId: '100001' }),
      makeEvent({
        id: 'unknown-account-go-live',
        type: 'stream.online',
        version: '1',
        accountId: '',
      }),
    ]);
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:test'),
        revokeObjectURL: vi.fn(),
      }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    render(<DataSection />);
    expect(await screen.findByText('6 events and 0 chat lines are stored.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export events as JSON' }));
    expect(await screen.findByText('Exported 3 events as JSON.')).toBeInTheDocument();
    const exported = JSON.parse(await blobs[0]!.text()) as { id: string; accountId: string }[];
    expect(exported.map((e) => e.id).sort()).toEqual([
      'my-follow',
      'their-raid',
      'unknown-account-go-live',
    ]);
    vi.unstubAllGlobals();
  });

  it('clears everything only after confirming', async () => {
    await database().events.bulkAdd([makeEvent(), makeEvent()]);
    await addChat([makeChat(), makeChat()]);
    await addChat([makeChat()]);
    await database().streamVideos.put({
      streamId: '40000100001',
      channelId: '100001',
      checkedAt: Date.now(),
      streamStartedAt: Date.now(),
      lookup: { status: 'noVods' },
    });
    await database().forYou.add({
      id: 'for-you-1',
      kind: 'mention',
      channelId: '100001',
      channelLogin: 'demo',
      channelName: 'Demo',
      accountId: '100003',
      messageId: 'message-1',
      occurredAt: Date.now(),
      receivedAt: Date.now(),
      senderId: '200',
      senderLogin: 'viewer',
      senderName: 'Viewer',
      text: '@someone hi',
      read: 0,
    });
    render(<DataSection />);
    await screen.findByText('2 events and 3 chat lines are stored.');

    await userEvent.click(screen.getByRole('button', { name: 'Clear recorded data…' }));
    expect(screen.getByText(/Delete all 2 events and 3 chat lines\?/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await database().events.count()).toBe(2);

    await userEvent.click(screen.getByRole('button', { name: 'Clear recorded data…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    expect(
      await screen.findByText('All recorded events and chat were deleted.'),
    ).toBeInTheDocument();
    expect(await database().events.count()).toBe(0);
    expect(await storedChat()).toEqual([]);
    expect(await database().streamVideos.count()).toBe(0);
    // What was "for you" goes with the chat it points at.
    expect(await database().forYou.count()).toBe(0);
    await screen.findByText('0 events and 0 chat lines are stored.');
  });
});

describe('Account and about', () => {
  it('signs out through the background and shows its error', async () => {
    answer({ signOut: () => ({ ok: false, error: 'Could not revoke the token.' }) });
    await signIn();
    render(<AccountSection />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(sendMessage).toHaveBeenCalledWith('signOut', undefined);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not revoke the token.');
  });

  it('shows the version and explains every permission', () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Companion for Twitch',
      version: '1.2.3',
    });
    render(<AboutSection />);
    expect(screen.getByTestId('version')).toHaveTextContent('version 1.2.3');
    for (const permission of [
      'identity',
      'storage',
      'alarms',
      'notifications',
      'declarativeNetRequestWithHostAccess',
      'offscreen (Chrome only)',
      'https://api.twitch.tv/*',
      'https://id.twitch.tv/*',
      'wss://eventsub.wss.twitch.tv/*',
      'https://player.twitch.tv/*',
      'https://www.twitch.tv/*',
      'https://static-cdn.jtvnw.net/*',
    ]) {
      expect(screen.getByText(permission)).toBeInTheDocument();
    }
  });
});
