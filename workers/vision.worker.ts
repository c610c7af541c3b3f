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
import type { Rig } from '../src/contracts/rig.ts';
import { buildRig } from '../src/rig/build-rig.ts';
import { rigBuffers } from '../src/rig/rig-buffers.ts';
import { NoFaceError } from '../src/contracts/errors.ts';

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

/** The last analysed photo and what was found in it, kept so a rig can be built for whichever face the user picks. */
let lastPhoto: { pixels: RgbaImage; analysis: PhotoAnalysis } | undefined;

const api = {
  /** Orientation must already be applied: createImageBitmap(blob, { imageOrientation: 'from-image' }). */
  async analysePhoto(bitmap: ImageBitmap, options: VisionOptions = {}, onProgress?: ProgressCallback): Promise<PhotoAnalysis> {
    lastPhoto = undefined;
    const pixels = pixelsOf(bitmap);
    const result = await service.analyse(pixels, options, onProgress);
    // The caller receives the arrays transferred; this worker keeps its own copy for buildRig.
    lastPhoto = { pixels, analysis: structuredClone(result) };
    return transfer(result, analysisTransferables(result));
  },

  /**
   * The rig for face `faceIndex` of the last analysed photo (the analyse
   * stage's product, see ARCHITECTURE.md), built here so the page never
   * stalls on it. Its arrays are transferred out.
   */
  async buildRig(faceIndex = 0): Promise<Rig> {
    if (!lastPhoto) throw new Error('analysePhoto before buildRig');
    const { analysis, pixels } = lastPhoto;
    const face = analysis.faces[faceIndex];
    if (!face) throw new NoFaceError(analysis.faces.length ? `there is no face number ${faceIndex + 1} in this photo` : 'no face was found in this photo');
    const { width, height, data } = pixels;
    const rig = buildRig(analysis, { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, { faceIndex });
    return transfer(rig, rigBuffers(rig));
  },

  /** Drops the kept photo (a large photo holds tens of megabytes here). */
  forgetPhoto(): void {
    lastPhoto = undefined;
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
