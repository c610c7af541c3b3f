/**
 * Letterboxing: fit the whole photo into a model input with its aspect ratio
 * kept and the rest padded (MediaPipe's keep_aspect_ratio), and the inverse.
 *
 * The letterbox is expressed as an unrotated RotatedRect: the photo region,
 * padding included, that the input tensor covers. Cropping that rect with
 * affine-crop.ts *is* the letterbox, and rectToPhoto maps detections back, so
 * detectors and landmark models share one transform.
 */
import type { RotatedRect } from './rotated-roi.ts';

export interface Letterbox {
  rect: RotatedRect;
  /** Input pixels per photo pixel. */
  scale: number;
  /** Padding in input pixels on the left and on the top (the same again on the other side). */
  padX: number;
  padY: number;
}

/** `region` defaults to the whole photo; a sub-region letterboxes just that part (tiles, head crops). */
export function letterbox(
  photo: { width: number; height: number },
  input: { width: number; height: number },
  region: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, ...photo },
): Letterbox {
  const scale = Math.min(input.width / region.width, input.height / region.height);
  const rect: RotatedRect = {
    cx: region.x + region.width / 2,
    cy: region.y + region.height / 2,
    width: input.width / scale,
    height: input.height / scale,
    rotation: 0,
  };
  return { rect, scale, padX: (input.width - region.width * scale) / 2, padY: (input.height - region.height * scale) / 2 };
}

/** Input-tensor pixel → photo pixel. */
export function inputToPhoto(lb: Letterbox, x: number, y: number): [number, number] {
  return [lb.rect.cx + (x - (lb.rect.width * lb.scale) / 2) / lb.scale, lb.rect.cy + (y - (lb.rect.height * lb.scale) / 2) / lb.scale];
}

/** Photo pixel → input-tensor pixel. */
export function photoToInput(lb: Letterbox, x: number, y: number): [number, number] {
  return [(x - lb.rect.cx) * lb.scale + (lb.rect.width * lb.scale) / 2, (y - lb.rect.cy) * lb.scale + (lb.rect.height * lb.scale) / 2];
}
