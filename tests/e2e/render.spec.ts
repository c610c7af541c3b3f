/**
 * The WebGPU renderer in the render worker, on a real photo: an undeformed rig
 * reproduces the photo, smaller outputs are filtered (not aliased), and the
 * transparent mode leaves the background out.
 */
import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import { expect, test } from './request-log.ts';

// NASA's public-domain astronaut portrait (scikit-image's astronaut.png), 512×512.
const PHOTO = readFileSync('tests/fixtures/analyse/astronaut.png').toString('base64');

interface RenderCheck {
  psnr: number;
  minAlpha: number;
  maxAlpha: number;
  png: string;
}

/** Renders the plate rig of the photo at `size` and compares it with the photo drawn by the browser's 2D canvas at that size. */
function renderPlate(page: Page, size: { width: number; height: number }, background: 'photo' | 'transparent'): Promise<RenderCheck> {
  return page.evaluate(
    async ({ photo, size, background }) => {
      const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
      const blob = new Blob([Uint8Array.from(atob(photo), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const opts: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' };
      const bitmap = await createImageBitmap(blob, opts);
      const { width: pw, height: ph } = bitmap;

      const ref = new OffscreenCanvas(size.width, size.height).getContext('2d')!;
      ref.imageSmoothingQuality = 'high';
      ref.drawImage(await createImageBitmap(blob, opts), 0, 0, size.width, size.height);
      const expected = ref.getImageData(0, 0, size.width, size.height).data;

      await vivify.render.setPhoto(bitmap);
      await vivify.render.setRig(vivify.rigs.plate(pw, ph));
      const neutral = { time: 0, head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0, z: 0 }, blendshapes: {}, gaze: { x: 0, y: 0 }, body: { breath: 0, leanForward: 0, leanSide: 0, shoulderLeft: 0, shoulderRight: 0, arms: {} } };
      const out = await vivify.render.renderPixels(neutral, { ...size, background });

      let sum = 0;
      let minAlpha = 255;
      let maxAlpha = 0;
      for (let p = 0; p < out.data.length; p += 4) {
        for (let c = 0; c < 3; c++) sum += (out.data[p + c]! - expected[p + c]!) ** 2;
        minAlpha = Math.min(minAlpha, out.data[p + 3]!);
        maxAlpha = Math.max(maxAlpha, out.data[p + 3]!);
      }
      const mse = sum / ((out.data.length / 4) * 3);
      const psnr = mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse);

      const c = new OffscreenCanvas(size.width, size.height);
      c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(out.data), size.width, size.height), 0, 0);
      const png = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let bin = '';
      for (const b of png) bin += String.fromCharCode(b);
      return { psnr, minAlpha, maxAlpha, png: btoa(bin) };
    },
    { photo: PHOTO, size, background },
  );
}

function save(name: string, png: string) {
  mkdirSync('test-results/render', { recursive: true });
  writeFileSync(`test-results/render/${name}.png`, Buffer.from(png, 'base64'));
}

test('a neutral frame at the photo size reproduces the photo (PSNR ≥ 40 dB), with no holes', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  const r = await renderPlate(page, { width: 512, height: 512 }, 'photo');
  save('neutral-512', r.png);
  expect(r.psnr).toBeGreaterThanOrEqual(40);
  expect(r.minAlpha).toBe(255);
  expect(requests.offOrigin(baseURL!)).toEqual([]);
});

test('a smaller output samples the mip chain and stays close to a high-quality downscale', async ({ page }) => {
  await page.goto('/');
  const r = await renderPlate(page, { width: 160, height: 160 }, 'photo');
  save('neutral-160', r.png);
  // Measured against the canvas's high-quality downscale: the footprint filter
  // gives 31–32 dB; plain trilinear (blurs a level too far) gave 29.3 dB and
  // nearest sampling (aliases) about 28 dB, so 30 dB separates them.
  expect(r.psnr).toBeGreaterThanOrEqual(30);
  expect(r.minAlpha).toBe(255);
});

test('transparent mode leaves the background layer out', async ({ page }) => {
  await page.goto('/');
  const r = await renderPlate(page, { width: 64, height: 64 }, 'transparent');
  expect(r.maxAlpha).toBe(0);
});
