import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { QuietHoursForm } from '../../../components/options/QuietHoursForm';
import { ShortcutsSection } from '../../../components/options/ShortcutsSection';
import { SnoozeControl, untilText } from '../../../components/popup/SnoozeControl';
import { quietHours, snoozedUntil } from '../../../lib/settings';
import { answer, sendMessage } from './messaging-mock';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));

describe('Quiet hours form', () => {
  it('is off by default and stores a period that spans midnight', async () => {
    render(<QuietHoursForm />);
    const enabled = await screen.findByRole('switch', { name: 'Quiet hours every day' });
    expect(enabled).not.toBeChecked();
    expect(screen.getByLabelText('From')).toBeDisabled();

    await userEvent.click(enabled);
    const from = screen.getByLabelText('From');
    const until = screen.getByLabelText('Until');
    expect(from).toHaveValue('23:00');
    await userEvent.clear(from);
    await userEvent.type(from, '22:30');
    await userEvent.clear(until);
    await userEvent.type(until, '07:15');
    await userEvent.click(screen.getByRole('button', { name: 'Save quiet hours' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(await quietHours.getValue()).toEqual({ enabled: true, start: '22:30', end: '07:15' });
  });

  it('says what is wrong with bad input and saves nothing', async () => {
    render(<QuietHoursForm />);
    await userEvent.click(await screen.findByRole('switch', { name: 'Quiet hours every day' }));
    const until = screen.getByLabelText('Until');
    await userEvent.clear(until);
    await userEvent.type(until, '23:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save quiet hours' }));
    expect(await screen.findByText('The end must differ from the start.')).toBeInTheDocument();
    expect(until).toHaveAttribute('aria-invalid', 'true');
    expect(until).toHaveFocus();
    expect((await quietHours.getValue()).enabled).toBe(false);
  });
});

describe('Keyboard shortcuts section', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the browser commands with the keys the browser has now, and the page keys', async () => {
    vi.spyOn(browser.commands, 'getAll').mockResolvedValue([
      { name: 'open-streamer-page', shortcut: 'Ctrl+Shift+Y' },
      { name: 'toggle-snooze', shortcut: '' },
    ] as never);
    render(<ShortcutsSection />);
    expect(await screen.findByText('Ctrl+Shift+Y')).toBeInTheDocument();
    expect(screen.getByText('Not set')).toBeInTheDocument();
    expect(screen.getByText(/Snooze notifications for an hour/)).toBeInTheDocument();
    expect(screen.getByText('Focus the chat box (streamer page)')).toBeInTheDocument();
    expect(screen.getByText(']')).toBeInTheDocument();
  });

  it('shows the suggested keys where the browser cannot list its commands', async () => {
    render(<ShortcutsSection />);
    expect(await screen.findByText('Alt+Shift+U')).toBeInTheDocument();
    expect(screen.getByText('Alt+Shift+O')).toBeInTheDocument();
  });
});

describe('Snooze in the popup', () => {
  beforeEach(() => {
    answer({
      snooze: (choice) => {
        const until = choice === 'off' ? null : Date.now() + 60 * 60 * 1000;
        void snoozedUntil.setValue(until);
        return { until };
      },
    });
  });

  it('snoozes for an hour through the background and shows until when', async () => {
    render(<SnoozeControl />);
    expect(await screen.findByTestId('snooze-state')).toHaveTextContent('Notifications are on.');
    expect(screen.queryByRole('button', { name: 'Turn off snooze' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '1 hour' }));
    expect(sendMessage).toHaveBeenCalledWith('snooze', 'hour');
    const expected = untilText((await snoozedUntil.getValue())!, Date.now());
    await waitFor(() =>
      expect(screen.getByTestId('snooze-state')).toHaveTextContent(`Snoozed until ${expected}.`),
    );
    expect(screen.getByTestId('snooze-state')).toHaveTextContent('Events are still recorded.');

    await userEvent.click(screen.getByRole('button', { name: 'Turn off snooze' }));
    expect(sendMessage).toHaveBeenCalledWith('snooze', 'off');
    await waitFor(() =>
      expect(screen.getByTestId('snooze-state')).toHaveTextContent('Notifications are on.'),
    );
  });

  it('asks for "until tomorrow"', async () => {
    render(<SnoozeControl />);
    await userEvent.click(await screen.findByRole('button', { name: 'Until tomorrow' }));
    expect(sendMessage).toHaveBeenCalledWith('snooze', 'tomorrow');
  });

  it('says when the background did not answer', async () => {
    answer({
      snooze: () => {
        throw new Error('no background');
      },
    });
    render(<SnoozeControl />);
    await userEvent.click(await screen.findByRole('button', { name: '1 hour' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('did not answer');
  });

  it('words the end as the user reads clocks', () => {
    const now = new Date(2026, 2, 10, 15, 20).getTime();
    expect(untilText(new Date(2026, 2, 10, 16, 20).getTime(), now)).toBe('04:20 PM');
    expect(untilText(new Date(2026, 2, 11, 8, 0).getTime(), now)).toBe('tomorrow 08:00 AM');
  });
});
