/**
 * Explain mode over a real rendered preview: the astronaut photo analysed in
 * Node, its rig built in the page with the app's buildRig, motion made from
 * real speech, and the real ExplainOverlay component mounted over frames the
 * renderer drew. Saves screenshots at 1280×720 and 1920×1080 to
 * test-results/explain/ (look at them: this view is judged by its looks), and
 * times the overlay's drawing on a 10-minute track.
 *
 * The overlay is not in the studio's bundle yet, so the test bundles it with
 * Vite and injects it; bypassCSP lets that one inline script run.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mkdirSync, readFileSync } from 'node:fs';
import { build, type Rollup } from 'vite';
import type { Page } from '@playwright/test';
import type { PhotoAnalysis } from '../../src/contracts/analysis.ts';
import type { MotionTrack } from '../../src/contracts/motion.ts';
import { analysePhoto } from '../../src/analyse/analyse-photo.ts';
import { blocksOf } from '../../src/motion/audio-source.ts';
import { synthesiseTrack } from '../../src/motion/synthesise.ts';
import { decodeWav } from '../../src/motion/wav-decode.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { ExplainLayers } from '../../src/studio/explain/explain-scene.ts';
import { nodeModels } from '../unit/analyse/node-models.ts';
import { decodePng } from '../unit/analyse/png.ts';
import { expect, test } from './request-log.ts';

const PHOTO_FILE = 'tests/fixtures/analyse/astronaut.png';
const SPEECH_FILE = 'tests/fixtures/speech/librivox-austen.wav';

test.use({ bypassCSP: true });

/** The overlay and its drawing functions as one script, exposed as globalThis.explainHarness. */
async function harnessScript(): Promise<string> {
  const root = process.cwd();
  const entry = `
    import { mount, unmount } from 'svelte';
    import ExplainOverlay from '${root}/src/studio/explain/ExplainOverlay.svelte';
    import { drawExplain, prepareRig, prepareTrack } from '${root}/src/studio/explain/explain-scene.ts';
    globalThis.explainHarness = { mount: (target, props) => mount(ExplainOverlay, { target, props }), unmount, drawExplain, prepareRig, prepareTrack };
  `;
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [
      svelte({ emitCss: false, compilerOptions: { css: 'injected' } }),
      // Lib mode resolves its entry as a file path, so the virtual entry is matched by its name at the end of one.
      {
        name: 'explain-harness',
        enforce: 'pre',
        resolveId: (id) => (id.endsWith('virtual-explain-harness.js') ? '\0explain-harness' : null),
        load: (id) => (id === '\0explain-harness' ? entry : null),
      },
    ],
    build: { write: false, minify: false, target: 'es2022', lib: { entry: 'virtual-explain-harness.js', formats: ['iife'], name: 'explainHarnessModule', fileName: 'harness' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs[0]!.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  return chunk!.code;
}

/** Builds the rig in the page (kept on globalThis for the overlay) and hands it and the photo to the render worker. */
async function loadRig(page: Page, png: Buffer, analysis: PhotoAnalysis): Promise<void> {
  const face = analysis.faces[0]!;
  const payload = {
    png: png.toString('base64'),
    photo: analysis.photo,
    face: { ...face, landmarks: Array.from(face.landmarks) },
    matte: analysis.matte ? { width: analysis.matte.width, height: analysis.matte.height, alpha: Buffer.from(analysis.matte.alpha).toString('base64') } : null,
  };
  await page.evaluate(async (p) => {
    const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(p.png), (c) => c.charCodeAt(0))]), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const pixels = { width: bitmap.width, height: bitmap.height, data: new Uint8Array(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer) };
    const analysis = {
      version: 1 as const,
      photo: p.photo,
      faces: [{ ...p.face, landmarks: Float32Array.from(p.face.landmarks) }],
      body: null,
      hands: [],
      matte: p.matte ? { width: p.matte.width, height: p.matte.height, alpha: Uint8Array.from(atob(p.matte.alpha), (c) => c.charCodeAt(0)) } : null,
      timings: {},
      backend: 'node',
    };
    const rig = vivify.rigs.build(analysis, pixels);
    await vivify.render.setPhoto(bitmap);
    await vivify.render.setRig(rig);
    Object.assign(globalThis, { explainRig: rig, explainAnalysis: analysis });
  }, payload);
}

