/**
 * Iris centres for the 468-point mesh, which has none (per-frame tracking runs
 * the mesh model alone; photo analysis gets real irises from the attention
 * model). Each iris goes at the centroid of its eye's lid contour: right for a
 * subject looking ahead (the usual portrait), off by up to a third of the
 * eye's width when they look sideways.
 */
import { LEFT_EYE_CONTOUR, RIGHT_EYE_CONTOUR } from './face-mesh-indices.ts';

function centroid(landmarks: Float32Array, indices: readonly number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += landmarks[3 * i]!;
    y += landmarks[3 * i + 1]!;
  }
  return [x / indices.length, y / indices.length];
}

export function estimateIrisCentres(landmarks468x3: Float32Array): { right: [number, number]; left: [number, number]; estimated: true } {
  return { right: centroid(landmarks468x3, RIGHT_EYE_CONTOUR), left: centroid(landmarks468x3, LEFT_EYE_CONTOUR), estimated: true };
}
