import { defineConfig } from 'vitest/config';

// The browser suite in Firefox (`npm run test:firefox`): every scenario of tests/browser with the
// Firefox driver — the built add-on in headless Firefox ESR, driven over Marionette — against the
// in-process Twitch simulator on port 443. One browser at a time (the port is shared); the
// scenarios only Chromium can run are skipped, their reason beside them.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.ts'],
    env: { COMPANION_BROWSER: 'firefox' },
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
