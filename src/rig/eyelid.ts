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
  /** Head-layer vertex (= landmark) each patch vertex sits on. */
  attach: number[];
}

export function eyelidPatch(landmarks: Float32Array, side: 'left' | 'right', width: number, height: number): EyelidPatch {
  const e = EYES[side];
  const [outer, inner] = e.corners;
  // Lid edge: corner, upper lid, corner. Crease above it, with the corners shared.
  const edge = [outer, ...e.upper, inner];
  const crease = [outer, ...e.crease, inner];
  const attach = [...edge, ...crease.slice(1, -1)];
  const n = attach.length;
  const uvs = new Float32Array(n * 2);
  const at = (i: number): [number, number] => [landmarks[i * 3]!, landmarks[i * 3 + 1]!];
  // Edge vertices sample the crease; crease vertices sample one lid-height higher: the skin above.
  edge.forEach((li, k) => {
    const [cx, cy] = at(crease[k]!);
    uvs.set([cx / width, cy / height], k * 2);
  });
  crease.slice(1, -1).forEach((ci, k) => {
    const [cx, cy] = at(ci);
    const [ux, uy] = at(e.upper[k]!);
    uvs.set([(2 * cx - ux) / width, (2 * cy - uy) / height], (edge.length + k) * 2);
  });
  const indices: number[] = [];
  const creaseVertex = (k: number) => (k === 0 ? 0 : k === edge.length - 1 ? edge.length - 1 : edge.length + k - 1);
  for (let k = 0; k < edge.length - 1; k++) {
    const a = k;
    const b = k + 1;
    const c = creaseVertex(k);
    const d = creaseVertex(k + 1);
    if (c !== a) indices.push(a, b, c);
    if (d !== b) indices.push(b, d, c);
  }
  // Fade the patch out towards the crease so its upper edge melts into the lid skin.
  const opacity = new Float32Array(n).fill(1);
  for (let k = edge.length; k < n; k++) opacity[k] = 0.35;
  return { mesh: { positions: new Float32Array(n * 3), uvs, opacity, indices: Uint32Array.from(indices) }, attach };
}
