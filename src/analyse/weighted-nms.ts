/**
 * Weighted non-maximum suppression (MediaPipe's WEIGHTED algorithm, after
 * BlazeFace): instead of keeping only the best box of an overlapping cluster,
 * average the cluster's boxes and keypoints weighted by score. Neighbouring
 * anchors fire on the same face with slightly different regressions, and the
 * average is steadier, especially from frame to frame.
 */
import type { Detection } from './box-decoding.ts';

export function iou(a: Detection, b: Detection): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Highest score first. The merged detection keeps the best member's score. */
export function weightedNms(detections: readonly Detection[], minIou: number, maxDetections = Infinity): Detection[] {
  const remaining = [...detections].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  while (remaining.length > 0 && kept.length < maxDetections) {
    const best = remaining[0]!;
    const cluster: Detection[] = [];
    const rest: Detection[] = [];
    for (const d of remaining) (d === best || iou(best, d) > minIou ? cluster : rest).push(d);
    remaining.length = 0;
    remaining.push(...rest);
    let total = 0;
    let x = 0;
    let y = 0;
    let x1 = 0;
    let y1 = 0;
    const keypoints = new Float32Array(best.keypoints.length);
    for (const d of cluster) {
      total += d.score;
      x += d.x * d.score;
      y += d.y * d.score;
      x1 += (d.x + d.width) * d.score;
      y1 += (d.y + d.height) * d.score;
      for (let k = 0; k < keypoints.length; k++) keypoints[k]! += d.keypoints[k]! * d.score;
    }
    for (let k = 0; k < keypoints.length; k++) keypoints[k]! /= total;
    kept.push({ x: x / total, y: y / total, width: (x1 - x) / total, height: (y1 - y) / total, score: best.score, keypoints });
  }
  return kept;
}
