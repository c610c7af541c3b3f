/**
 * Vision: per-model latency of the analyse models on WebGPU and WASM (through
 * the model worker, constant inputs), and end-to-end analysePhoto on a
 * 12-megapixel photo (the astronaut upscaled to 3000 × 3000 in a 4000 × 3000
 * canvas) through the vision worker, cold (model loads included) and warm;
 * and the faces step alone on the 512 × 512 astronaut, warm: per face that is
 * one mesh-model run plus the ensemble pass (mesh and attention models, each
 * on the crop and its mirror: face-landmark-runs.ts), plus the detector.
 */
import { readFileSync } from 'node:fs';
import { ALL_MODEL_SPECS } from '../../src/analyse/model-specs.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { BenchContext } from './run-bench.ts';
import type { BenchRow } from './table.ts';

const RUNS = { webgpu: 5, wasm: 10 } as const;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const page = await ctx.appPage();
  const caps = await page.evaluate(() => (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify.models.capabilities());
  const backends = (['webgpu', 'wasm'] as const).filter((b) => b === 'wasm' || caps.webgpu.available);
  const device = caps.webgpu.available ? `${caps.webgpu.adapter.vendor} ${caps.webgpu.adapter.architecture}`.trim() : 'no WebGPU';

  for (const backend of backends) {
    for (const spec of ALL_MODEL_SPECS) {
      const r = await page.evaluate(
        async ({ id, input, dims, backend, runs }) => {
          const { models } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
          const load = await models.load(id, { backend });
          const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.5);
          const times: number[] = [];
          for (let i = 0; i <= runs; i++) times.push((await models.run(load.session, { [input]: { type: 'float32', dims, data } })).ms);
          await models.dispose(load.session);
          const rest = times.slice(1).sort((a, b) => a - b);
          return { first: times[0]!, median: rest[Math.floor(rest.length / 2)]!, backend: load.backend };
        },
        { id: spec.id, input: spec.input, dims: [1, 3, spec.height, spec.width], backend, runs: RUNS[backend] },
      );
      rows.push({
        group: `vision models ${backend}`,
        name: `${spec.id} (${spec.width}×${spec.height})`,
        value: r.median,
        unit: 'ms',
        note: `median of ${RUNS[backend]}; first ${r.first.toFixed(0)} ms; ${backend === 'webgpu' ? device : caps.wasmThreads ? 'threaded' : 'single thread'}`,
      });
    }
  }

  const photo = readFileSync(new URL('../fixtures/analyse/astronaut.png', import.meta.url)).toString('base64');
  for (const backend of backends) {
    for (const phase of ['cold', 'warm'] as const) {
      const r = await page.evaluate(
        async ({ b64, backend }) => {
          const { vision } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
          const small = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(4000, 3000);
          const g = canvas.getContext('2d')!;
          g.fillStyle = '#808080';
          g.fillRect(0, 0, 4000, 3000);
          g.imageSmoothingQuality = 'high';
          g.drawImage(small, 500, 0, 3000, 3000);
          const bitmap = canvas.transferToImageBitmap();
          const t0 = performance.now();
          const a = await vision.analysePhoto(bitmap, { backend });
          return { ms: performance.now() - t0, timings: a.timings, faces: a.faces.length, hands: a.hands.length, body: !!a.body, used: a.backend };
        },
        { b64: photo, backend },
      );
      const steps = Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      rows.push({
        group: `analysePhoto 12 MP ${backend}`,
        name: `${phase}${phase === 'cold' ? ' (model loads)' : ''}`,
        value: r.ms,
        unit: 'ms',
        note: `${r.faces} face, body ${r.body ? 'yes' : 'no'}, ${r.hands} hands; ${steps}`,
      });
    }
  }
  for (const backend of backends) {
    const r = await page.evaluate(
      async ({ b64, backend, runs }) => {
        const { vision } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
        const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
        const facesOnly = { backend, body: false, hands: false, matte: false } as const;
        await vision.analyseBlob(blob, facesOnly); // loads the face models
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push((await vision.analyseBlob(blob, facesOnly)).timings['faces'] ?? NaN);
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)]!;
      },
      { b64: photo, backend, runs: RUNS[backend] },
    );
    rows.push({ group: `faces step ${backend}`, name: 'astronaut 512×512, one face, warm', value: r, unit: 'ms', note: `median of ${RUNS[backend]}; detector + 1 mesh run + ensemble (2 mesh + 2 attention runs)` });
  }
  await page.context().close();
  return rows;
}
