import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium with the built extension, against the in-process Twitch simulator.
// One browser at a time (2-core machines), generous timeouts for real sockets.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
