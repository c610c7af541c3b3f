/** Frame-to-frame shake of the landmarks, with the head's own motion taken out. */
import { IDENTITY_POINTS } from './face-points.ts';
import { interOcularDistance } from './mouth-opening.ts';
import type { Landmarks } from './recording.ts';
import { applySimilarity, fitSimilarity } from './similarity-fit.ts';

/** Every point of the 468-point mesh (the irises, 468–477, follow the gaze and are left out). */
export const MESH_POINTS: readonly number[] = Array.from({ length: 468 }, (_, i) => i);

/**
 * Each frame's landmarks in the reference's frame of the image plane: the 2D
 * similarity (translation, scale, roll) fitted on IDENTITY_POINTS that best
 * maps the frame onto the reference is applied, and coordinates are divided
 * by the reference's inter-ocular distance. Yaw and pitch stay in: they are
 * smooth, so they hardly reach a second difference. Null where no face.
 */
export function alignToReference(landmarks: readonly (Landmarks | null)[], reference: Landmarks): (Float64Array | null)[] {
  const iod = interOcularDistance(reference);
  return landmarks.map((p) => {
    if (!p) return null;
    const aligned = applySimilarity(p, fitSimilarity(p, reference, IDENTITY_POINTS, 2), 2);
    for (let i = 0; i < aligned.length; i++) aligned[i]! /= iod;
    return aligned;
  });
}

/**
 * Jitter: the mean over points and frames of |a(t+1) − 2a(t) + a(t−1)|, the
 * image-plane norm of each aligned point's second difference, in
 * inter-ocular distances per frame². Only frames whose neighbours both have
 * a face count. Pass MESH_POINTS for the whole face, STILL_POINTS for the
 * forehead and nose bridge. Null with fewer than three consecutive frames.
 */
export function jitter(aligned: readonly (Float64Array | null)[], indices: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  for (let t = 1; t + 1 < aligned.length; t++) {
    const [a, b, c] = [aligned[t - 1], aligned[t], aligned[t + 1]];
    if (!a || !b || !c) continue;
    for (const i of indices) {
      const dx = c[i * 3]! - 2 * b[i * 3]! + a[i * 3]!;
      const dy = c[i * 3 + 1]! - 2 * b[i * 3 + 1]! + a[i * 3 + 1]!;
      sum += Math.hypot(dx, dy);
      count++;
    }
  }
  return count === 0 ? null : sum / count;
}
