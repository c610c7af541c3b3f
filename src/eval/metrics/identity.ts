/** Whether the animated face is still the person in the photo. */
import { IDENTITY_POINTS } from './face-points.ts';
import { interOcularDistance } from './mouth-opening.ts';
import type { Landmarks } from './recording.ts';
import { applySimilarity, fitSimilarity } from './similarity-fit.ts';
import { max, mean } from './stats.ts';

/**
 * Procrustes distance of one frame's shape to the reference's over `indices`
 * (default IDENTITY_POINTS, the face without mouth, jaw and eyelids): the
 * frame is mapped onto the reference by the least-squares similarity in 3D
 * (translation, scale and rotation removed, yaw and pitch included, since the
 * rig turns the head on purpose; MediaPipe's z shares x's pixel scale); the
 * distance is the RMS of the remaining point-to-point gaps divided by the
 * reference's inter-ocular distance. Unitless: 0.01 = points off by 1% of
 * the eye-to-eye span on average.
 */
export function procrustesDistance(frame: Landmarks, reference: Landmarks, indices: readonly number[] = IDENTITY_POINTS): number {
  const aligned = applySimilarity(frame, fitSimilarity(frame, reference, indices, 3), 3);
  let sum = 0;
  for (const i of indices) {
    for (let k = 0; k < 3; k++) sum += (aligned[i * 3 + k]! - reference[i * 3 + k]!) ** 2;
  }
  return Math.sqrt(sum / indices.length) / interOcularDistance(reference);
}

/** procrustesDistance over the frames with a face: mean and max, null when there is none. */
export function identityDrift(
  landmarks: readonly (Landmarks | null)[],
  reference: Landmarks,
): { mean: number | null; max: number | null } {
  const d = landmarks.filter((p): p is Landmarks => p !== null).map((p) => procrustesDistance(p, reference));
  return { mean: mean(d), max: max(d) };
}
