import { defineConfig } from 'vitest/config';

// The browser suite in Chromium (`npm run test:e2e`): every scenario of tests/browser with the
// Chromium driver, against the in-process Twitch simulator. One browser at a time (2-core
// machines), generous timeouts for real sockets.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.ts'],
    env: { COMPANION_BROWSER: 'chromium' },
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
