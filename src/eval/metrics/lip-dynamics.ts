/** How much the lips move at all: a mouth that barely moves can still correlate well with the voice. */
import { INNER_LIP_PAIRS, INNER_MOUTH_CORNERS } from './face-points.ts';
import { interOcularDistance, pointDistance } from './mouth-opening.ts';
import type { Landmarks } from './recording.ts';
import { mean, variance } from './stats.ts';

/** The lip distances of one frame over the inter-ocular distance: the five inner-lip pair gaps, then the inner mouth width (78–308). */
export function lipDistances(p: Landmarks): number[] {
  const iod = interOcularDistance(p);
  const pairs: (readonly [number, number])[] = [...INNER_LIP_PAIRS, INNER_MOUTH_CORNERS];
  return pairs.map(([a, b]) => pointDistance(p, a, b) / iod);
}

/**
 * Lip dynamics: the variance over time (frames with a face) of each of
 * lipDistances, averaged over the six distances. Units: (inter-ocular
 * distance)². Null with fewer than two frames with a face.
 */
export function lipDynamics(landmarks: readonly (Landmarks | null)[]): number | null {
  const frames = landmarks.filter((p): p is Landmarks => p !== null).map(lipDistances);
  if (frames.length < 2) return null;
  const perDistance = frames[0]!.map((_, k) => variance(frames.map((f) => f[k]!))!);
  return mean(perDistance);
}
