import { defineConfig } from 'vitest/config';

/**
 * Browser journeys: the built web app (npm run build first) served by the real server on a fresh
 * PGlite folder with the demo data, driven in Debian's Chromium, with an axe check on each page.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // One retry in CI, as Playwright's own runner does: a real browser on a loaded 2-core machine
    // can miss a frame; a journey that fails twice is a failure.
    retry: process.env.CI ? 1 : 0,
  },
});
