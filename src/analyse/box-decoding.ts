/**
 * Turns an SSD detector's raw outputs into scored boxes with keypoints, in
 * the input's normalised coordinates (0..1): MediaPipe's
 * TensorsToDetectionsCalculator for fixed-size anchors, box as
 * [x_centre, y_centre, w, h] then keypoints as [x, y] pairs, all offsets in
 * input pixels relative to the anchor centre.
 */
import { sigmoid } from './normalise.ts';

export interface DecodeOptions {
  /** Values per anchor in the regressor output (16 face, 12 pose, 18 palm). */
  numCoords: number;
  numKeypoints: number;
  /** Input size in pixels: the regressors are in input pixels. */
  inputWidth: number;
  inputHeight: number;
  minScore: number;
  /** Raw scores are clamped to ±this before the sigmoid, as MediaPipe does, so no logit overflows. */
  scoreClip: number;
}

/** A detection in some 2D frame: normalised input coordinates here, photo pixels after mapping. */
export interface Detection {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
  /** keypointsKx2 */
  keypoints: Float32Array;
}

/**
 * regressors: [1, N, numCoords]; scores: [1, N, 1] logits; anchors: N×2 from generateAnchors.
 */
export function decodeBoxes(regressors: Float32Array, scores: Float32Array, anchors: Float32Array, o: DecodeOptions): Detection[] {
  const n = anchors.length / 2;
  if (scores.length !== n || regressors.length !== n * o.numCoords) {
    throw new RangeError(`detector output has ${scores.length} scores and ${regressors.length / o.numCoords} boxes for ${n} anchors`);
  }
  const out: Detection[] = [];
  // Compare logits, not probabilities: one sigmoid per survivor instead of per anchor.
  const minLogit = Math.log(o.minScore / (1 - o.minScore));
  for (let i = 0; i < n; i++) {
    const logit = Math.max(-o.scoreClip, Math.min(o.scoreClip, scores[i]!));
    if (logit < minLogit) continue;
    const r = i * o.numCoords;
    const ax = anchors[2 * i]!;
    const ay = anchors[2 * i + 1]!;
    const cx = regressors[r]! / o.inputWidth + ax;
    const cy = regressors[r + 1]! / o.inputHeight + ay;
    const w = regressors[r + 2]! / o.inputWidth;
    const h = regressors[r + 3]! / o.inputHeight;
    const keypoints = new Float32Array(o.numKeypoints * 2);
    for (let k = 0; k < o.numKeypoints; k++) {
      keypoints[2 * k] = regressors[r + 4 + 2 * k]! / o.inputWidth + ax;
      keypoints[2 * k + 1] = regressors[r + 5 + 2 * k]! / o.inputHeight + ay;
    }
    if (w <= 0 || h <= 0) continue;
    out.push({ x: cx - w / 2, y: cy - h / 2, width: w, height: h, score: sigmoid(logit), keypoints });
  }
  return out;
}
