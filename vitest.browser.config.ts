import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the sandbox end to end in Debian's Chromium (playwright-core, no browser download). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    // One scenario, step after step in one browser: a step waits for the bot, never for a fixed time.
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
