/**
 * Output frame size and photo crop for a resolution preset and a crop shape.
 * Sizes are even (4:2:0 video) and at most 3840×2160 in either orientation.
 */
import type { CropRect } from '../../render/frame-renderer.ts';

export type ResolutionPreset = '512' | '720p' | '1080p' | '1440p' | '4k';
export type CropShape = 'photo' | 'square' | '9:16' | '16:9';

const SHORT_SIDE: Record<Exclude<ResolutionPreset, '512'>, number> = { '720p': 720, '1080p': 1080, '1440p': 1440, '4k': 2160 };
const LONG_MAX = 3840;
const SHORT_MAX = 2160;

const even = (n: number) => Math.max(16, 2 * Math.round(n / 2));

/** The largest rectangle of `aspect` (w/h) inside the photo, centred on `focus` (e.g. the face) and clamped inside. */
export function cropFor(photoW: number, photoH: number, shape: CropShape, focus?: { x: number; y: number }): CropRect {
  if (shape === 'photo') return { x: 0, y: 0, width: photoW, height: photoH };
  const aspect = shape === 'square' ? 1 : shape === '9:16' ? 9 / 16 : 16 / 9;
  let width = photoW;
  let height = width / aspect;
  if (height > photoH) {
    height = photoH;
    width = height * aspect;
  }
  const cx = focus?.x ?? photoW / 2;
  const cy = focus?.y ?? photoH / 2;
  const x = Math.min(Math.max(cx - width / 2, 0), photoW - width);
  const y = Math.min(Math.max(cy - height / 2, 0), photoH - height);
  return { x, y, width, height };
}

/**
 * '512' makes the long side 512 (quick previews and tests); the others name
 * the short side, like video presets do (1080p = 1920×1080 in 16:9).
 */
export function outputSize(crop: CropRect, preset: ResolutionPreset): { width: number; height: number } {
  const aspect = crop.width / crop.height;
  let width: number;
  let height: number;
  if (preset === '512') {
    width = aspect >= 1 ? 512 : 512 * aspect;
    height = aspect >= 1 ? 512 / aspect : 512;
  } else {
    const short = SHORT_SIDE[preset];
    width = aspect >= 1 ? short * aspect : short;
    height = aspect >= 1 ? short : short / aspect;
  }
  // Keep within the encoder's limits whatever the shape: scale down, never distort.
  const k = Math.min(1, LONG_MAX / Math.max(width, height), SHORT_MAX / Math.min(width, height));
  return { width: even(width * k), height: even(height * k) };
}
