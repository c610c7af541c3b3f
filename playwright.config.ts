import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.ts';

// Overridable so several developers (or agents) can run browser tests side by side.
const PORT = Number(process.env.VIVIFY_E2E_PORT ?? 4173);
// And each may serve its own build (`vite build --outDir DIR`), so builds do not overwrite each other.
const DIST = process.env.VIVIFY_E2E_DIST;

// Browser tests run against the built app (`npm run build`), served by
// `vite preview` with the same COOP/COEP/CSP headers as production.
export default defineConfig({
  testDir: 'tests/e2e',
  // WebGPU on SwiftShader is a CPU emulation: generous timeouts, one worker on two cores.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'only-on-failure',
    // The offline PWA's install would fetch ~112 MB in the background of every test and add its
    // own requests to the counts tests make; tests/e2e/offline.spec.ts turns it back on for itself.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${DIST ? ` --outDir ${DIST}` : ''}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
