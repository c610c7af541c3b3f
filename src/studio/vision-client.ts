/**
 * Main-thread handle on the vision worker, mirroring model-client.ts: the
 * worker starts on first use, bitmaps are transferred (not copied) into it,
 * and errors come back as the typed VivifyError they were.
 */
import { proxy, transfer } from 'comlink';
import type { TrackOptions } from '../analyse/landmark-tracker.ts';
import type { VisionOptions } from '../analyse/vision-service.ts';
import { UnsupportedMediaError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import type { BackendPreference } from '../runtime/backend-choice.ts';
import type { VisionWorkerApi } from '../../workers/vision.worker.ts';
import { lazyWorker } from './lazy-worker.ts';

const call = lazyWorker<VisionWorkerApi>(
  () => new Worker(new URL('../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'vivify-vision' }),
);

export const visionClient = {
  /** The bitmap is transferred: it is unusable here afterwards. */
  analysePhoto: (bitmap: ImageBitmap, options: VisionOptions = {}, onProgress?: ProgressCallback) =>
    call((w) => w.analysePhoto(transfer(bitmap, [bitmap]), options, onProgress ? proxy(onProgress) : undefined)),

  /** Decodes a photo file with its EXIF orientation applied, then analyses it. */
  async analyseBlob(blob: Blob, options: VisionOptions = {}, onProgress?: ProgressCallback) {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    } catch (e) {
      throw new UnsupportedMediaError(`could not decode the photo: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return visionClient.analysePhoto(bitmap, options, onProgress);
  },

  /** The rig for one face of the last analysed photo (largest face first). */
  buildRig: (faceIndex = 0) => call((w) => w.buildRig(faceIndex)),
  forgetPhoto: () => call((w) => w.forgetPhoto()),

  track: (frame: ImageBitmap | VideoFrame, timestampMs: number, options: TrackOptions & { backend?: BackendPreference } = {}) =>
    call((w) => w.track(transfer(frame, [frame as unknown as Transferable]), timestampMs, options)),
  resetTracking: () => call((w) => w.resetTracking()),
  cancel: () => call((w) => w.cancel()),
  dispose: () => call((w) => w.dispose()),
};

export type VisionClient = typeof visionClient;
