/**
 * analysePhoto: everything the rig needs from one photo, in one call that
 * Node tests and the vision worker share. Steps run one after another (the
 * models share one ORT backend, so running them concurrently would not be
 * faster), each timed, with progress after each.
 */
import { PHOTO_ANALYSIS_VERSION, type PhotoAnalysis } from '../contracts/analysis.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { dedupeAndSortFaces, findFaces } from './face-pipeline.ts';
import { findHands } from './hand-pipeline.ts';
import { ImagePyramid } from './image-pyramid.ts';
import { personMatte } from './matte.ts';
import type { AnalyseContext, RunModel } from './model-seam.ts';
import { findBody } from './pose-pipeline.ts';
import type { RgbaImage } from './rgba-image.ts';
import { headRegionFromPoseDetection, headRegionFromPoseLandmarks, smallFacesFromPose } from './small-face-from-pose.ts';

export interface AnalyseOptions {
  /** Each defaults to true; switch off what a caller does not need. */
  body?: boolean;
  hands?: boolean;
  matte?: boolean;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export async function analysePhoto(photo: RgbaImage, runModel: RunModel, options: AnalyseOptions = {}, backend = 'unknown'): Promise<PhotoAnalysis> {
  const ctx: AnalyseContext = { pyramid: new ImagePyramid(photo), runModel, signal: options.signal };
  const timings: Record<string, number> = {};
  const steps = 1 + (options.body !== false ? 1 : 0) + (options.hands !== false ? 1 : 0) + (options.matte !== false ? 1 : 0);
  let done = 0;
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    timings[name] = (timings[name] ?? 0) + performance.now() - t0;
    options.onProgress?.({ stage: 'analyse', done: ++done, total: steps, note: name });
    return r;
  };

  const found = await timed('faces', () => findFaces(ctx));
  let body: PhotoAnalysis['body'] = null;
  if (options.body !== false) {
    const t0 = performance.now();
    const { pose, detections } = await findBody(ctx);
    body = pose?.body ?? null;
    timings['body'] = performance.now() - t0;
    const regions = [...(pose ? [headRegionFromPoseLandmarks(pose.body.keypoints)] : []), ...detections.map(headRegionFromPoseDetection)];
    const t1 = performance.now();
    found.push(...(await smallFacesFromPose(ctx, regions, found)));
    timings['small faces'] = performance.now() - t1;
    options.onProgress?.({ stage: 'analyse', done: ++done, total: steps, note: 'body' });
  }
  const hands = options.hands !== false ? await timed('hands', () => findHands(ctx)) : [];
  const matte = options.matte !== false ? await timed('matte', () => personMatte(ctx)) : null;
  return {
    version: PHOTO_ANALYSIS_VERSION,
    photo: { width: photo.width, height: photo.height },
    faces: dedupeAndSortFaces(found),
    body,
    hands,
    matte,
    timings,
    backend,
  };
}
