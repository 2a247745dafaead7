import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../components/popup/Popup';
import type * as ConfigModule from '../../../lib/config';

vi.mock('../../../lib/messaging', () => import('./messaging-mock'));
vi.mock('../../../lib/config', async (original) => ({
  ...(await original<typeof ConfigModule>()),
  isConfigured: () => false,
}));

describe('Popup of a build without a client id', () => {
  it('says the extension is not configured and how to fix it', () => {
    render(<Popup />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Not configured');
    expect(alert).toHaveTextContent('WXT_TWITCH_CLIENT_ID');
    expect(screen.queryByRole('button', { name: 'Log in with Twitch' })).not.toBeInTheDocument();
  });
});