interface Shot {
  name: string;
  width: number;
  height: number;
  frameIndex: number;
  layers: ExplainLayers;
}

/** Renders the frame at the preview's size, shows it full-window with the overlay mounted over it, and screenshots it. */
async function shoot(page: Page, track: MotionTrack, crop: { x: number; y: number; width: number; height: number }, shot: Shot): Promise<void> {
  await page.setViewportSize({ width: shot.width, height: shot.height });
  await page.evaluate(
    async ({ track, crop, shot }) => {
      const g = globalThis as unknown as {
        vivify: VivifyConsoleApi;
        explainRig: unknown;
        explainAnalysis: unknown;
        explainMounted?: unknown;
        explainHarness: { mount: (t: Element, p: unknown) => unknown; unmount: (c: unknown) => void };
      };
      const img = await g.vivify.render.renderPixels(track.frames[shot.frameIndex]!, { width: shot.width, height: shot.height, background: 'photo', crop });
      document.getElementById('explain-stage')?.remove();
      if (g.explainMounted) g.explainHarness.unmount(g.explainMounted);
      const stage = document.createElement('div');
      stage.id = 'explain-stage';
      stage.style.cssText = `position:fixed;left:0;top:0;width:${shot.width}px;height:${shot.height}px;z-index:10000;background:#000`;
      const canvas = document.createElement('canvas');
      canvas.width = shot.width;
      canvas.height = shot.height;
      canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), shot.width, shot.height), 0, 0);
      canvas.style.cssText = 'position:absolute;left:0;top:0';
      stage.append(canvas);
      document.body.append(stage);
      g.explainMounted = g.explainHarness.mount(stage, {
        rig: g.explainRig,
        analysis: g.explainAnalysis,
        track,
        frameIndex: shot.frameIndex,
        crop,
        width: shot.width,
        height: shot.height,
        layers: shot.layers,
      });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    },
    { track, crop, shot },
  );
  await page.screenshot({ path: `test-results/explain/${shot.name}.png` });
}

