/**
 * Which parts of the head layer the mesh view draws: the face's own
 * triangles (MediaPipe's canonical mesh over the landmarks, without the
 * hair/neck rings around it), each edge once, and the feature contours a
 * class can name (eyes, lips, face outline).
 */
import type { Rig, RigLayer } from '../../contracts/rig.ts';
import { FACE_OVAL, INNER_LIP_LOWER, INNER_LIP_UPPER, OUTER_LIP_LOWER, OUTER_LIP_UPPER } from '../../rig/face-regions.ts';
import { eyeOutline } from '../../rig/eyes.ts';

export function headLayerIndex(rig: Rig): number {
  return rig.layers.findIndex((l) => l.name === 'head');
}

/** Triangles (triangles×3 vertex indices) whose three corners are all face landmarks. */
export function faceTriangles(layer: RigLayer): Uint32Array {
  const n = layer.faceVertexCount ?? 0;
  const idx = layer.mesh.indices;
  const out: number[] = [];
  for (let i = 0; i + 2 < idx.length; i += 3) {
    const a = idx[i]!, b = idx[i + 1]!, c = idx[i + 2]!;
    if (a < n && b < n && c < n) out.push(a, b, c);
  }
  return Uint32Array.from(out);
}

/**
 * Every edge of a triangle list once (edges×2, smaller index first). Shared
 * edges drawn twice would double the stroke's alpha and make the inner mesh
 * look heavier than its border.
 */
export function uniqueEdges(triangles: ArrayLike<number>): Uint32Array {
  const seen = new Set<number>();
  const out: number[] = [];
  let stride = 1;
  for (let i = 0; i < triangles.length; i++) stride = Math.max(stride, triangles[i]! + 1);
  for (let i = 0; i + 2 < triangles.length; i += 3) {
    for (const [p, q] of [[0, 1], [1, 2], [2, 0]] as const) {
      const a = triangles[i + p]!, b = triangles[i + q]!;
      const lo = Math.min(a, b), hi = Math.max(a, b);
      const key = lo * stride + hi;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(lo, hi);
    }
  }
  return Uint32Array.from(out);
}

export interface Contour {
  /** Which feature: picks the colour. */
  feature: 'eye' | 'lips' | 'oval';
  points: readonly number[];
  closed: boolean;
}

/** Landmark contours of the features, as face-regions.ts and eyes.ts name them, in order along each. */
export const FEATURE_CONTOURS: readonly Contour[] = [
  { feature: 'oval', points: FACE_OVAL, closed: true },
  { feature: 'eye', points: eyeOutline('right'), closed: true },
  { feature: 'eye', points: eyeOutline('left'), closed: true },
  { feature: 'lips', points: [...OUTER_LIP_UPPER, ...OUTER_LIP_LOWER], closed: true },
  { feature: 'lips', points: [...INNER_LIP_UPPER, ...INNER_LIP_LOWER], closed: true },
];

/** Contours whose every point is a face vertex of this layer (a rig from a 468-point face has them all). */
export function contoursFor(layer: RigLayer): Contour[] {
  const n = layer.faceVertexCount ?? 0;
  return FEATURE_CONTOURS.filter((c) => c.points.every((i) => i < n));
}
