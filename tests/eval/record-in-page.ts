/**
 * Runs one photo × voice pair through the built app in a page and brings the
 * recording back to Node as the metric library's EvalRecording. Shared by
 * `npm run eval` and the browser test that asserts the sample's figures.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { PairInput, PairRecord } from '../../src/eval/record-pair.ts';
import type { VivifyConsoleApi } from '../../src/studio/console-api.ts';
import type { BackendPreference } from '../../src/runtime/backend-choice.ts';

export interface PairOptions {
  size: number;
  seconds: number;
  fps: number;
  seed: number;
  backend: BackendPreference;
  pixelSamples: number;
  stripFrames: number;
}

export const DEFAULT_PAIR: PairOptions = { size: 512, seconds: 20, fps: 25, seed: 1, backend: 'wasm', pixelSamples: 24, stripFrames: 8 };

export async function recordInPage(page: Page, photoPath: string, audioPath: string, o: PairOptions): Promise<PairRecord> {
  const payload = { photo: readFileSync(photoPath).toString('base64'), audio: readFileSync(audioPath).toString('base64'), o };
  return page.evaluate(async (p) => {
    const { vivify } = globalThis as unknown as { vivify: VivifyConsoleApi };
    // No named helpers in here: tsx would wrap them in an __name() the page lacks.
    const photo = new Blob([Uint8Array.from(atob(p.photo), (c) => c.charCodeAt(0))]);
    const audio = Uint8Array.from(atob(p.audio), (c) => c.charCodeAt(0)).buffer;
    const input: PairInput = { photo, audio, ...p.o };
    return vivify.eval.recordPair(input);
  }, payload);
}

export function decodeFloat32(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
