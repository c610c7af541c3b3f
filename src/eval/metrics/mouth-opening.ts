/** How far the lips part, relative to the face's size. */
import { INNER_LIP_PAIRS, OUTER_EYE_CORNERS } from './face-points.ts';
import type { Landmarks } from './recording.ts';

/** Image-plane (x, y) distance between two landmarks, px. z is left out, as in face-measures.ts: it is the least reliable coordinate. */
export function pointDistance(p: Landmarks, a: number, b: number): number {
  return Math.hypot(p[a * 3]! - p[b * 3]!, p[a * 3 + 1]! - p[b * 3 + 1]!);
}

/** Inter-ocular distance: outer eye corner to outer eye corner (33–263), px. */
export function interOcularDistance(p: Landmarks): number {
  return pointDistance(p, OUTER_EYE_CORNERS[0], OUTER_EYE_CORNERS[1]);
}

/**
 * Mouth opening of one frame: the mean distance of the five facing inner-lip
 * pairs (INNER_LIP_PAIRS), divided by the inter-ocular distance. Unitless;
 * closed lips ≈ 0, a wide-open mouth ≈ 0.5.
 */
export function mouthOpening(p: Landmarks): number {
  let sum = 0;
  for (const [upper, lower] of INNER_LIP_PAIRS) sum += pointDistance(p, upper, lower);
  return sum / INNER_LIP_PAIRS.length / interOcularDistance(p);
}

/** mouthOpening per frame; null where no face was found. */
export function mouthOpeningTrack(landmarks: readonly (Landmarks | null)[]): (number | null)[] {
  return landmarks.map((p) => (p ? mouthOpening(p) : null));
}
