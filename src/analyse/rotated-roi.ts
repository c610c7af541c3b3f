/**
 * Rotated regions of interest in photo pixels, and how MediaPipe derives them
 * from a detector's keypoints or a landmark set.
 *
 * A rect maps the unit square's local coordinates (u, v) ∈ [-0.5, 0.5]² to the
 * photo: p = centre + R(rotation) · (u·width, v·height). Working in pixels (not
 * MediaPipe's normalised coordinates) keeps squares square on non-square photos.
 */

export interface RotatedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  /** Radians, clockwise on screen (y points down). */
  rotation: number;
}

export interface RectAdjust {
  scaleX?: number;
  scaleY?: number;
  /** Shifts in units of the rect's own width/height, along its rotated axes. */
  shiftX?: number;
  shiftY?: number;
  /** Make the rect square with the longer side (MediaPipe's square_long). */
  squareLong?: boolean;
}

export function normaliseRadians(a: number): number {
  return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
}

/**
 * The rotation that turns the vector from `from` to `to` so that it points at
 * `targetAngle` (radians, counter-clockwise from +x with y up, as in MediaPipe's
 * DetectionsToRects: 0 for the eye line, 90° for wrist→fingers or hips→head).
 */
export function rotationFromVector(from: [number, number], to: [number, number], targetAngle: number): number {
  return normaliseRadians(targetAngle - Math.atan2(-(to[1] - from[1]), to[0] - from[0]));
}

export function adjustRect(r: RotatedRect, a: RectAdjust): RotatedRect {
  const { scaleX = 1, scaleY = 1, shiftX = 0, shiftY = 0 } = a;
  const c = Math.cos(r.rotation);
  const s = Math.sin(r.rotation);
  const dx = r.width * shiftX;
  const dy = r.height * shiftY;
  let width = r.width * scaleX;
  let height = r.height * scaleY;
  if (a.squareLong) width = height = Math.max(width, height);
  return { cx: r.cx + dx * c - dy * s, cy: r.cy + dx * s + dy * c, width, height, rotation: r.rotation };
}

/** Local (u, v) ∈ [-0.5, 0.5]² → photo pixels. */
export function rectToPhoto(r: RotatedRect, u: number, v: number): [number, number] {
  const c = Math.cos(r.rotation);
  const s = Math.sin(r.rotation);
  const x = u * r.width;
  const y = v * r.height;
  return [r.cx + x * c - y * s, r.cy + x * s + y * c];
}

/** Photo pixels → local (u, v); the inverse of rectToPhoto. */
export function photoToRect(r: RotatedRect, px: number, py: number): [number, number] {
  const c = Math.cos(r.rotation);
  const s = Math.sin(r.rotation);
  const dx = px - r.cx;
  const dy = py - r.cy;
  return [(dx * c + dy * s) / r.width, (-dx * s + dy * c) / r.height];
}

/** A rect centred on a box, turned by the keypoint vector (face: eye to eye; palm: wrist to middle finger). */
export function rectFromBoxAndKeypoints(
  box: { x: number; y: number; width: number; height: number },
  from: [number, number],
  to: [number, number],
  targetAngle: number,
): RotatedRect {
  return {
    cx: box.x + box.width / 2,
    cy: box.y + box.height / 2,
    width: box.width,
    height: box.height,
    rotation: rotationFromVector(from, to, targetAngle),
  };
}

/**
 * MediaPipe's "alignment points" rect (pose): centred on one keypoint, sized
 * by twice its distance to a second one (a circle around the body), turned so
 * the centre→scale vector points at the target angle.
 */
export function rectFromAlignmentPoints(centre: [number, number], scalePoint: [number, number], targetAngle: number): RotatedRect {
  const size = 2 * Math.hypot(scalePoint[0] - centre[0], scalePoint[1] - centre[1]);
  return { cx: centre[0], cy: centre[1], width: size, height: size, rotation: rotationFromVector(centre, scalePoint, targetAngle) };
}

/** Axis-aligned bounds of a set of points ([x, y, …] with `stride` values each), optionally only some indices. */
export function pointBounds(points: Float32Array, stride: number, indices?: readonly number[]): { x: number; y: number; width: number; height: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const n = indices ? indices.length : points.length / stride;
  for (let k = 0; k < n; k++) {
    const i = (indices ? indices[k]! : k) * stride;
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Area of the intersection over the union of two rects' axis-aligned bounds: enough to dedupe near-identical ROIs. */
export function rectBoundsIou(a: RotatedRect, b: RotatedRect): number {
  const ba = boundsOf(a);
  const bb = boundsOf(b);
  const w = Math.min(ba[2], bb[2]) - Math.max(ba[0], bb[0]);
  const h = Math.min(ba[3], bb[3]) - Math.max(ba[1], bb[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((ba[2] - ba[0]) * (ba[3] - ba[1]) + (bb[2] - bb[0]) * (bb[3] - bb[1]) - inter);
}

function boundsOf(r: RotatedRect): [number, number, number, number] {
  const c = Math.abs(Math.cos(r.rotation));
  const s = Math.abs(Math.sin(r.rotation));
  const hw = (r.width * c + r.height * s) / 2;
  const hh = (r.width * s + r.height * c) / 2;
  return [r.cx - hw, r.cy - hh, r.cx + hw, r.cy + hh];
}
