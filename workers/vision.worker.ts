/**
 * Vision worker: photo analysis (faces, body, hands, matte) and per-frame
 * tracking, behind one comlink API. It owns its own model runtime (sessions
 * cannot be shared between workers); weights come from the same verified
 * IndexedDB cache as the model worker's.
 */
import { expose, transfer } from 'comlink';
import manifestJson from '../models/manifest.json';
import type { PhotoAnalysis } from '../src/contracts/analysis.ts';
import type { ProgressCallback } from '../src/contracts/progress.ts';
import type { TrackedFrame, TrackOptions } from '../src/analyse/landmark-tracker.ts';
import type { RgbaImage } from '../src/analyse/rgba-image.ts';
import { analysisTransferables, createVisionService, type VisionOptions } from '../src/analyse/vision-service.ts';
import type { BackendPreference } from '../src/runtime/backend-choice.ts';
import { indexedDbStore } from '../src/runtime/key-value-store.ts';
import { createModelRuntime } from '../src/runtime/model-runtime.ts';
import { parseManifest } from '../src/runtime/model-manifest.ts';
import { WeightCache } from '../src/runtime/weight-cache.ts';

const base = new URL(import.meta.env.BASE_URL, self.location.origin);
const service = createVisionService(
  createModelRuntime({
    manifest: parseManifest(manifestJson),
    cache: new WeightCache(indexedDbStore()),
    modelsBaseUrl: new URL('models/', base).href,
  }),
);

/** RGBA pixels of a bitmap or video frame, which is closed here: the caller transferred it to us. */
function pixelsOf(source: ImageBitmap | VideoFrame): RgbaImage {
  const width = 'displayWidth' in source ? source.displayWidth : source.width;
  const height = 'displayHeight' in source ? source.displayHeight : source.height;
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error('no 2D context in the vision worker');
  g.drawImage(source, 0, 0);
  source.close();
  return { width, height, data: g.getImageData(0, 0, width, height).data };
}

const api = {
  /** Orientation must already be applied: createImageBitmap(blob, { imageOrientation: 'from-image' }). */
  async analysePhoto(bitmap: ImageBitmap, options: VisionOptions = {}, onProgress?: ProgressCallback): Promise<PhotoAnalysis> {
    const result = await service.analyse(pixelsOf(bitmap), options, onProgress);
    return transfer(result, analysisTransferables(result));
  },

  async track(frame: ImageBitmap | VideoFrame, timestampMs: number, options: TrackOptions & { backend?: BackendPreference } = {}): Promise<TrackedFrame> {
    const r = await service.track(pixelsOf(frame), timestampMs, options);
    const buffers = [r.face?.landmarks.buffer, r.body?.keypoints.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    return transfer(r, buffers);
  },

  resetTracking: () => service.resetTracking(),
  cancel: () => service.cancel(),
  dispose: () => service.dispose(),
};

expose(api);

export type VisionWorkerApi = typeof api;
