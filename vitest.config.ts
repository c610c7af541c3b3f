import { defineConfig } from 'vitest/config';

// Unit tests: plain modules in Node. Browser behaviour (workers, WebGPU,
// encoding, the UI) is tested by Playwright under tests/e2e.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Two cores on CI: keep parallelism modest so heavy tests do not starve each other.
    maxWorkers: 2,
  },
});
