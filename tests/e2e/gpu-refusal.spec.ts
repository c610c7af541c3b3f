/**
 * A model the GPU refuses moves to WASM instead of answering zeros. ORT's
 * WebGPU backend reports a kernel whose pipeline fails validation only as a
 * console line, and its run "succeeds" with whatever the output buffers held:
 * how the attention face model's lips and irises came back as zeros on
 * WebGPU. The model runtime catches the refusal in error scopes around each
 * WebGPU run, reruns on WASM, and loads that model on WASM from then on;
 * with WebGPU forced it throws a ModelRunError instead. Runs started at once
 * on one session take turns (ORT refuses a second run on a busy session with
 * "Session already started"), and releasing a session waits for its runs
 * (released under a run, it fails with "invalid session id").
 *
 * Runs the model runtime alone, in a page (tests/e2e/gpu-refusal/) served by
 * a Vite dev server that this spec starts.
 */
import type { RefusalReport } from './gpu-refusal/page.ts';
import { startHarness, type HarnessServer } from './harness-server.ts';
import { expect, test } from './request-log.ts';

let server: HarnessServer | undefined;
let origin = '';

test.beforeAll(async () => {
  server = await startHarness('tests/e2e/gpu-refusal/vite.config.ts', '/tmp/vite-cache-gpu-refusal');
  origin = server.origin;
});

test.afterAll(async () => {
  await server?.close();
});

test('a model whose WebGPU kernel the GPU refuses reruns on WASM with right answers and loads on WASM after, or with WebGPU forced throws a typed error; runs at once take turns, and a release waits for them', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${origin}/`);
  await expect.poll(() => page.evaluate(() => typeof window.vivifyGpuRefusal === 'function'), { timeout: 60_000 }).toBe(true);
  const [wide, tree] = (await page.evaluate(() => window.vivifyGpuRefusal!())) as RefusalReport[];
  console.log('gpu refusal', JSON.stringify([wide, tree]));

  // The nine-input Concat: loads on WebGPU, is refused on the first run and
  // answers right from WASM; the next run and the next load stay on WASM.
  expect(wide!.load.backend).toBe('webgpu');
  expect(wide!.runs[0]!.backend).toBe('wasm');
  expect(wide!.runs[0]!.movedToWasm).toMatch(/refused.*storage buffers/i);
  expect(wide!.runs[1]).toEqual({ backend: 'wasm' });
  expect(wide!.maxError).toBe(0); // small integers times 1…9: exact in float32
  expect(wide!.reload.backend).toBe('wasm');
  expect(wide!.reload.fallbacks.join(' ')).toMatch(/webgpu: the GPU refused/);
  // WebGPU forced: a typed error that says why, not a quiet move.
  // (ORT keeps the failed pipeline across sessions, so this second refusal
  // names the invalid pipeline rather than the buffer count.)
  expect(wide!.forced).toMatch(/^ModelRunError: nine-in-one-concat on WebGPU: the GPU refused the run: .*(storage buffers|Invalid ComputePipeline "Concat")/);

  expect(wide!.together).toEqual({ backends: ['wasm', 'wasm', 'wasm'], maxError: 0 });
  // Releasing a model waits for its run: the run answers, refused or not.
  expect(wide!.disposedMidRun).toBe('answered, error 0');

  // The same sum in Concats of at most four stays on WebGPU.
  expect(tree!.load.backend).toBe('webgpu');
  expect(tree!.runs).toEqual([{ backend: 'webgpu' }, { backend: 'webgpu' }]);
  expect(tree!.maxError).toBe(0);
  expect(tree!.reload.backend).toBe('webgpu');
  expect(tree!.forced).toBe('none');
  expect(tree!.together).toEqual({ backends: ['webgpu', 'webgpu', 'webgpu'], maxError: 0 });
  expect(tree!.disposedMidRun).toBe('answered, error 0');
});
