/**
 * Closed-eye lids. Pulling the upper-lid landmarks down onto the lower lid
 * closes the eye's outline, but it stretches the lash line and the lid crease
 * into a grey smear. This layer draws the lid as skin instead: a strip from
 * the crease to the lid edge, textured with the band of skin just above the
 * crease, faded in as a blink completes.
 */
import type { RigMesh } from '../contracts/rig.ts';
import { EYES } from './face-regions.ts';

export interface EyelidPatch {
  mesh: RigMesh;
  /** Each patch vertex sits at lerp(head[attach], head[attachTo], attachT). */
  attach: number[];
  attachTo: number[];
  attachT: number[];
  /** Extra drop of each vertex when the lid is fully shown, face units. */
  drop: number[];
}

/** Face units (eye distances) the closed lid's edge reaches past where the lids meet. */
const LID_OVERLAP = 0.035;

export function eyelidPatch(landmarks: Float32Array, side: 'left' | 'right', width: number, height: number): EyelidPatch {
  const e = EYES[side];
  const [outer, inner] = e.corners;
  const at = (i: number): [number, number] => [landmarks[i * 3]!, landmarks[i * 3 + 1]!];
  const uv = ([x, y]: [number, number]): [number, number] => [x / width, y / height];
  // A point `t` lid-heights above the crease, over upper-lid point k.
  const aboveCrease = (k: number, t: number): [number, number] => {
    const [cx, cy] = at(e.crease[k]!);
    const [ux, uy] = at(e.upper[k]!);
    return [cx + t * (cx - ux), cy + t * (cy - uy)];
  };
  // Three rows across the lid, sharing the two corners:
  //   edge   on the lid margin, showing the photo's own lash line;
  //   band   30% of the way up, already showing skin from above the crease,
  //          so the lashes stay a thin dark line instead of a smear;
  //   crease on the crease, showing skin higher still, half transparent.
  const attach: number[] = [outer, ...e.upper, inner];
  const attachTo: number[] = [outer, ...e.upper, inner];
  const attachT: number[] = attach.map(() => 0);
  const uvs: number[] = [...uv(at(outer)), ...e.upper.flatMap((u) => uv(at(u))), ...uv(at(inner))];
  const opacity: number[] = attach.map(() => 1);
  const drop: number[] = attach.map((_, k) => (k > 0 && k < attach.length - 1 ? LID_OVERLAP : 0));
  const rowStart = [0];
  for (const row of [
    { t: 0.3, sample: 0.5, alpha: 1, drop: LID_OVERLAP * 0.6 },
    { t: 1, sample: 1.5, alpha: 0.75, drop: 0 },
  ]) {
    rowStart.push(attach.length);
    e.upper.forEach((u, k) => {
      attach.push(u);
      attachTo.push(e.crease[k]!);
      attachT.push(row.t);
      uvs.push(...uv(aboveCrease(k, row.sample)));
      opacity.push(row.alpha);
      drop.push(row.drop);
    });
  }
  // Column c (0…8, corners at both ends) of row r.
  const columns = e.upper.length + 2;
  const vertex = (r: number, c: number) => (r === 0 ? c : c === 0 ? 0 : c === columns - 1 ? columns - 1 : rowStart[r]! + c - 1);
  const indices: number[] = [];
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < columns - 1; c++) {
      const a = vertex(r, c);
      const b = vertex(r, c + 1);
      const d = vertex(r + 1, c);
      const f = vertex(r + 1, c + 1);
      if (d !== a) indices.push(a, b, d);
      if (f !== b) indices.push(b, f, d);
    }
  }
  const n = attach.length;
  return {
    mesh: { positions: new Float32Array(n * 3), uvs: Float32Array.from(uvs), opacity: Float32Array.from(opacity), indices: Uint32Array.from(indices) },
    attach,
    attachTo,
    attachT,
    drop,
  };
}
