/**
 * Measurements on 468-point face landmarks (x, y in px; z ignored), shared by
 * the render acceptance tests and `npm run eval`.
 */
import { EYES } from '../rig/face-regions.ts';

type Landmarks = ArrayLike<number>;

const dist = (p: Landmarks, a: number, b: number) => Math.hypot(p[a * 3]! - p[b * 3]!, p[a * 3 + 1]! - p[b * 3 + 1]!);

/** Forehead top (10) to chin (152). */
export function faceHeight(p: Landmarks): number {
  return dist(p, 10, 152);
}

/** Gap between the inner lips at their middle (13 upper, 14 lower), px. */
export function innerLipGap(p: Landmarks): number {
  return dist(p, 13, 14);
}

/** Eye aspect ratio: mean lid gap over two pairs, divided by the corner-to-corner width. Open eyes ≈ 0.25–0.35, closed < 0.1. */
export function eyeAspectRatio(p: Landmarks, side: 'right' | 'left'): number {
  const e = EYES[side];
  // Pairs one third and two thirds along the lids.
  const gap = (dist(p, e.upper[2]!, e.lower[2]!) + dist(p, e.upper[4]!, e.lower[4]!)) / 2;
  return gap / dist(p, e.corners[0], e.corners[1]);
}
