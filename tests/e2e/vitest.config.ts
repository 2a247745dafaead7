import { defineConfig } from 'vitest/config';

// End-to-end in Chromium: the shared scenarios (tests/browser) with the Chromium driver, and the
// Chromium-only fault suite (tests/e2e), against the in-process Twitch simulator. One browser at
// a time (2-core machines), generous timeouts for real sockets.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.ts', 'tests/e2e/**/*.e2e.ts'],
    env: { COMPANION_BROWSER: 'chromium' },
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
