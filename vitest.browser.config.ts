import { defineConfig } from 'vitest/config';

/** The report in headless Chromium (`npm run test:browser`); needs /usr/bin/chromium. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
