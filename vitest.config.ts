import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores in CI: run files in parallel but keep each one single-threaded.
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'static/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'manifest', include: ['test/manifest/**/*.test.ts'], globalSetup: ['test/manifest/build-ui.setup.ts'] } },
      // Browser flows wait on a real Chromium sharing two cores with the other projects: give them headroom.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/manifest/build-ui.setup.ts'], testTimeout: 60_000 } },
    ],
  },
});
