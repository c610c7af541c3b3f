/**
 * Hands: palm detector → ROI turned so wrist→middle-finger points up,
 * 2.6× the palm and shifted half a palm towards the fingers (a palm box
 * holds no fingers) → 21 landmarks → second pass on the ROI of the hand's
 * own landmarks (2×, shifted 0.1 towards the fingers). Constants from
 * MediaPipe's hand_landmark graphs.
 */
import type { HandAnalysis } from '../contracts/analysis.ts';
import { throwIfAborted } from './abort.ts';
import { cropToTensor } from './affine-crop.ts';
import type { Detection } from './box-decoding.ts';
import { projectLandmarks } from './landmark-projection.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import { HAND_LANDMARKS, PALM_DETECTOR } from './model-specs.ts';
import { adjustRect, rectBoundsIou, rectFromBoxAndKeypoints, rotationFromVector, type RotatedRect } from './rotated-roi.ts';
import { PALM_ANCHORS } from './ssd-anchors.ts';
import { detect, type SsdDetectorSpec } from './ssd-detector.ts';

export const PALM_DETECTOR_SPEC: SsdDetectorSpec = {
  model: PALM_DETECTOR,
  anchors: PALM_ANCHORS,
  numCoords: 18,
  numKeypoints: 7, // wrist centre, then index, middle, ring, pinky finger bases, thumb base and tip
  minScore: 0.5,
  nmsIou: 0.3,
};

const MIN_PRESENCE = 0.5;
/** Palm-stable landmarks for the refined ROI: wrist, thumb base, and each finger's two lowest joints. */
const ROI_POINTS = [0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18] as const;
const WRIST = 0;
const MIDDLE_FINGER_BASE = 9;
const MAX_HANDS = 4;
const SAME_HAND_IOU = 0.4;

export function roiFromPalm(d: Detection): RotatedRect {
  const k = d.keypoints;
  const rect = rectFromBoxAndKeypoints(d, [k[0]!, k[1]!], [k[4]!, k[5]!], Math.PI / 2);
  return adjustRect(rect, { scaleX: 2.6, scaleY: 2.6, shiftY: -0.5, squareLong: true });
}

/** Bounds taken in the hand's own turned frame, so a tilted hand does not get a bloated box. */
export function roiFromHandLandmarks(landmarks21x3: Float32Array): RotatedRect {
  const p = (i: number): [number, number] => [landmarks21x3[3 * i]!, landmarks21x3[3 * i + 1]!];
  const rotation = rotationFromVector(p(WRIST), p(MIDDLE_FINGER_BASE), Math.PI / 2);
  const c = Math.cos(rotation);
  const s = Math.sin(rotation);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const i of ROI_POINTS) {
    const [x, y] = p(i);
    const u = x * c + y * s;
    const v = -x * s + y * c;
    u0 = Math.min(u0, u);
    u1 = Math.max(u1, u);
    v0 = Math.min(v0, v);
    v1 = Math.max(v1, v);
  }
  const uc = (u0 + u1) / 2;
  const vc = (v0 + v1) / 2;
  const rect = { cx: uc * c - vc * s, cy: uc * s + vc * c, width: u1 - u0, height: v1 - v0, rotation };
  return adjustRect(rect, { scaleX: 2, scaleY: 2, shiftY: -0.1, squareLong: true });
}

interface HandResult {
  hand: HandAnalysis;
  roi: RotatedRect;
}

async function handLandmarks(ctx: AnalyseContext, roi: RotatedRect): Promise<HandResult | null> {
  throwIfAborted(ctx.signal);
  const m = HAND_LANDMARKS;
  const input = cropToTensor(ctx.pyramid, roi, m); // [1, 3, 224, 224], 0..1
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims: [1, 3, m.height, m.width], data: input } });
  const score = outputData(out, m.presence)[0]!;
  if (!(score >= MIN_PRESENCE)) return null;
  // MediaPipe's docs say its label assumes a mirrored selfie; on unmirrored photos the raw output
  // is the probability of the person's own right hand (checked on a frontal half-body photo with
  // both hands raised: the hand on the image's left, the person's right, scores 0.98).
  const right = outputData(out, m.handedness)[0]!;
  const handedness = right >= 0.5 ? 'right' : 'left';
  const keypoints = projectLandmarks(outputData(out, m.landmarks), 21, 3, m, roi);
  return { hand: { handedness, handednessScore: Math.max(right, 1 - right), score, keypoints }, roi };
}

export async function findHands(ctx: AnalyseContext): Promise<HandAnalysis[]> {
  const palms = await detect(ctx, PALM_DETECTOR_SPEC);
  const found: HandResult[] = [];
  for (const palm of palms.slice(0, MAX_HANDS)) {
    const first = await handLandmarks(ctx, roiFromPalm(palm));
    if (!first) continue;
    const refined = (await handLandmarks(ctx, roiFromHandLandmarks(first.hand.keypoints))) ?? first;
    if (!found.some((f) => rectBoundsIou(f.roi, refined.roi) > SAME_HAND_IOU)) found.push(refined);
  }
  return found.map((f) => f.hand);
}
