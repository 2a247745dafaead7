import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageErrorBoundary, SettingValueError } from '../../../components/common/PageErrorBoundary';
import { useStorageItem } from '../../../components/hooks/use-storage-item';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../../lib/quiet';
import { quietHours } from '../../../lib/settings';

/** A view that cannot show quiet hours that start at midnight, standing in for any bug. */
function Fragile() {
  const quiet = useStorageItem(quietHours);
  if (quiet?.start === '00:00') throw new Error('Cannot read properties of undefined');
  return <p>{quiet ? 'Quiet hours shown' : null}</p>;
}

const midnight: QuietHours = { enabled: true, start: '00:00', end: '08:00' };

let error: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // React and the boundary both log the failure; the test reads the page instead.
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => error.mockRestore());

describe('the page error boundary', () => {
  it('says what failed, and resetting the setting the page read brings the page back', async () => {
    await quietHours.setValue(midnight);
    render(
      <PageErrorBoundary>
        <Fragile />
      </PageErrorBoundary>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on this page.');
    expect(alert).toHaveTextContent('What failed: Cannot read properties of undefined');
    expect(alert).toHaveTextContent('A setting may have caused it.');

    await userEvent.click(screen.getByRole('button', { name: 'Reset “Quiet hours”' }));
    expect(await screen.findByText('Quiet hours shown')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await quietHours.getValue()).toEqual(DEFAULT_QUIET_HOURS);
    expect(await fakeBrowser.storage.sync.get('quietHours')).toEqual({});
  });

  it('offers to open the options page, except on the options page', async () => {
    const open = vi.fn(() => Promise.resolve());
    fakeBrowser.runtime.openOptionsPage = open;
    function Broken(): never {
      throw new SettingValueError('badgeMode', 'badge');
    }
    const { unmount } = render(
      <PageErrorBoundary>
        <Broken />
      </PageErrorBoundary>,
    );
    // A failure that names its setting offers that one only.
    expect(screen.getByRole('button', { name: 'Reset “Toolbar badge shows”' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Reset “Quiet hours”' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Open the settings' }));
    expect(open).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeVisible();
    unmount();

    render(
      <PageErrorBoundary isOptionsPage>
        <Broken />
      </PageErrorBoundary>,
    );
    expect(screen.queryByRole('button', { name: 'Open the settings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeVisible();
  });
});
