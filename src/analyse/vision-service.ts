/**
 * The vision worker's logic, apart from comlink: model sessions per backend
 * through the model runtime, photo analysis and per-frame tracking over the
 * shared RunModel seam. The worker file only wires this to comlink.
 */
import type { PhotoAnalysis } from '../contracts/analysis.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import type { BackendPreference } from '../runtime/backend-choice.ts';
import type { ModelRuntime } from '../runtime/model-runtime.ts';
import { analysePhoto, type AnalyseOptions } from './analyse-photo.ts';
import { createLandmarkTracker, type LandmarkTracker, type TrackedFrame, type TrackOptions } from './landmark-tracker.ts';
import type { RunModel } from './model-seam.ts';
import type { RgbaImage } from './rgba-image.ts';

export interface VisionOptions extends Omit<AnalyseOptions, 'onProgress' | 'signal'> {
  backend?: BackendPreference;
}

export function createVisionService(runtime: ModelRuntime) {
  /** `${backend preference}:${model id}` → session key; a model loads once per preference. */
  const sessions = new Map<string, Promise<{ session: string }>>();
  const backendsUsed = new Set<string>();
  let abort: AbortController | undefined;
  let tracker: { key: string; tracker: LandmarkTracker } | undefined;

  function runModelOn(preference: BackendPreference, onProgress?: ProgressCallback): RunModel {
    return async (modelId, feeds) => {
      const key = `${preference}:${modelId}`;
      let s = sessions.get(key);
      if (!s) {
        onProgress?.({ stage: 'load model', done: 0, total: 1, note: modelId });
        s = runtime.load(modelId, { backend: preference }).then((r) => ({ session: r.session }));
        sessions.set(key, s);
        s.catch(() => sessions.delete(key));
      }
      const { session } = await s;
      const run = await runtime.run(session, feeds);
      backendsUsed.add(run.backend);
      return run.outputs;
    };
  }

  return {
    async analyse(photo: RgbaImage, options: VisionOptions = {}, onProgress?: ProgressCallback): Promise<PhotoAnalysis> {
      abort?.abort();
      const mine = (abort = new AbortController());
      backendsUsed.clear();
      const result = await analysePhoto(photo, runModelOn(options.backend ?? 'auto', onProgress), { ...options, onProgress, signal: mine.signal });
      result.backend = [...backendsUsed].join('+') || 'none';
      return result;
    },

    async track(frame: RgbaImage, timestampMs: number, options: TrackOptions & { backend?: BackendPreference } = {}): Promise<TrackedFrame> {
      const key = `${options.backend ?? 'auto'}:${options.body ? 'body' : 'face'}`;
      if (tracker?.key !== key) tracker = { key, tracker: createLandmarkTracker(runModelOn(options.backend ?? 'auto'), options) };
      return tracker.tracker.track(frame, timestampMs);
    },

    resetTracking(): void {
      tracker?.tracker.reset();
    },

    /** Stops the analysis in progress between two model runs; it rejects with CancelledError. */
    cancel(): void {
      abort?.abort();
    },

    async dispose(): Promise<void> {
      sessions.clear();
      tracker = undefined;
      await runtime.dispose();
    },
  };
}

/** Every buffer in an analysis, for comlink.transfer. */
export function analysisTransferables(a: PhotoAnalysis): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const f of a.faces) buffers.add(f.landmarks.buffer as ArrayBuffer);
  if (a.body) buffers.add(a.body.keypoints.buffer as ArrayBuffer);
  for (const h of a.hands) buffers.add(h.keypoints.buffer as ArrayBuffer);
  if (a.matte) buffers.add(a.matte.alpha.buffer as ArrayBuffer);
  return [...buffers];
}
