import { mkdirSync } from 'node:fs';
import { adapterLabel } from '../../src/runtime/capabilities.ts';
import { expect, test } from './request-log.ts';

test('the studio shell loads with every request on its own origin', async ({ page, requests, baseURL }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Vivify' })).toBeVisible();
  for (const slot of ['photo', 'driver', 'preview', 'export']) await expect(page.getByTestId(`slot-${slot}`)).toBeVisible();
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: 'test-results/screens/shell.png' });

  // Open diagnostics and run the engine self-test, so the worker, ONNX Runtime's
  // WASM and a model are all fetched while requests are being recorded.
  await page.getByTestId('toggle-diagnostics').click();
  await page.getByTestId('diag-self-test').click();
  await expect(page.getByTestId('diag-self-test-result')).toContainText('load', { timeout: 120_000 });
  await expect(page.getByTestId('diag-cache')).toContainText('vivify-test-conv');
  // Automatic choice on SwiftShader takes WASM and says why.
  await expect(page.getByTestId('diag-message')).toHaveText('Engine works on WASM. WebGPU not used: google swiftshader is a software adapter, slower than WASM.');

  expect(requests.urls.length).toBeGreaterThan(3);
  expect(requests.countMatching('.wasm')).toBeGreaterThan(0);
  expect(requests.offOrigin(baseURL!)).toEqual([]);
  expect(consoleErrors).toEqual([]);

  const isolated = await page.evaluate(() => crossOriginIsolated);
  expect(isolated).toBe(true);
  await expect(page.getByTestId('diag-isolation')).toContainText('yes');

  await page.screenshot({ path: 'test-results/screens/shell-diagnostics.png' });
});

test('the diagnostics panel shows the real WebGPU adapter', async ({ page }) => {
  await page.goto('/');
  // What the browser itself reports, probed independently of the app's code.
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? { vendor: a.info.vendor, architecture: a.info.architecture, description: a.info.description, device: a.info.device } : null;
  });
  expect(adapter, 'this browser should expose a WebGPU adapter (SwiftShader in CI)').not.toBeNull();
  await page.getByTestId('toggle-diagnostics').click();
  const panel = page.getByTestId('diag-adapter');
  await expect(panel).not.toContainText('probing');
  await expect(panel).not.toContainText('none');
  await expect(panel).toContainText(adapterLabel(adapter!));
  if (adapter!.vendor) await expect(panel).toContainText(`vendor ${adapter!.vendor}`);
  if (adapter!.architecture) await expect(panel).toContainText(`architecture ${adapter!.architecture}`);
});

test('the server sends isolation and content-security headers', async ({ request }) => {
  const res = await request.get('/');
  const h = res.headers();
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['cross-origin-embedder-policy']).toBe('require-corp');
  const csp = h['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  // No other host may appear anywhere in the policy.
  expect(csp).not.toMatch(/https?:|\*/);
});
