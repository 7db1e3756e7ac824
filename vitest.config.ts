import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: OCR and worker tests are heavy, so files run two at a time at most.
    maxWorkers: 2,
  },
});
