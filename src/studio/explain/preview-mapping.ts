/**
 * Photo pixels → CSS pixels of the preview box. The renderer maps its crop
 * rectangle onto the whole output frame (see mesh.wgsl: no letterbox, each
 * axis scaled on its own), so the overlay does exactly the same and its lines
 * sit on the pixels they describe.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** preview = photo × scale + offset, per axis. */
export interface PreviewMapping {
  sx: number;
  sy: number;
  ox: number;
  oy: number;
}

export function previewMapping(crop: Rect, width: number, height: number): PreviewMapping {
  if (!(crop.width > 0 && crop.height > 0)) throw new RangeError(`crop must have a positive size, got ${crop.width}×${crop.height}`);
  const sx = width / crop.width;
  const sy = height / crop.height;
  return { sx, sy, ox: 0 - crop.x * sx, oy: 0 - crop.y * sy }; // 0 − …: no −0 from a crop at the origin
}

export function toPreview(m: PreviewMapping, x: number, y: number): [number, number] {
  return [x * m.sx + m.ox, y * m.sy + m.oy];
}

/**
 * positions: vertices×3 (photo px, z ignored) → vertices×2 preview px. Written
 * into `out` when it is big enough, so a preview running at 25–60 fps does not
 * allocate a new array per frame.
 */
export function mapPositions(m: PreviewMapping, positions: Float32Array, out?: Float32Array): Float32Array {
  const n = positions.length / 3;
  const xy = out && out.length >= n * 2 ? out : new Float32Array(n * 2);
  for (let v = 0; v < n; v++) {
    xy[v * 2] = positions[v * 3]! * m.sx + m.ox;
    xy[v * 2 + 1] = positions[v * 3 + 1]! * m.sy + m.oy;
  }
  return xy;
}
