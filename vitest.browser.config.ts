import { defineConfig } from 'vitest/config';

/**
 * The browser tier: real Chromium against the real app on a PGlite copy of the test template.
 * One file at a time, since each file runs its own browser and app next to a heavy PGlite.
 */
export default defineConfig({
  test: {
    include: ['**/*.browser.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});
