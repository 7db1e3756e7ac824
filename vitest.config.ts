import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: OCR and worker tests are heavy, so files run two at a time at most.
    maxWorkers: 2,
    // A record that breaks the completeness invariant fails the test (IncompleteRecordError, exit 70)
    // instead of being repaired into warnings as for users (src/checks/invariant.ts).
    env: { NIANBAO_STRICT_INVARIANT: '1' },
  },
});
