/**
 * Runs one photo × voice pair through the built app in a page and brings the
 * recording back to Node as the metric library's EvalRecording. Shared by
 * `npm run eval` and the browser test that asserts the sample's figures.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { FaceCrop, PairInput, PairRecord } from '../../src/eval/record-pair.ts';
import { ssim, type EvalRecording } from '../../src/eval/metrics/index.ts';
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

/** Head rotation under this (rad, each axis) counts as "small motion" for the face SSIM. */
export const SMALL_MOTION_RAD = 0.05;

/** The page's record as the metric library's input; face SSIM computed here from the crops. */
export function toEvalRecording(name: string, r: PairRecord): EvalRecording {
  const image = (c: FaceCrop) => ({ width: c.width, height: c.height, data: new Uint8Array(Buffer.from(c.rgba, 'base64')) });
  const neutral = image(r.neutralFaceCrop);
  const faceSsim = r.faceCrops
    .filter((c) => {
      const p = r.headPose[c.frame];
      return p && Math.abs(p.yaw) < SMALL_MOTION_RAD && Math.abs(p.pitch) < SMALL_MOTION_RAD && Math.abs(p.roll) < SMALL_MOTION_RAD;
    })
    .map((c) => ssim(image(c), neutral));
  return {
    name,
    fps: r.fps,
    landmarks: r.landmarks.map((l) => (l ? Float32Array.from(l) : null)),
    reference: Float32Array.from(r.reference),
    audio: { sampleRate: r.audio.sampleRate, samples: decodeFloat32(r.audio.samples) },
    headPose: r.headPose,
    backgroundPsnr: r.backgroundPsnr,
    faceSsim,
    timings: r.timings,
    audioSeconds: r.audioSeconds,
    strip: r.strip,
  };
}
