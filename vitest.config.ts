import { defineConfig } from 'vitest/config';
import { excludedForMissingMaterial } from './test/shared-material.js';

// Two projects: the unit, API and end-to-end tests in Node, and the browser tests, which drive
// Debian's Chromium against one real `karvon serve` with the demo (test/browser/global-setup.ts),
// one file after another.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/conformance/**', 'test/epcis/hash-vectors.test.ts', 'node_modules/**', ...excludedForMissingMaterial('tests')],
          testTimeout: 30_000,
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // npm test builds dist/ and web/dist/ before vitest runs (npm run build).
          globalSetup: ['test/browser/global-setup.ts'],
        },
      },
    ],
  },
});
