/**
 * How much each body vertex rises with a breath or a shrug: most at the
 * shoulders, nothing at the head's outline (which never moves, so the body
 * and head layers stay joined) and fading towards the bottom of the photo.
 */
import type { FaceFrame } from '../contracts/rig.ts';
import { insidePolygon } from './layer-masks.ts';
import { smoothstep } from './smoothstep.ts';


export function torsoWeights(positions: Float32Array, f: FaceFrame, outline: readonly [number, number][]): Float32Array {
  const n = positions.length / 3;
  const w = new Float32Array(n);
  // The outline's lowest point: the body starts below the neck.
  const neckY = Math.max(...outline.map(([, y]) => y));
  for (let i = 0; i < n; i++) {
    const x = positions[i * 3]!;
    const y = positions[i * 3 + 1]!;
    if (insidePolygon(x, y, outline)) continue;
    const below = (y - f.headPivot[1]) / f.scale;
    const dist = Math.min(...outline.map(([ox, oy]) => Math.hypot(ox - x, oy - y))) / f.scale;
    w[i] = smoothstep(-0.5, 0.8, below) * smoothstep(0, 0.8, dist) * (1 - smoothstep(3, 9, (y - neckY) / f.scale));
  }
  return w;
}
