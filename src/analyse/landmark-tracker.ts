/**
 * Per-frame tracking for the video- and webcam-driven modes. Like MediaPipe's
 * tracking graphs, a frame reuses the ROI the previous frame's landmarks gave
 * (one landmark-model run, no detector) and falls back to detection only when
 * the face or body is lost. Landmarks are smoothed with One-Euro filters,
 * which are reset whenever tracking restarts, so a re-found face does not
 * glide in from where the old one was.
 */
import type { BodyAnalysis, FaceAnalysis } from '../contracts/analysis.ts';
import { dedupeAndSortFaces, faceLandmarks, findFaces, roiFromFaceLandmarks, toFaceAnalysis } from './face-pipeline.ts';
import { ImagePyramid } from './image-pyramid.ts';
import type { RunModel } from './model-seam.ts';
import { OneEuroFilter, type OneEuroParams } from './one-euro-filter.ts';
import { findBody, poseLandmarks, roiFromPoseLandmarks } from './pose-pipeline.ts';
import type { RgbaImage } from './rgba-image.ts';
import type { RotatedRect } from './rotated-roi.ts';

export interface TrackOptions {
  body?: boolean;
  smoothing?: OneEuroParams;
}

export interface TrackedFrame {
  timestampMs: number;
  /** The largest face, smoothed; null when none is in view. */
  face: FaceAnalysis | null;
  body: BodyAnalysis | null;
  /** True when this frame had to run a detector (first frame, or tracking was lost). */
  redetected: boolean;
}

const MIN_PRESENCE = 0.5;

export function createLandmarkTracker(runModel: RunModel, options: TrackOptions = {}) {
  const faceFilter = new OneEuroFilter(options.smoothing);
  const bodyFilter = new OneEuroFilter(options.smoothing);
  let faceRoi: RotatedRect | null = null;
  let bodyRoi: RotatedRect | null = null;

  async function trackFace(ctx: { pyramid: ImagePyramid; runModel: RunModel }, t: number): Promise<{ face: FaceAnalysis | null; redetected: boolean }> {
    if (faceRoi) {
      const r = await faceLandmarks(ctx, faceRoi);
      if (r.presence >= MIN_PRESENCE) {
        faceRoi = roiFromFaceLandmarks(r.landmarks);
        return { face: toFaceAnalysis({ ...r, landmarks: faceFilter.filter(r.landmarks, t) }, r.presence, 'face-detector'), redetected: false };
      }
    }
    faceFilter.reset();
    const found = await findFaces(ctx);
    const largest = dedupeAndSortFaces(found)[0] ?? null;
    faceRoi = largest ? roiFromFaceLandmarks(largest.landmarks) : null;
    if (!largest || !faceRoi) return { face: null, redetected: true };
    // Detection answers with the photo pass's 478-point ensemble; frames answer with one
    // mesh run. One mesh run here too, so the first frame matches the ones after it.
    const r = await faceLandmarks(ctx, faceRoi, 'single');
    faceRoi = roiFromFaceLandmarks(r.landmarks);
    return { face: toFaceAnalysis({ ...r, landmarks: faceFilter.filter(r.landmarks, t) }, largest.score, 'face-detector'), redetected: true };
  }

  async function trackBody(ctx: { pyramid: ImagePyramid; runModel: RunModel }, t: number): Promise<{ body: BodyAnalysis | null; redetected: boolean }> {
    let pose = bodyRoi ? await poseLandmarks(ctx, bodyRoi) : null;
    let redetected = false;
    if (!pose) {
      bodyFilter.reset();
      pose = (await findBody(ctx)).pose;
      redetected = true;
    }
    bodyRoi = pose ? roiFromPoseLandmarks(pose.points) : null;
    if (!pose) return { body: null, redetected };
    return { body: { score: pose.body.score, keypoints: bodyFilter.filter(pose.body.keypoints, t) }, redetected };
  }

  return {
    async track(frame: RgbaImage, timestampMs: number): Promise<TrackedFrame> {
      const ctx = { pyramid: new ImagePyramid(frame), runModel };
      const f = await trackFace(ctx, timestampMs);
      const b = options.body ? await trackBody(ctx, timestampMs) : { body: null, redetected: false };
      return { timestampMs, face: f.face, body: b.body, redetected: f.redetected || b.redetected };
    },
    reset(): void {
      faceRoi = bodyRoi = null;
      faceFilter.reset();
      bodyFilter.reset();
    },
  };
}

export type LandmarkTracker = ReturnType<typeof createLandmarkTracker>;
