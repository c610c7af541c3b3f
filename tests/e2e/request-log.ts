/**
 * A Playwright fixture that records every request the page and its workers
 * make, so tests can assert both privacy (nothing off-origin) and caching
 * (how often a model file was fetched).
 */
import { test as base } from '@playwright/test';

export interface RequestLog {
  urls: string[];
  countMatching(fragment: string): number;
  offOrigin(origin: string): string[];
}

export const test = base.extend<{ requests: RequestLog }>({
  requests: async ({ context }, use) => {
    const urls: string[] = [];
    // Context-level events include requests from dedicated workers, where the models are fetched.
    context.on('request', (r) => urls.push(r.url()));
    await use({
      urls,
      countMatching: (fragment) => urls.filter((u) => u.includes(fragment)).length,
      offOrigin: (origin) => urls.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:' + origin)),
    });
  },
});

export { expect } from '@playwright/test';
