/**
 * Puts a photo and its rig into the app's render worker, from Node: the
 * analysis comes from the Node-side models (tests/unit/analyse/node-models.ts),
 * the rig is built in the page with the app's own buildRig. Shared by the
 * render tests and the render bench.
 */
import type { Page } from '@playwright/test';
import type { PhotoAnalysis } from '../../src/contracts/analysis.ts';
import type { MotionFrame } from '../../src/contracts/motion.ts';
import type { RgbaImage } from '../../src/contracts/rig.ts';
import type { RenderOptions } from '../../src/render/frame-renderer.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';

/** Returns the time buildRig took in the page, ms. */
export async function loadRigInPage(page: Page, png: Buffer, analysis: PhotoAnalysis, faceIndex = 0): Promise<number> {
  const face = analysis.faces[faceIndex]!;
  const payload = {
    png: png.toString('base64'),
    photo: analysis.photo,
    face: { ...face, landmarks: Array.from(face.landmarks) },
    matte: analysis.matte ? { width: analysis.matte.width, height: analysis.matte.height, alpha: Buffer.from(analysis.matte.alpha).toString('base64') } : null,
  };
  return page.evaluate(async (p) => {
    const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
    // No named helpers in here: tsx (the bench) would wrap them in an __name() the page lacks.
    const blob = new Blob([Uint8Array.from(atob(p.png), (c) => c.charCodeAt(0))]);
    const opts: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' };
    const bitmap = await createImageBitmap(blob, opts);
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
    const t0 = performance.now();
    const rig = vivify.rigs.build(analysis, pixels);
    const buildMs = performance.now() - t0;
    await vivify.render.setPhoto(bitmap);
    await vivify.render.setRig(rig);
    return buildMs;
  }, payload);
}

/** Renders frames with the loaded rig and brings the pixels back to Node. */
export async function renderInPage(page: Page, frames: MotionFrame[], opts: RenderOptions): Promise<RgbaImage[]> {
  const out = await page.evaluate(
    async ({ frames, opts }) => {
      const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
      const results: string[] = [];
      for (const frame of frames) {
        const img = await vivify.render.renderPixels(frame, opts);
        let bin = '';
        for (let i = 0; i < img.data.length; i += 0x8000) bin += String.fromCharCode(...img.data.subarray(i, i + 0x8000));
        results.push(btoa(bin));
      }
      return results;
    },
    { frames, opts },
  );
  return out.map((b64) => ({ width: opts.width, height: opts.height, data: new Uint8Array(Buffer.from(b64, 'base64')) }));
}
