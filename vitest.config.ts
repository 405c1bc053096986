import { defineConfig } from 'vitest/config';
import { excludedForMissingMaterial } from './test/shared-material.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'test/epcis/hash-vectors.test.ts', 'node_modules/**', ...excludedForMissingMaterial('tests')],
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
