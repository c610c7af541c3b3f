/**
 * Renderer: rig build time, and time per frame at 512², 1080p and 2160p
 * (deformation on the CPU, then drawing until the GPU reports the work done;
 * no readback). Here WebGPU runs on SwiftShader, a CPU emulation, so the
 * absolute numbers say little about a real GPU; their ratios still do.
 */
import { readFileSync } from 'node:fs';
import { neutralFrame } from '../../src/contracts/motion.ts';
import { analysePhoto } from '../../src/analyse/analyse-photo.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import { loadRigInPage } from '../e2e/rig-in-page.ts';
import { nodeModels } from '../unit/analyse/node-models.ts';
import { decodePng } from '../unit/analyse/png.ts';
import type { BenchContext } from './run-bench.ts';
import type { BenchRow } from './table.ts';

const PHOTO = 'tests/fixtures/analyse/astronaut.png';
const FRAMES = 6;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const png = readFileSync(PHOTO);
  const models = nodeModels();
  const analysis = await analysePhoto(decodePng(png), models.runModel, { hands: false, body: false }).finally(() => models.release());
  const page = await ctx.appPage();
  const buildMs = await loadRigInPage(page, png, analysis);
  const rows: BenchRow[] = [{ group: 'render', name: 'rig build (512² photo)', value: buildMs, unit: 'ms', note: 'main thread' }];
  for (const [label, width, height] of [['512×512', 512, 512], ['1920×1080', 1920, 1080], ['3840×2160', 3840, 2160]] as const) {
    const r = await page.evaluate(
      async ({ width, height, n, base }) => {
        const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
        const times: { deformMs: number; gpuMs: number }[] = [];
        for (let i = 0; i < n; i++) {
          const frame = structuredClone(base);
          frame.head.yaw = 0.2 * Math.sin(i);
          frame.blendshapes.jawOpen = 0.5 + 0.4 * Math.sin(i * 1.7);
          // The photo's aspect differs from 16:9: crop its middle, as the export's crop presets do.
          const cropH = Math.min(512, (512 * height) / width);
          times.push(await vivify.render.renderAndWait(frame, { width, height, background: 'photo', crop: { x: 0, y: (512 - cropH) / 2, width: 512, height: cropH } }));
        }
        return times;
      },
      { width, height, n: FRAMES, base: neutralFrame() },
    );
    const rest = r.slice(1).map((t) => t.deformMs + t.gpuMs).sort((a, b) => a - b);
    rows.push({ group: 'render', name: `frame ${label}`, value: rest[Math.floor(rest.length / 2)]!, unit: 'ms', note: `median of ${FRAMES - 1}, deform ${r.at(-1)!.deformMs.toFixed(1)} ms` });
  }
  await page.context().close();
  return rows;
}
