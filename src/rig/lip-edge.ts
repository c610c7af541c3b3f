/**
 * The lips' inner edges for a mouth the photo shows closed. Between closed
 * lips the photo has a dark line, the shadow in the slit. Opening the mouth
 * splits it between the lips: the upper lip's lower edge and the lower lip's
 * upper edge each carry half of it, and the opening gets a dark outline, like
 * a hole cut out of the face. A parted lip's inner edge is lip: the moist
 * inner side rolls into view, lit like the rest of the lip.
 *
 * Two strips, one per lip, from the inner lip contour to the next ring of
 * landmarks out, ride on the head's lip vertices and fade in as the lips
 * part (mesh-deform.ts). They show the photo's lips with the slit's shadow
 * painted out from the lip beside it.
 */
import type { RgbaImage, RigMesh } from '../contracts/rig.ts';
import { insidePolygon } from './layer-masks.ts';
import { cropAround } from './photo-crop.ts';
import { dilate, inpaintPlate } from './plate-inpaint.ts';

/** Upper lip, right corner to left: the inner contour and the ring of landmarks just outside it (MediaPipe's mesh keeps them index for index). */
const UPPER_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308] as const;
const UPPER_RING = [62, 183, 42, 41, 38, 12, 268, 271, 272, 407, 292] as const;
/** Lower lip, left corner to right, sharing the corners with the upper lip. */
const LOWER_INNER = [308, 324, 318, 402, 317, 14, 87, 178, 88, 95, 78] as const;
const LOWER_RING = [292, 325, 319, 403, 316, 15, 86, 179, 89, 96, 62] as const;
/** Lip pixels darker than this share of the brightest lip near them are the slit's shadow. */
const DARK_SHARE = 0.8;

type Xy = [number, number];
const point = (landmarks: ArrayLike<number>, i: number): Xy => [landmarks[i * 3]!, landmarks[i * 3 + 1]!];

export interface LipEdgeStrip {
  mesh: RigMesh;
  /** Each vertex sits on head vertex attach[i]. */
  attach: number[];
}

/**
 * The photo's lips with the slit's shadow painted out: the crop around the
 * lips, where pixels between the two rings next to the slit that are darker
 * than the lip beside them are filled from the lip around them.
 * @param photo any resolution with the photo's aspect (photoWidth px wide at full size)
 */
export function lipEdgeImage(photo: RgbaImage, photoWidth: number, landmarks: ArrayLike<number>): { image: RgbaImage; box: [number, number, number, number] } {
  const slit = [...UPPER_RING, ...LOWER_RING.slice(1, -1)].map((i) => point(landmarks, i));
  const xs = slit.map((p) => p[0]);
  const mouthWidth = Math.max(...xs) - Math.min(...xs);
  const { image: cropped, toLocal, box, scale } = cropAround(photo, photoWidth, slit, 0.25 * mouthWidth);
  const { width: w, height: h, data: crop } = cropped;
  const slitLocal = slit.map(toLocal);
  const luma = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) luma[i] = 0.3 * crop[i * 4]! + 0.59 * crop[i * 4 + 1]! + 0.11 * crop[i * 4 + 2]!;
  const brightest = dilate(luma, w, h, Math.max(1, Math.round(0.06 * mouthWidth * scale)));
  const unknown = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (insidePolygon(x + 0.5, y + 0.5, slitLocal) && luma[i]! < DARK_SHARE * brightest[i]!) unknown[i] = 255;
    }
  const image = inpaintPlate(cropped, unknown, 0);
  for (let i = 0; i < w * h; i++) image.data[i * 4 + 3] = 255;
  return { image, box };
}

/** The strip along one lip's inner edge, textured from lipEdgeImage (uv over its box). */
export function lipEdgeStrip(landmarks: ArrayLike<number>, lip: 'upper' | 'lower', box: [number, number, number, number]): LipEdgeStrip {
  const [inner, ring] = lip === 'upper' ? [UPPER_INNER, UPPER_RING] : [LOWER_INNER, LOWER_RING];
  const attach = [...inner, ...ring];
  const uvs = attach.flatMap((i) => {
    const [x, y] = point(landmarks, i);
    return [(x - box[0]) / box[2], (y - box[1]) / box[3]];
  });
  const n = inner.length;
  const indices: number[] = [];
  for (let c = 0; c + 1 < n; c++) indices.push(c, c + 1, n + c, c + 1, n + c + 1, n + c);
  return {
    mesh: { positions: new Float32Array(attach.length * 3), uvs: Float32Array.from(uvs), opacity: new Float32Array(attach.length).fill(1), indices: Uint32Array.from(indices) },
    attach,
  };
}
