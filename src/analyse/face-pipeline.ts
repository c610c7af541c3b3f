/**
 * Faces: detect on the whole photo → rotated ROI from the eye line →
 * 468 landmarks → a second pass on the ROI the landmarks themselves give
 * (tighter and better turned than the detector's) → head rotation.
 *
 * Constants are MediaPipe's face_mesh graphs': ROI 1.5 × the box, square;
 * eye line as the rotation reference; face presence above 0.5.
 */
import type { FaceAnalysis } from '../contracts/analysis.ts';
import { throwIfAborted } from './abort.ts';
import { cropToTensor } from './affine-crop.ts';
import type { Detection } from './box-decoding.ts';
import { FACE_MESH } from './face-mesh-indices.ts';
import { headRotation } from './head-rotation.ts';
import { estimateIrisCentres } from './iris-estimate.ts';
import { projectLandmarks } from './landmark-projection.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import { FACE_DETECTOR, FACE_LANDMARKS } from './model-specs.ts';
import { sigmoid } from './normalise.ts';
import { adjustRect, pointBounds, rectBoundsIou, rectFromBoxAndKeypoints, rotationFromVector, type RotatedRect } from './rotated-roi.ts';
import { FACE_SHORT_RANGE_ANCHORS } from './ssd-anchors.ts';
import { detect, type SsdDetectorSpec } from './ssd-detector.ts';

export const FACE_DETECTOR_SPEC: SsdDetectorSpec = {
  model: FACE_DETECTOR,
  anchors: FACE_SHORT_RANGE_ANCHORS,
  numCoords: 16,
  numKeypoints: 6, // right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion
  minScore: 0.5,
  nmsIou: 0.3,
};

const ROI_SCALE = 1.5;
const MIN_PRESENCE = 0.5;
/** Two refined face ROIs overlapping more than this are the same face found twice. */
const SAME_FACE_IOU = 0.5;

export interface FaceLandmarkResult {
  landmarks: Float32Array; // landmarks468x3, photo pixels
  presence: number;
  roi: RotatedRect;
}

export function roiFromFaceDetection(d: Detection): RotatedRect {
  const k = d.keypoints;
  const rect = rectFromBoxAndKeypoints(d, [k[0]!, k[1]!], [k[2]!, k[3]!], 0);
  return adjustRect(rect, { scaleX: ROI_SCALE, scaleY: ROI_SCALE, squareLong: true });
}

export function roiFromFaceLandmarks(landmarks: Float32Array): RotatedRect {
  const box = pointBounds(landmarks, 3);
  const p = (i: number): [number, number] => [landmarks[3 * i]!, landmarks[3 * i + 1]!];
  const rotation = rotationFromVector(p(FACE_MESH.rightEyeOuter), p(FACE_MESH.leftEyeOuter), 0);
  const rect = { cx: box.x + box.width / 2, cy: box.y + box.height / 2, width: box.width, height: box.height, rotation };
  return adjustRect(rect, { scaleX: ROI_SCALE, scaleY: ROI_SCALE, squareLong: true });
}

export async function faceLandmarks(ctx: AnalyseContext, roi: RotatedRect): Promise<FaceLandmarkResult> {
  throwIfAborted(ctx.signal);
  const m = FACE_LANDMARKS;
  const input = cropToTensor(ctx.pyramid, roi, m); // [1, 3, 192, 192], 0..1
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims: [1, 3, m.height, m.width], data: input } });
  const raw = outputData(out, m.landmarks); // 468 × (x, y, z), input pixels
  return { landmarks: projectLandmarks(raw, 468, 3, m, roi), presence: sigmoid(outputData(out, m.presence)[0]!), roi };
}

/** Landmarks from a starting ROI, refined once from their own ROI; null if the landmark model sees no face there. */
export async function refineFace(ctx: AnalyseContext, start: RotatedRect): Promise<FaceLandmarkResult | null> {
  const first = await faceLandmarks(ctx, start);
  if (first.presence < MIN_PRESENCE) return null;
  const second = await faceLandmarks(ctx, roiFromFaceLandmarks(first.landmarks));
  return second.presence >= MIN_PRESENCE ? second : first;
}

export function toFaceAnalysis(r: FaceLandmarkResult, score: number, foundBy: FaceAnalysis['foundBy']): FaceAnalysis {
  return {
    box: pointBounds(r.landmarks, 3),
    score,
    presence: r.presence,
    landmarks: r.landmarks,
    landmarkCount: 468,
    irisCentres: estimateIrisCentres(r.landmarks),
    headRotation: headRotation(r.landmarks),
    foundBy,
  };
}

/** Largest first; a face found twice (two detections, or detector and pose) is kept once. */
export function dedupeAndSortFaces(found: { face: FaceAnalysis; roi: RotatedRect }[]): FaceAnalysis[] {
  const byPresence = [...found].sort((a, b) => b.face.presence - a.face.presence);
  const kept: typeof found = [];
  for (const f of byPresence) if (!kept.some((k) => rectBoundsIou(k.roi, f.roi) > SAME_FACE_IOU)) kept.push(f);
  const area = (f: FaceAnalysis) => f.box.width * f.box.height;
  return kept.map((k) => k.face).sort((a, b) => area(b) - area(a));
}

/** Every face the short-range detector finds in the photo (or in `region`), with refined landmarks. */
export async function findFaces(
  ctx: AnalyseContext,
  region?: { x: number; y: number; width: number; height: number },
  foundBy: FaceAnalysis['foundBy'] = 'face-detector',
): Promise<{ face: FaceAnalysis; roi: RotatedRect }[]> {
  const detections = await detect(ctx, FACE_DETECTOR_SPEC, region);
  const found: { face: FaceAnalysis; roi: RotatedRect }[] = [];
  for (const d of detections) {
    const r = await refineFace(ctx, roiFromFaceDetection(d));
    if (r) found.push({ face: toFaceAnalysis(r, d.score, foundBy), roi: r.roi });
  }
  return found;
}