test('explain overlay over a rendered preview: mesh, weights, chunks and curves with captions, at 1280×720 and 1920×1080', async ({ page, requests, baseURL }) => {
  test.setTimeout(400_000);
  mkdirSync('test-results/explain', { recursive: true });
  const png = readFileSync(PHOTO_FILE);
  const decoded = decodePng(png);
  const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
  const models = nodeModels();
  let analysis: PhotoAnalysis;
  try {
    analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false });
  } finally {
    await models.release();
  }
  const audio = decodeWav(new Uint8Array(readFileSync(SPEECH_FILE)));
  const track = await synthesiseTrack({ kind: 'audio', source: blocksOf(audio, 4096) });
  expect(track.markers.filter((m) => m.kind === 'chunk').length).toBeGreaterThanOrEqual(5);
  const script = await harnessScript();

  await page.goto('/');
  await page.addScriptTag({ content: script });
  await loadRig(page, png, analysis);

  // A 16:9 crop of the square photo around the face, as a preview box of that shape shows it.
  const face = analysis.faces[0]!.box;
  const cropH = Math.round((photo.width * 9) / 16);
  const crop = { x: 0, y: Math.max(0, Math.min(photo.height - cropH, Math.round(face.y + face.height / 2 - cropH * 0.45))), width: photo.width, height: cropH };
  // A moment mid-sentence with the jaw well open, inside a chunk overlap when there is one.
  let frameIndex = Math.round(track.fps * 4);
  for (let i = Math.round(track.fps * 3); i < Math.min(track.frameCount, track.fps * 7); i++)
    if ((track.frames[i]!.blendshapes.jawOpen ?? 0) > (track.frames[frameIndex]!.blendshapes.jawOpen ?? 0)) frameIndex = i;
  const all = { mesh: true, weights: true, chunks: true, curves: true };
  const shots: Shot[] = [
    { name: 'all-1280x720', width: 1280, height: 720, frameIndex, layers: all },
    { name: 'all-1920x1080', width: 1920, height: 1080, frameIndex, layers: all },
    { name: 'mesh-curves-1280x720', width: 1280, height: 720, frameIndex, layers: { mesh: true, weights: false, chunks: false, curves: true } },
    { name: 'weights-chunks-1280x720', width: 1280, height: 720, frameIndex, layers: { mesh: false, weights: true, chunks: true, curves: false } },
  ];
  for (const shot of shots) {
    await shoot(page, track, crop, shot);
    const overlay = page.getByTestId('explain-overlay');
    await expect(overlay).toBeVisible();
    for (const [key, id] of [['mesh', 'explain-mesh'], ['weights', 'explain-weights'], ['chunks', 'explain-chunks'], ['curves', 'explain-curves']] as const)
      await expect(page.getByTestId(id)).toHaveCount(shot.layers[key] ? 1 : 0);
    // Captions sit inside the box, whatever its size.
    for (const card of await overlay.locator('section').all()) {
      const b = (await card.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(shot.width + 0.5);
      expect(b.y + b.height).toBeLessThanOrEqual(shot.height + 0.5);
    }
  }
  await shoot(page, track, crop, shots[0]!);
  // The canvas has a device pixel per device pixel, whatever the ratio (this page's is 1).
  const canvasSize = await page.getByTestId('explain-overlay').locator('canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height, devicePixelRatio]);
  expect(canvasSize).toEqual([Math.round(1280 * canvasSize[2]!), Math.round(720 * canvasSize[2]!), canvasSize[2]]);
  await expect(page.getByTestId('explain-curves')).toContainText(/Now: Jaw open \d+%, Smile \d+%, Blink \d+%, Head turn [−+]?\d+°/);
  await expect(page.getByTestId('explain-mesh')).toContainText('478 points');
  await expect(page.getByTestId('explain-chunks')).toContainText('2 seconds at a time');
  await expect(page.getByTestId('explain-weights')).toContainText('Jaw');

  // A HiDPI screen (a teacher's laptop): the canvas doubles its pixels and lines stay sharp.
  const hidpi = await page.context().browser()!.newContext({ deviceScaleFactor: 2, bypassCSP: true, baseURL });
  try {
    const page2 = await hidpi.newPage();
    await page2.goto('/');
    await page2.addScriptTag({ content: script });
    await loadRig(page2, png, analysis);
    await shoot(page2, track, crop, { ...shots[0]!, name: 'all-1280x720@2x' });
    const size = await page2.getByTestId('explain-overlay').locator('canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(size).toEqual([2560, 1440]);
  } finally {
    await hidpi.close();
  }

  // Drawing time per frame on a canvas, on a 10-minute track (the speech's motion repeated).
  const timing = await page.evaluate((short) => {
    const g = globalThis as unknown as {
      explainRig: never;
      explainAnalysis: never;
      explainHarness: {
        drawExplain: (ctx: OffscreenCanvasRenderingContext2D, scene: unknown) => void;
        prepareRig: (rig: never) => unknown;
        prepareTrack: (track: MotionTrack) => unknown;
      };
    };
    const n = short.fps * 600;
    const frames = Array.from({ length: n }, (_, i) => ({ ...short.frames[i % short.frameCount]!, time: i / short.fps }));
    const markers = Array.from({ length: 300 }, (_, i) => ({ kind: 'chunk' as const, start: i * 2, end: Math.min(600, i * 2 + 2.2) }));
    const long = { ...short, frames, frameCount: n, markers };
    const h = g.explainHarness;
    const prepared = h.prepareRig(g.explainRig);
    const preparedTrack = h.prepareTrack(long);
    const ctx = new OffscreenCanvas(1920, 1080).getContext('2d')!;
    const scene = { rig: g.explainRig, prepared, analysis: g.explainAnalysis, track: long, preparedTrack, crop: { x: 0, y: 0, width: 512, height: 288 }, width: 1920, height: 1080, layers: { mesh: true, weights: true, chunks: true, curves: true } };
    const times: number[] = [];
    for (let i = 0; i < 120; i++) {
      ctx.clearRect(0, 0, 1920, 1080);
      const t0 = performance.now();
      h.drawExplain(ctx, { ...scene, frameIndex: 9000 + i });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[60]!, p90: times[108]! };
  }, track);
  test.info().annotations.push({ type: 'measured', description: `overlay draw ms per frame, 10-min track, 1920×1080: ${JSON.stringify(timing)}` });
  console.log('explain overlay draw ms', timing);
  // Shared two-core CI with software rendering: a generous bound that still catches scanning the whole track.
  expect(timing.median).toBeLessThan(30);
  expect(requests.offOrigin(baseURL!)).toEqual([]);
});
