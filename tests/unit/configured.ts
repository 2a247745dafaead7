/**
 * `lib/config` as a build made with a client id has it, for the tests of what only runs then:
 * `vi.mock('…/lib/config', async (original) => (await import('…/configured')).configured(await original()))`.
 * Type imports only: this module is loaded while `lib/config` is being mocked.
 */
import type * as ConfigModule from '../../lib/config';

/** The client id of the tests' builds (the fake Twitch checks it). */
export const CLIENT_ID = 'companiontestclient0000000';

export const configured = (actual: typeof ConfigModule): typeof ConfigModule => ({
  ...actual,
  TWITCH_CLIENT_ID: CLIENT_ID,
  isConfigured: () => true,
});
