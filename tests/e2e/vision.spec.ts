/**
 * The vision worker in a real browser: analysePhoto on the astronaut photo
 * through the app's own client (window.vivify.vision), on WebGPU and on WASM.
 * Faces only: WebGPU here is SwiftShader (a CPU emulation), so the whole
 * pipeline would be slow for nothing; the Node tests cover the rest.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import { expect, test } from './request-log.ts';

const photoBase64 = readFileSync(new URL('../fixtures/analyse/astronaut.png', import.meta.url)).toString('base64');

interface FaceSummary {
  backend: string;
  faces: number;
  landmarks: number[];
  timings: Record<string, number>;
}

function analyse(page: Page, backend: 'webgpu' | 'wasm'): Promise<FaceSummary> {
  return page.evaluate(
    async ({ b64, backend }) => {
      const { vision } = (globalThis as unknown as { vivify: VivifyConsoleApi }).vivify;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const r = await vision.analyseBlob(new Blob([bytes], { type: 'image/png' }), { backend, body: false, hands: false, matte: false });
      return { backend: r.backend, faces: r.faces.length, landmarks: Array.from(r.faces[0]?.landmarks ?? []), timings: r.timings };
    },
    { b64: photoBase64, backend },
  );
}

test('analysePhoto finds the astronaut on WebGPU and on WASM with the same landmarks, and nothing leaves the origin', async ({ page, requests, baseURL }) => {
  await page.goto('/');
  const gpu = await analyse(page, 'webgpu');
  const cpu = await analyse(page, 'wasm');
  // Every model runs on WebGPU, the attention model included (its patch
  // transforms once built a Concat that WebGPU could not bind, and it was kept on WASM).
  expect(gpu.backend).toBe('webgpu');
  expect(cpu.backend).toBe('wasm');
  expect(gpu.faces).toBe(1);
  expect(cpu.faces).toBe(1);
  expect(cpu.landmarks).toHaveLength(478 * 3); // mesh + irises (face-landmark-runs.ts ensemble)
  // 0.5 px on a 91-px face (0.5%): the backends differ only in float summation order, which moves
  // a landmark by hundredths of a pixel; a wrong kernel moves it by many pixels.
  const maxDiff = Math.max(...cpu.landmarks.map((v, i) => Math.abs(v - gpu.landmarks[i]!)));
  expect(maxDiff).toBeLessThan(0.5);
  console.log(`vision: max |webgpu − wasm| landmark ${maxDiff.toFixed(4)} px; timings webgpu ${JSON.stringify(gpu.timings)} wasm ${JSON.stringify(cpu.timings)}`);
  test.info().annotations.push({ type: 'max |webgpu − wasm| landmark (px)', description: maxDiff.toFixed(4) });
  test.info().annotations.push({ type: 'timings webgpu / wasm', description: `${JSON.stringify(gpu.timings)} / ${JSON.stringify(cpu.timings)}` });
  expect(requests.offOrigin(new URL(baseURL!).origin)).toEqual([]);
});
