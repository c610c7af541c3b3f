/**
 * The inside of the mouth, for photos where it is closed: a cavity shaded
 * darker towards the throat, a row of upper teeth under the upper lip and a
 * tongue low in the mouth, tinted from the person's own lip colour so it
 * matches the face's lighting. A flat dark polygon reads as a hole; this
 * reads as a mouth.
 *
 * The texture's v runs from the upper inner lip (0) to the lower (1); u from
 * the subject's right corner (0) to the left (1). The mesh is a fan inside
 * the inner-lip contour, so it opens exactly as far as the lips part.
 */
import type { RgbaImage, RigMesh } from '../contracts/rig.ts';
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from './face-regions.ts';

const W = 160;
const H = 96;

const mix = (a: number, b: number, t: number) => a + (b - a) * t;
const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

export function mouthInteriorImage(lip: [number, number, number]): RgbaImage {
  const data = new Uint8Array(W * H * 4);
  const tongue = [mix(lip[0], 196, 0.5), mix(lip[1], 96, 0.5), mix(lip[2], 100, 0.5)];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5) / W;
      const v = (y + 0.5) / H;
      const du = (u - 0.5) / 0.5;
      // Cavity: the lip colour in deep shadow, darkest at the back of the throat.
      const throat = Math.exp(-((u - 0.5) ** 2) / 0.04 - ((v - 0.6) ** 2) / 0.06);
      let rgb = lip.map((c) => c * 0.28 * (1 - 0.6 * throat));
      // Upper teeth: a band under the upper lip, narrower than the mouth, with
      // gaps every eighth and shade towards the corners and the gums.
      const teethEdge = 0.3 - 0.12 * du * du;
      const inTeeth = smooth(0.82, 0.74, Math.abs(du)) * smooth(teethEdge + 0.03, teethEdge - 0.03, v);
      if (inTeeth > 0) {
        const gap = 1 - 0.22 * Math.exp(-((((u * 8) % 1) - 0.5) ** 2) / 0.004) * smooth(0.6, 0.1, Math.abs(du));
        const shade = (1 - 0.55 * du * du) * mix(0.8, 1, smooth(0, teethEdge, v)) * gap;
        rgb = rgb.map((c, i) => mix(c, [238, 232, 220][i]! * shade, inTeeth));
      }
      // Tongue: a soft ellipse low in the mouth, lit from the front.
      const t = ((u - 0.5) / 0.34) ** 2 + ((v - 1.02) / 0.42) ** 2;
      const inTongue = smooth(1, 0.8, t);
      if (inTongue > 0) rgb = rgb.map((c, i) => mix(c, tongue[i]! * (0.55 + 0.25 * (1 - t)), inTongue));
      // Corners of the mouth fall into shadow.
      const corner = smooth(0.7, 1, Math.abs(du));
      rgb = rgb.map((c) => c * (1 - 0.6 * corner));
      const o = (y * W + x) * 4;
      data[o] = Math.round(rgb[0]!);
      data[o + 1] = Math.round(rgb[1]!);
      data[o + 2] = Math.round(rgb[2]!);
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
