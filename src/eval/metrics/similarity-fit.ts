/**
 * Least-squares similarity transform (scale, rotation, translation) taking
 * one landmark set onto another: Horn's closed-form quaternion solution
 * (J. Opt. Soc. Am. A 4(4), 1987). Rotation is proper (no reflections).
 */
import type { Landmarks } from './recording.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

export interface Similarity {
  scale: number;
  /** Row-major 3×3 rotation. */
  rotation: number[];
  translation: [number, number, number];
}

/** Which coordinates take part: 3 = x, y, z; 2 = the image plane only (z read as 0, so the rotation is about the view axis). */
export type FitDims = 2 | 3;

const coord = (p: Landmarks, i: number, c: number, dims: FitDims) => (c === 2 && dims === 2 ? 0 : p[i * 3 + c]!);

function centroid(p: Landmarks, indices: readonly number[], dims: FitDims): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (const i of indices) for (let k = 0; k < 3; k++) c[k]! += coord(p, i, k, dims);
  return [c[0] / indices.length, c[1] / indices.length, c[2] / indices.length];
}

/** The similarity that best maps `source` onto `target` over `indices` (least squares, target's units). */
export function fitSimilarity(source: Landmarks, target: Landmarks, indices: readonly number[], dims: FitDims = 3): Similarity {
  if (indices.length < 3) throw new RangeError('fitSimilarity needs at least 3 points');
  const cs = centroid(source, indices, dims);
  const ct = centroid(target, indices, dims);
  // S[a][b] = Σ source_a · target_b over the centred points.
  const S = new Array<number>(9).fill(0);
  let sourceSq = 0;
  for (const i of indices) {
    for (let a = 0; a < 3; a++) {
      const sa = coord(source, i, a, dims) - cs[a]!;
      sourceSq += sa * sa;
      for (let b = 0; b < 3; b++) S[a * 3 + b]! += sa * (coord(target, i, b, dims) - ct[b]!);
    }
  }
  const [xx, xy, xz, yx, yy, yz, zx, zy, zz] = S as [number, number, number, number, number, number, number, number, number];
  const N = [
    xx + yy + zz, yz - zy, zx - xz, xy - yx,
    yz - zy, xx - yy - zz, xy + yx, zx + xz,
    zx - xz, xy + yx, -xx + yy - zz, yz + zy,
    xy - yx, zx + xz, yz + zy, -xx - yy + zz,
  ];
  const { values, vectors } = symmetricEigen(N, 4);
  let best = 0;
  for (let k = 1; k < 4; k++) if (values[k]! > values[best]!) best = k;
  const [w, x, y, z] = [0, 1, 2, 3].map((r) => vectors[r * 4 + best]!) as [number, number, number, number];
  const rotation = [
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  ];
  // Σ (R s)·t over centred points is the largest eigenvalue; dividing by Σ|s|² gives the least-squares scale.
  const scale = sourceSq > 0 ? values[best]! / sourceSq : 1;
  const rc = applyRotation(rotation, cs);
  return { scale, rotation, translation: [ct[0] - scale * rc[0], ct[1] - scale * rc[1], ct[2] - scale * rc[2]] };
}

function applyRotation(r: readonly number[], v: readonly number[]): [number, number, number] {
  return [
    r[0]! * v[0]! + r[1]! * v[1]! + r[2]! * v[2]!,
    r[3]! * v[0]! + r[4]! * v[1]! + r[5]! * v[2]!,
    r[6]! * v[0]! + r[7]! * v[1]! + r[8]! * v[2]!,
  ];
}

/** Every point of `p` moved by the similarity (x,y,z interleaved; with dims 2, z is read as 0). */
export function applySimilarity(p: Landmarks, t: Similarity, dims: FitDims = 3): Float64Array {
  const count = Math.floor(p.length / 3);
  const out = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    const r = applyRotation(t.rotation, [p[i * 3]!, p[i * 3 + 1]!, dims === 2 ? 0 : p[i * 3 + 2]!]);
    for (let k = 0; k < 3; k++) out[i * 3 + k] = t.scale * r[k]! + t.translation[k]!;
  }
  return out;
}
