/**
 * Body: BlazePose. The detector finds a person by their face (its box is the
 * face) and predicts two alignment points: the hip centre and a point on a
 * circle enclosing the body. The ROI is that circle's square, turned so the
 * hips→head vector points up, 1.25× larger; the landmark model gives 33 body
 * points plus the same two alignment points, from which the refined ROI of
 * the second pass is made (MediaPipe's pose_landmark graphs).
 */
import type { BodyAnalysis } from '../contracts/analysis.ts';
import { throwIfAborted } from './abort.ts';
import { cropToTensor } from './affine-crop.ts';
import type { Detection } from './box-decoding.ts';
import { projectLandmarks } from './landmark-projection.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import { POSE_DETECTOR, POSE_LANDMARKS } from './model-specs.ts';
import { sigmoid } from './normalise.ts';
import { adjustRect, rectFromAlignmentPoints, type RotatedRect } from './rotated-roi.ts';
import { POSE_DETECTOR_ANCHORS } from './ssd-anchors.ts';
import { detect, type SsdDetectorSpec } from './ssd-detector.ts';

export const POSE_DETECTOR_SPEC: SsdDetectorSpec = {
  model: POSE_DETECTOR,
  anchors: POSE_DETECTOR_ANCHORS,
  numCoords: 12,
  numKeypoints: 4, // hip centre, full-body scale point, shoulder centre, upper-body scale point
  minScore: 0.5,
  nmsIou: 0.3,
};

const ROI_SCALE = 1.25;
/** The landmark model's pose flag below this means it saw no body in the ROI. */
const MIN_PRESENCE = 0.5;
/** 33 body landmarks + hip centre + body scale point + 4 unused, 5 values each. */
const MODEL_POINTS = 39;
const BODY_POINTS = 33;

export interface PoseResult {
  body: BodyAnalysis;
  roi: RotatedRect;
  /** allPoints39x3 in photo pixels, including the two alignment points (33, 34). */
  points: Float32Array;
}

export function roiFromPoseDetection(d: Detection): RotatedRect {
  const k = d.keypoints;
  return adjustRect(rectFromAlignmentPoints([k[0]!, k[1]!], [k[2]!, k[3]!], Math.PI / 2), {
    scaleX: ROI_SCALE,
    scaleY: ROI_SCALE,
    squareLong: true,
  });
}

export function roiFromPoseLandmarks(points39x3: Float32Array): RotatedRect {
  const p = (i: number): [number, number] => [points39x3[3 * i]!, points39x3[3 * i + 1]!];
  return adjustRect(rectFromAlignmentPoints(p(33), p(34), Math.PI / 2), { scaleX: ROI_SCALE, scaleY: ROI_SCALE, squareLong: true });
}

export async function poseLandmarks(ctx: AnalyseContext, roi: RotatedRect): Promise<PoseResult | null> {
  throwIfAborted(ctx.signal);
  const m = POSE_LANDMARKS;
  const input = cropToTensor(ctx.pyramid, roi, m); // [1, 3, 256, 256], 0..1
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims: [1, 3, m.height, m.width], data: input } });
  const presence = outputData(out, m.presence)[0]!;
  if (!(presence >= MIN_PRESENCE)) return null;
  const raw = outputData(out, m.landmarks); // 39 × (x, y, z, visibility logit, presence logit)
  const points = projectLandmarks(raw, MODEL_POINTS, 5, m, roi);
  const keypoints = new Float32Array(BODY_POINTS * 4);
  for (let i = 0; i < BODY_POINTS; i++) {
    keypoints.set(points.subarray(3 * i, 3 * i + 3), 4 * i);
    keypoints[4 * i + 3] = sigmoid(raw[5 * i + 3]!);
  }
  return { body: { score: presence, keypoints }, roi, points };
}

/** The most confident person's 33 keypoints, refined once; also returns every person detection (their boxes are faces). */
export async function findBody(ctx: AnalyseContext): Promise<{ pose: PoseResult | null; detections: Detection[] }> {
  const detections = await detect(ctx, POSE_DETECTOR_SPEC);
  const best = detections[0];
  if (!best) return { pose: null, detections };
  const first = await poseLandmarks(ctx, roiFromPoseDetection(best));
  if (!first) return { pose: null, detections };
  const second = await poseLandmarks(ctx, roiFromPoseLandmarks(first.points));
  return { pose: second ?? first, detections };
}
