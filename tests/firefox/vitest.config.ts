import { defineConfig } from 'vitest/config';

// End-to-end in Firefox: the shared scenarios (tests/browser) with the Firefox driver — the built
// add-on in headless Firefox ESR, driven over Marionette — against the in-process Twitch
// simulator on port 443. One browser at a time (the port is shared).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.ts'],
    env: { COMPANION_BROWSER: 'firefox' },
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
