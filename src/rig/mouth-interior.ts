/**
 * The back of the mouth: a dark cavity inside the inner-lip contour, shaded
 * darker towards the throat and into the corners, in the person's own lip
 * colour so it matches the face's lighting. The teeth and tongue in front of
 * it are separate rigid pieces (teeth.ts); this only has to read as depth.
 *
 * The texture's v runs from the upper inner lip (0) to the lower (1); u from
 * the subject's right corner (0) to the left (1). The mesh is a fan inside
 * the inner-lip contour, so it opens exactly as far as the lips part.
 */
import type { RgbaImage, RigMesh } from '../contracts/rig.ts';
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from './face-regions.ts';
import { smoothstep } from './smoothstep.ts';
import { cavityColour } from './teeth.ts';

const W = 64;
const H = 48;

export function mouthInteriorImage(lip: [number, number, number]): RgbaImage {
  const data = new Uint8Array(W * H * 4);
  const base = cavityColour(lip);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5) / W;
      const v = (y + 0.5) / H;
      const throat = Math.exp(-((u - 0.5) ** 2) / 0.04 - ((v - 0.55) ** 2) / 0.06);
      const corner = smoothstep(0.7, 1, Math.abs(u - 0.5) / 0.5);
      const k = (1 - 0.6 * throat) * (1 - 0.6 * corner);
      const o = (y * W + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = Math.round(base[c]! * k);
      data[o + 3] = 255;
    }
  }
  return { width: W, height: H, data };
}

/** The contour the mouth layer fills: upper inner lip right→left, then lower inner lip left→right. */
export const MOUTH_CONTOUR = [...INNER_LIP_UPPER, ...INNER_LIP_LOWER] as const;

/**
 * A fan from the mouth's centre to the inner-lip contour. Positions are
 * placeholders: the deformer copies them from the deformed lips each frame.
 */
export function mouthInteriorMesh(): RigMesh {
  const n = MOUTH_CONTOUR.length + 1;
  const uvs = new Float32Array(n * 2);
  const upper = INNER_LIP_UPPER.length;
  const lower = INNER_LIP_LOWER.length;
  for (let k = 0; k < upper; k++) uvs.set([k / (upper - 1), 0], k * 2);
  // The lower lip runs from the left corner back towards the right, inset from both corners.
  for (let k = 0; k < lower; k++) uvs.set([1 - (k + 1) / (lower + 1), 1], (upper + k) * 2);
  uvs.set([0.5, 0.55], (n - 1) * 2);
  const indices: number[] = [];
  for (let k = 0; k < MOUTH_CONTOUR.length; k++) indices.push(n - 1, k, (k + 1) % MOUTH_CONTOUR.length);
  return { positions: new Float32Array(n * 3), uvs, opacity: new Float32Array(n).fill(1), indices: Uint32Array.from(indices) };
}
