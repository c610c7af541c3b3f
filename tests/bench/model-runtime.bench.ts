/**
 * Model runtime: load time cold (network + sha256 + IndexedDB write + session)
 * and cached (IndexedDB + sha256 + session), and run latency, per backend.
 * Each phase runs in a fresh worker, so ORT's own WASM (28 MB) is compiled
 * again each time: that cost is in "session", apart from the weights.
 */
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { BenchContext } from './run-bench.ts';
import type { BenchRow } from './table.ts';

const MODEL = 'vivify-test-conv';
const RUNS = 30;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const page = await ctx.appPage();
  const caps = await page.evaluate(() => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.models.capabilities());
  const device = caps.webgpu.available ? `${caps.webgpu.adapter.vendor} ${caps.webgpu.adapter.architecture}`.trim() : 'no WebGPU';

  for (const backend of ['webgpu', 'wasm'] as const) {
    if (backend === 'webgpu' && !caps.webgpu.available) continue;
    await page.evaluate(() => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.models.clearCache());
    for (const phase of ['cold', 'cached'] as const) {
      await page.reload(); // a new worker each time: nothing warm in memory
      const r = await page.evaluate(
        async ({ model, backend, runs }) => {
          const { models } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
          const t0 = performance.now();
          const load = await models.load(model, { backend });
          const loadMs = performance.now() - t0;
          const x = new Float32Array(768).fill(0.5);
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const { ms } = await models.run(load.session, { image: { type: 'float32', dims: [1, 3, 16, 16], data: x } });
            times.push(ms);
          }
          await models.dispose(load.session);
          return { loadMs, bytesMs: load.bytesMs, sessionMs: load.sessionMs, source: load.source, first: times[0]!, rest: times.slice(1).sort((a, b) => a - b) };
        },
        { model: MODEL, backend, runs: RUNS },
      );
      const note = backend === 'webgpu' ? device : `${caps.wasmThreads ? 'threaded' : 'single thread'}`;
      const from = r.source === 'cache' ? 'IndexedDB' : 'network';
      rows.push({ group: `runtime ${backend}`, name: `load ${phase}, total`, value: r.loadMs, unit: 'ms', note });
      rows.push({ group: `runtime ${backend}`, name: `load ${phase}, weights from ${from}`, value: r.bytesMs, unit: 'ms', note: 'fetch or read + sha256' });
      rows.push({ group: `runtime ${backend}`, name: `load ${phase}, session`, value: r.sessionMs, unit: 'ms', note: phase === 'cold' ? 'includes ORT WASM compile' : '' });
      if (phase === 'cached') {
        rows.push({ group: `runtime ${backend}`, name: 'first run', value: r.first, unit: 'ms', note: 'includes shader/kernel setup' });
        rows.push({ group: `runtime ${backend}`, name: `run median of ${RUNS - 1}`, value: r.rest[Math.floor(r.rest.length / 2)]!, unit: 'ms', note: MODEL });
      }
    }
  }
  await page.context().close();
  return rows;
}
