/**
 * A padded box of the photo around some landmarks, copied out at the
 * resolution the photo is given in: the small textures the rig paints (eye
 * whites, lid skin, lip edges) start from one.
 */
import type { RgbaImage } from '../contracts/rig.ts';

export interface PhotoCrop {
  /** The copied pixels, w × h. */
  image: RgbaImage;
  /** Photo px (full size) → crop px. */
  toLocal(p: readonly [number, number]): [number, number];
  /** The crop's box in full-size photo px: x, y, width, height. */
  box: [number, number, number, number];
  /** Crop px per full-size photo px. */
  scale: number;
}

/**
 * @param photo any resolution with the photo's aspect (photoWidth px wide at full size)
 * @param points full-size photo px
 * @param pad full-size photo px added on every side, clamped to the photo
 */
export function cropAround(photo: RgbaImage, photoWidth: number, points: readonly (readonly [number, number])[], pad: number): PhotoCrop {
  const s = photo.width / photoWidth;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor((Math.min(...xs) - pad) * s));
  const y0 = Math.max(0, Math.floor((Math.min(...ys) - pad) * s));
  const x1 = Math.min(photo.width, Math.ceil((Math.max(...xs) + pad) * s));
  const y1 = Math.min(photo.height, Math.ceil((Math.max(...ys) + pad) * s));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) data.set(photo.data.subarray(((y0 + y) * photo.width + x0) * 4, ((y0 + y) * photo.width + x0 + w) * 4), y * w * 4);
  return {
    image: { width: w, height: h, data },
    toLocal: ([x, y]) => [x * s - x0, y * s - y0],
    box: [x0 / s, y0 / s, w / s, h / s],
    scale: s,
  };
}
