/**
 * The model worker in a real browser: WebGPU and WASM give the same answers,
 * weights come from IndexedDB on the second load, and a damaged cache entry is
 * caught and replaced.
 */
import type { Page } from '@playwright/test';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { SelfTestResult } from '../../src/studio/engine-self-test.ts';
import { expect, test } from './request-log.ts';

const MODEL_FILE = '/models/vivify-test-conv.onnx';

/** Runs the engine self-test through the app's console handle (window.vivify). */
function selfTest(page: Page, backend: 'auto' | 'webgpu' | 'wasm'): Promise<SelfTestResult> {
  return page.evaluate((b) => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.selfTest(b), backend);
}

async function freshStart(page: Page) {
  await page.goto('/');
  await page.evaluate(() => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.models.clearCache());
}

test('the test model runs on WebGPU and on WASM, and the outputs agree within 1e-4', async ({ page }) => {
  await freshStart(page);
  const gpu = await selfTest(page, 'webgpu');
  const cpu = await selfTest(page, 'wasm');
  expect(gpu.load.backend).toBe('webgpu');
  expect(cpu.load.backend).toBe('wasm');
  expect(gpu.scores).toHaveLength(4);
  expect(gpu.features).toHaveLength(8 * 8 * 8);
  const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
  expect(maxDiff(gpu.scores, cpu.scores)).toBeLessThanOrEqual(1e-4);
  expect(maxDiff(gpu.features, cpu.features)).toBeLessThanOrEqual(1e-4);
  // A constant output would agree trivially: the net must actually respond to its input.
  expect(Math.max(...cpu.features) - Math.min(...cpu.features)).toBeGreaterThan(0.1);
  test.info().annotations.push({ type: 'max |webgpu − wasm|', description: String(maxDiff(gpu.features, cpu.features)) });
});

test('automatic choice takes WASM when the only WebGPU adapter is software (SwiftShader here), and WASM is threaded when isolated', async ({ page }) => {
  await freshStart(page);
  const auto = await selfTest(page, 'auto');
  expect(auto.load.backend).toBe('wasm');
  expect(auto.load.fallbacks).toEqual(['webgpu: google swiftshader is a software adapter, slower than WASM']);
  const caps = await page.evaluate(() => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.models.capabilities());
  expect(caps.wasmThreads).toBe(true);
});

test('a second load comes from IndexedDB without fetching the weights', async ({ page, requests }) => {
  await freshStart(page);
  const first = await selfTest(page, 'wasm');
  expect(first.load.source).toBe('network');
  expect(first.load.cacheStatus).toBe('stored');
  expect(requests.countMatching(MODEL_FILE)).toBe(1);

  await page.reload(); // a new worker: nothing in memory, only IndexedDB
  const second = await selfTest(page, 'wasm');
  expect(second.load.source).toBe('cache');
  expect(second.load.cacheStatus).toBe('hit');
  expect(requests.countMatching(MODEL_FILE)).toBe(1);
  expect(second.scores).toEqual(first.scores);
});

test('a tampered cache entry is detected, evicted and fetched again', async ({ page, requests }) => {
  await freshStart(page);
  const first = await selfTest(page, 'wasm');
  expect(requests.countMatching(MODEL_FILE)).toBe(1);

  // Flip one byte of the stored weights, as disk corruption or a meddling extension would.
  const key = `weights:vivify-test-conv:${first.load.sha256}`;
  await page.evaluate(
    (k) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('vivify-models');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('weights', 'readwrite');
          const store = tx.objectStore('weights');
          const get = store.get(k);
          get.onsuccess = () => {
            const bytes = new Uint8Array((get.result as ArrayBuffer).slice(0));
            bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
            store.put(bytes.buffer, k);
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    key,
  );

  await page.reload();
  const repaired = await selfTest(page, 'wasm');
  expect(repaired.load.repairedCorruptEntry).toBe(true);
  expect(repaired.load.source).toBe('network');
  expect(repaired.load.warnings.join(' ')).toContain('damaged');
  expect(requests.countMatching(MODEL_FILE)).toBe(2);
  expect(repaired.scores).toEqual(first.scores);

  await page.reload();
  const after = await selfTest(page, 'wasm');
  expect(after.load.source).toBe('cache');
  expect(requests.countMatching(MODEL_FILE)).toBe(2);
});

test('clearing the cache from the diagnostics panel empties it', async ({ page }) => {
  await freshStart(page);
  await selfTest(page, 'wasm');
  await page.getByTestId('toggle-diagnostics').click();
  await expect(page.getByTestId('diag-cache')).toContainText('vivify-test-conv');
  await page.getByTestId('diag-clear-cache').click();
  await expect(page.getByTestId('diag-message')).toContainText('Removed 1 cached model');
  await expect(page.getByTestId('diag-cache')).toContainText('none');
});
