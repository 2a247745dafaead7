import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsSection } from '../../../components/options/SettingsSection';
import { DEFAULT_RETENTION, favorites, quietHours, retentionSettings } from '../../../lib/settings';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_FORMAT } from '../../../lib/settings-file';
import { settingResets, syncProblem } from '../../../lib/synced-storage';

const demo = { id: '100001', login: 'demo', displayName: 'Demo', addedAt: 1 };

const jsonFile = (content: string, name = 'settings.json') =>
  new File([content], name, { type: 'application/json' });

describe('Settings card', () => {
  it('exports the settings as a JSON file with the format marker', async () => {
    await favorites.setValue([demo]);
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: vi.fn((blob: Blob) => {
          blobs.push(blob);
          return 'blob:test';
        }),
        revokeObjectURL: vi.fn(),
      }),
    );
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);

    render(<SettingsSection />);
    await userEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(await screen.findByText('Settings exported.')).toBeInTheDocument();
    expect(click).toHaveBeenCalledTimes(1);
    const file = JSON.parse(await blobs[0]!.text()) as {
      format: string;
      version: number;
      settings: Record<string, unknown>;
    };
    expect(file.format).toBe(SETTINGS_FORMAT);
    expect(file.version).toBe(1);
    expect(file.settings.favorites).toEqual([demo]);
    vi.unstubAllGlobals();
  });

  it('imports a valid file and says what changed', async () => {
    render(<SettingsSection />);
    const retention = { ...DEFAULT_RETENTION, eventDays: 12 };
    const text = JSON.stringify({
      format: SETTINGS_FORMAT,
      version: 1,
      settings: { favorites: [demo], retention },
    });
    await userEvent.upload(screen.getByLabelText('Import settings'), jsonFile(text));
    expect(
      await screen.findByText('Settings imported. Changed: Favorite channels, Data kept.'),
    ).toBeInTheDocument();
    expect(await favorites.getValue()).toEqual([demo]);
    expect(await retentionSettings.getValue()).toEqual(retention);
  });

  it('refuses a file that is not ours, or from a newer version, and changes nothing', async () => {
    await favorites.setValue([demo]);
    render(<SettingsSection />);
    const input = screen.getByLabelText('Import settings');

    await userEvent.upload(input, jsonFile('{"favorites": []}'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This is not a Companion for Twitch settings file.',
    );

    await userEvent.upload(input, jsonFile('not json at all', 'notes.txt'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not valid JSON/);

    await userEvent.upload(
      input,
      jsonFile(
        JSON.stringify({ format: SETTINGS_FORMAT, version: 2, settings: { favorites: [] } }),
      ),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/newer version/);

    // Limits the retention form refuses: keeping events a fraction of a day would delete them.
    await userEvent.upload(
      input,
      jsonFile(
        JSON.stringify({
          format: SETTINGS_FORMAT,
          version: 1,
          settings: { favorites: [], retention: { ...DEFAULT_RETENTION, eventDays: 0.001 } },
        }),
      ),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The setting “Data kept” in this file is not valid. Nothing was changed.',
    );
    expect(await retentionSettings.getValue()).toEqual(DEFAULT_RETENTION);
    expect(await favorites.getValue()).toEqual([demo]);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('shows why settings could not be synced', async () => {
    await syncProblem.setValue({ message: 'Your settings are too large.', keys: ['x'], at: 1 });
    render(<SettingsSection />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Your settings are too large.');
  });

  it('says which stored setting was not valid and was reset, until dismissed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ quietHours: { enabled: true, start: 5, end: '08:00' } });
    render(<SettingsSection />);
    // Any reader of the setting (here the page itself) finds it invalid and resets it.
    await quietHours.getValue();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“Quiet hours” from another computer or another version was not valid and was reset to its default.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await settingResets.getValue()).toEqual([]);
    warn.mockRestore();
  });

  it('refuses a file over the size limit with its size, without reading it', async () => {
    render(<SettingsSection />);
    const big = jsonFile(' '.repeat(300 * 1024));
    const text = vi.spyOn(big, 'text');
    await userEvent.upload(screen.getByLabelText('Import settings'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This file is too large to be a settings file (300 KB;',
    );
    expect(text).not.toHaveBeenCalled();
  });
});
