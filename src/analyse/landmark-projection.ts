/**
 * Landmark models answer in their own input's pixels; these map the answers
 * back to the photo through the rect that was cropped. z is scaled by the
 * same factor as x (input pixels → photo pixels), so a head's depth stays in
 * proportion to its width whatever the photo's resolution.
 */
import type { Detection } from './box-decoding.ts';
import { rectToPhoto, type RotatedRect } from './rotated-roi.ts';

/**
 * raw: `count` points of `stride` values (x, y, z first) in input pixels.
 * Returns landmarksNx3 in photo pixels.
 */
export function projectLandmarks(
  raw: Float32Array,
  count: number,
  stride: number,
  input: { width: number; height: number },
  rect: RotatedRect,
): Float32Array {
  const out = new Float32Array(count * 3);
  const zScale = rect.width / input.width;
  for (let i = 0; i < count; i++) {
    const [x, y] = rectToPhoto(rect, raw[i * stride]! / input.width - 0.5, raw[i * stride + 1]! / input.height - 0.5);
    out[i * 3] = x;
    out[i * 3 + 1] = y;
    out[i * 3 + 2] = raw[i * stride + 2]! * zScale;
  }
  return out;
}

/**
 * A detection in normalised input coordinates → photo pixels, for an
 * unrotated rect (letterboxes and axis-aligned tiles: the only rects
 * detectors are run on here).
 */
export function detectionToPhoto(d: Detection, rect: RotatedRect): Detection {
  const [x, y] = rectToPhoto(rect, d.x - 0.5, d.y - 0.5);
  const keypoints = new Float32Array(d.keypoints.length);
  for (let k = 0; k < keypoints.length; k += 2) {
    const [kx, ky] = rectToPhoto(rect, d.keypoints[k]! - 0.5, d.keypoints[k + 1]! - 0.5);
    keypoints[k] = kx;
    keypoints[k + 1] = ky;
  }
  return { x, y, width: d.width * rect.width, height: d.height * rect.height, score: d.score, keypoints };
}
