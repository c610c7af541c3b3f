/**
 * Coverage masks for the person layers, at a reduced resolution (masks are
 * soft, and a 12-megapixel mask per layer would bloat the cached rig):
 * the head layer takes the person inside its static outline, the body layer
 * the person outside it, so the two never draw the same pixel twice.
 */
import type { RgbaImage } from '../contracts/rig.ts';
import { dilate } from './plate-inpaint.ts';

const OVERLAP_TEXELS = 3;

export function insidePolygon(x: number, y: number, poly: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * @param person person coverage (0..255) at width × height
 * @param outline polygon in photo px
 * @param photoWidth photo width, to map the polygon to mask pixels
 */
export function splitByOutline(
  person: Uint8Array,
  width: number,
  height: number,
  outline: readonly [number, number][],
  photoWidth: number,
  /** Per texel, 255 where the photo's edge can be unmixed from the plate (plate-inpaint.ts); everywhere when absent. */
  unmixable?: Uint8Array,
): { inside: RgbaImage; outside: RgbaImage } {
  const s = width / photoWidth;
  const poly = outline.map(([x, y]) => [x * s, y * s] as [number, number]);
  const isIn = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) isIn[y * width + x] = insidePolygon(x + 0.5, y + 0.5, poly) ? 255 : 0;
  // The body reaches a few texels under the head's edge. Two complementary
  // masks composited with "over" would let what is behind leak through along
  // the seam (a + b − ab < 1); this way the head's anti-aliased edge lies on
  // body pixels that are the photo's own.
  const notDeepInside = dilate(isIn.map((v) => 255 - v), width, height, OVERLAP_TEXELS);
  const inside = new Uint8Array(width * height * 4).fill(255);
  const outside = new Uint8Array(width * height * 4).fill(255);
  for (let i = 0; i < width * height; i++) {
    inside[i * 4 + 3] = isIn[i] ? person[i]! : 0;
    outside[i * 4 + 3] = notDeepInside[i] ? person[i]! : 0;
    // Red: where the edge may be unmixed from the plate (mesh.wgsl). Not where
    // the head's edge lies on body pixels, which already give back the photo.
    const u = unmixable ? unmixable[i]! : 255;
    inside[i * 4] = isIn[i] && notDeepInside[i] ? 0 : u;
    outside[i * 4] = u;
  }
  return { inside: { width, height, data: inside }, outside: { width, height, data: outside } };
}
