/**
 * The renderer's timings on a real GPU, on a machine that has one but no
 * browser (the GPU machines lent to developers). The same FrameRenderer and
 * deformation the render worker runs, driven from Node through Dawn, the
 * WebGPU implementation inside Chromium, as its `dawn.node` addon (from the
 * `webgpu` npm package; not a dependency of the app, so the path is given).
 *
 * Same measurement as render.bench.ts (astronaut rig, talking motion, the
 * photo's middle cropped to the frame's aspect; deformation on the CPU, then
 * drawing until the GPU reports the work done), plus the export path, which
 * also reads every frame back.
 *
 *   1. here, once (needs the models):  tsx tests/bench/render-node-gpu.ts --prepare analysis.json
 *   2. bundle it for a bare Node:       vite build --ssr tests/bench/render-node-gpu.ts --outDir DIR
 *   3. there:                           node DIR/render-node-gpu.js --dawn dawn.node analysis.json
 *
 * Dawn reaches the GPU through Vulkan, so the machine needs the Vulkan loader
 * (libvulkan.so.1) and the driver's ICD. In a headless NVIDIA container the
 * GLX ICD the driver lists fails to create an instance; an ICD file naming
 * libEGL_nvidia.so.0, passed in VK_ICD_FILENAMES, works.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PhotoAnalysis } from '../../src/contracts/analysis.ts';
import { neutralFrame, type MotionFrame } from '../../src/contracts/motion.ts';
import type { RgbaImage } from '../../src/contracts/rig.ts';

const FRAMES = 30;
const SIZES = [['512×512', 512, 512], ['1920×1080', 1920, 1080], ['3840×2160', 3840, 2160]] as const;

interface Input {
  photo: RgbaImage;
  analysis: PhotoAnalysis;
}

/** JSON with typed arrays kept as such (base64), so the analysis and photo travel as one file. */
function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? { typed: v.constructor.name, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') } : v,
  );
}

function decode(text: string): Input {
  const kinds: Record<string, (b: ArrayBuffer) => ArrayBufferView> = {
    Float32Array: (b) => new Float32Array(b),
    Uint8Array: (b) => new Uint8Array(b),
    Uint8ClampedArray: (b) => new Uint8ClampedArray(b),
  };
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && 'typed' in v && 'base64' in v) {
      const bytes = Buffer.from(String(v.base64), 'base64');
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const make = kinds[String(v.typed)];
      if (!make) throw new Error(`unexpected typed array ${String(v.typed)}`);
      return make(copy);
    }
    return v;
  }) as Input;
}

async function prepare(out: string): Promise<void> {
  const { analysePhoto } = await import('../../src/analyse/analyse-photo.ts');
  const { nodeModels } = await import('../unit/analyse/node-models.ts');
  const { decodePng } = await import('../unit/analyse/png.ts');
  const photo = decodePng(readFileSync('tests/fixtures/analyse/astronaut.png'));
  const models = nodeModels();
  const analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false }).finally(() => models.release());
  writeFileSync(out, encode({ photo: { width: photo.width, height: photo.height, data: new Uint8Array(photo.data) }, analysis }));
  console.log(`wrote ${out}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function run(dawnPath: string, inputPath: string): Promise<void> {
  const { create, globals } = createRequire(import.meta.url)(dawnPath) as { create: (flags: string[]) => GPU; globals: object };
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  console.log(`adapter: ${adapter ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.device} ${adapter.info.description}` : 'none'}`);

  // Imported here, not at the top: the shaders are `?raw` imports, which only the bundled script can load.
  const { createRenderApi } = await import('../../src/render/render-api.ts');
  const { buildRig } = await import('../../src/rig/build-rig.ts');
  const { photo, analysis } = decode(readFileSync(inputPath, 'utf8'));
  const t0 = performance.now();
  const rig = buildRig(analysis, photo);
  const buildMs = performance.now() - t0;
  const api = createRenderApi();
  await api.setPhoto(photo);
  await api.setRig(rig);

  const rows: [string, string, string][] = [['rig build (512² photo)', buildMs.toFixed(1), 'CPU']];
  for (const [label, width, height] of SIZES) {
    const cropH = Math.min(512, (512 * height) / width);
    const opts = { width, height, background: 'photo' as const, crop: { x: 0, y: (512 - cropH) / 2, width: 512, height: cropH } };
    const frame = (i: number): MotionFrame => {
      const f = neutralFrame(i / 25);
      f.head.yaw = 0.2 * Math.sin(i);
      f.blendshapes.jawOpen = 0.5 + 0.4 * Math.sin(i * 1.7);
      return f;
    };
    const draw: number[] = [];
    const deform: number[] = [];
    for (let i = 0; i <= FRAMES; i++) {
      const t = await api.renderAndWait(frame(i), opts);
      if (i > 0) (draw.push(t.deformMs + t.gpuMs), deform.push(t.deformMs));
    }
    const readback: number[] = [];
    for (let i = 0; i <= FRAMES; i++) {
      const s = performance.now();
      await api.renderPixels(frame(i), opts);
      if (i > 0) readback.push(performance.now() - s);
    }
    rows.push([`frame ${label}`, median(draw).toFixed(2), `median of ${FRAMES}, deform ${median(deform).toFixed(2)} ms`]);
    rows.push([`frame ${label} + readback`, median(readback).toFixed(2), 'the export path: drawn, then read back as RGBA']);
  }
  console.log('\n| measure | ms | note |\n|---|---:|---|');
  for (const [name, ms, note] of rows) console.log(`| ${name} | ${ms} | ${note} |`);
  api.dispose();
}

const args = process.argv.slice(2);
if (args[0] === '--prepare' && args[1]) await prepare(args[1]);
else if (args[0] === '--dawn' && args[1] && args[2]) await run(args[1], args[2]);
else {
  console.error('usage: --prepare analysis.json | --dawn path/to/dawn.node analysis.json');
  process.exit(2);
}
