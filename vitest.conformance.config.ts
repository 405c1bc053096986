import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts', 'test/epcis/hash-vectors.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
