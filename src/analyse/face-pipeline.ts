/**
 * Faces: detect on the whole photo → rotated ROI from the eye line →
 * 468 landmarks (one mesh-model run) → a second pass on the ROI those
 * landmarks give (tighter, and turned upright by the eye line, as the
 * attention model expects) with the full ensemble of face-landmark-runs.ts →
 * 478 landmarks with irises → head rotation.
 *
 * Constants are MediaPipe's face_mesh graphs': ROI 1.5 × the box, square;
 * eye line as the rotation reference; face presence above 0.5.
 */
import type { FaceAnalysis } from '../contracts/analysis.ts';
import { throwIfAborted } from './abort.ts';
import { cropToTensor } from './affine-crop.ts';
import type { Detection } from './box-decoding.ts';
import { landmarksOfCrop, type LandmarkRuns } from './face-landmark-runs.ts';
import { FACE_MESH } from './face-mesh-indices.ts';
import { LEFT_IRIS_FIRST, RIGHT_IRIS_FIRST } from './face-refinement.ts';
import { headRotation } from './head-rotation.ts';
import { estimateIrisCentres } from './iris-estimate.ts';
import { projectLandmarks } from './landmark-projection.ts';
import type { AnalyseContext } from './model-seam.ts';
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
  landmarks: Float32Array; // landmarksNx3, photo pixels; N = 478 after the ensemble pass, else 468
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

/** Landmarks of one ROI: `single` for a quick look (and tracking), `ensemble` for the photo's final answer. */
export async function faceLandmarks(ctx: AnalyseContext, roi: RotatedRect, runs: LandmarkRuns = 'single'): Promise<FaceLandmarkResult> {
  throwIfAborted(ctx.signal);
  const input = cropToTensor(ctx.pyramid, roi, FACE_LANDMARKS); // [1, 3, 192, 192], 0..1
  const r = await landmarksOfCrop(ctx, input, runs); // input pixels
  return { landmarks: projectLandmarks(r.points, r.points.length / 3, 3, FACE_LANDMARKS, roi), presence: sigmoid(r.presenceLogit), roi };
}

/**
 * Landmarks from a starting ROI, refined once from their own ROI; null if the
 * landmark model sees no face there. The first pass only places the second
 * one's ROI, so it runs the mesh model once.
 */
export async function refineFace(ctx: AnalyseContext, start: RotatedRect): Promise<FaceLandmarkResult | null> {
  const first = await faceLandmarks(ctx, start, 'single');
  if (first.presence < MIN_PRESENCE) return null;
  const second = await faceLandmarks(ctx, roiFromFaceLandmarks(first.landmarks), 'ensemble');
  return second.presence >= MIN_PRESENCE ? second : first;
}

function irisCentres(landmarks: Float32Array): FaceAnalysis['irisCentres'] {
  if (landmarks.length < 478 * 3) return estimateIrisCentres(landmarks);
  const at = (i: number): [number, number] => [landmarks[3 * i]!, landmarks[3 * i + 1]!];
  return { right: at(RIGHT_IRIS_FIRST), left: at(LEFT_IRIS_FIRST), estimated: false };
}

export function toFaceAnalysis(r: FaceLandmarkResult, score: number, foundBy: FaceAnalysis['foundBy']): FaceAnalysis {
  return {
    box: pointBounds(r.landmarks, 3),
    score,
    presence: r.presence,
    landmarks: r.landmarks,
    landmarkCount: r.landmarks.length / 3,
    irisCentres: irisCentres(r.landmarks),
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
