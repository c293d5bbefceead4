import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test needs Chromium: `npm run test:browser` runs it (vitest.browser.config.ts).
    exclude: ['test/browser/**', 'node_modules/**'],
    // Integration tests start real HTTP servers and SQLite files; keep parallelism modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
