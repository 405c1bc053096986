import { defineConfig } from 'vitest/config';
import { excludedForMissingMaterial } from './test/shared-material.js';

// The EPCIS conformance suite: every official GS1 example captured and queried back, and the
// event-hash vectors. Without ../shared/conformance there is nothing to check: it says so and passes.
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts', 'test/epcis/hash-vectors.test.ts'],
    exclude: ['node_modules/**', ...excludedForMissingMaterial('conformance')],
    passWithNoTests: true,
    testTimeout: 120_000,
    pool: 'forks',
  },
});
