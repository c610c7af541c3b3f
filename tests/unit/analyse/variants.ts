/**
 * Test variants of a photo made in the test itself (rotated, scaled into a
 * larger canvas, mirrored, composed), each with the point transform that
 * carries hand-labelled points along, so no variant image is committed.
 */
import type { RgbaImage } from '../../../src/analyse/rgba-image.ts';

export type Point = [number, number];

export interface Variant {
  name: string;
  image: RgbaImage;
  /** Original photo pixel → variant pixel. */
  map(p: Point): Point;
  /** How much the variant scales lengths (for face width). */
  scale: number;
}

/** Fills an out-of-photo area: mid grey, like a studio backdrop, neither black nor a texture a detector could latch on to. */
const BACKDROP = 128;

/** Resamples `src` into a new canvas: `inverse` maps a canvas pixel centre to a source position (continuous coordinates). */
export function warp(src: RgbaImage, width: number, height: number, inverse: (x: number, y: number) => Point, into?: RgbaImage): RgbaImage {
  const out = into ?? { width, height, data: new Uint8Array(width * height * 4).fill(BACKDROP) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = inverse(x + 0.5, y + 0.5);
      const fx = sx - 0.5;
      const fy = sy - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= src.width || y0 + 1 >= src.height) continue;
      const wx = fx - x0;
      const wy = fy - y0;
      const o = (y * width + x) * 4;
      const p = (y0 * src.width + x0) * 4;
      const q = p + src.width * 4;
      for (let c = 0; c < 3; c++) {
        const top = src.data[p + c]! * (1 - wx) + src.data[p + 4 + c]! * wx;
        const bottom = src.data[q + c]! * (1 - wx) + src.data[q + 4 + c]! * wx;
        out.data[o + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
      out.data[o + 3] = 255;
    }
  }
  return out;
}

/** Rotation about the photo's centre by `degrees` clockwise on screen, into a canvas that holds the whole rotated photo. */
export function rotated(src: RgbaImage, degrees: number): Variant {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const width = Math.ceil(Math.abs(src.width * c) + Math.abs(src.height * s));
  const height = Math.ceil(Math.abs(src.width * s) + Math.abs(src.height * c));
  const map = ([x, y]: Point): Point => {
    const dx = x - src.width / 2;
    const dy = y - src.height / 2;
    return [width / 2 + dx * c - dy * s, height / 2 + dx * s + dy * c];
  };
  const image = warp(src, width, height, (x, y) => {
    const dx = x - width / 2;
    const dy = y - height / 2;
    return [src.width / 2 + dx * c + dy * s, src.height / 2 - dx * s + dy * c];
  });
  return { name: `rotated ${degrees}°`, image, map, scale: 1 };
}

/** The photo scaled by `scale` and placed at (left, top) in a larger grey canvas. */
export function placed(src: RgbaImage, width: number, height: number, scale: number, left: number, top: number, name = 'placed'): Variant {
  const image = warp(src, width, height, (x, y) => [(x - left) / scale, (y - top) / scale]);
  return { name, image, map: ([x, y]) => [left + x * scale, top + y * scale], scale };
}

export function mirrored(src: RgbaImage): Variant {
  const image = warp(src, src.width, src.height, (x, y) => [src.width - x, y]);
  return { name: 'mirrored', image, map: ([x, y]) => [src.width - x, y], scale: 1 };
}

/** Several copies of a photo, each scaled and placed, in one grey canvas. */
export function composed(src: RgbaImage, width: number, height: number, copies: { scale: number; left: number; top: number }[]): RgbaImage {
  let canvas: RgbaImage | undefined;
  for (const k of copies) {
    canvas = warp(src, width, height, (x, y) => [(x - k.left) / k.scale, (y - k.top) / k.scale], canvas);
  }
  return canvas!;
}
