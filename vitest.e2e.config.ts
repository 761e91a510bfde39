import { defineConfig } from 'vitest/config';

// Browser journeys against the built web app (dist/web) and a fresh in-memory server.
// Run: npx vite build && npx vitest run --config vitest.e2e.config.ts
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A real browser on 2 cores: one journey at a time, no retries hiding flakiness.
    maxWorkers: 1,
  },
});
