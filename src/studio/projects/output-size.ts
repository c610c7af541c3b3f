/**
 * The output video's size and the part of the photo it shows, from the
 * photo's size and the chosen presets.
 *
 * The rule: 720p, 1080p, 1440p and 4k name the output's SHORT side (720, 1080,
 * 1440, 2160), as video sizes do, so a portrait 1080p is 1080 × 1920. 512
 * names the LONG side: it is the quick draft size and must stay small
 * whatever the shape. Both sides are rounded to even numbers, because H.264
 * with 4:2:0 chroma cannot encode odd sizes, and at least 16 (the smallest
 * frame every encoder takes). Whatever the shape, the result fits 3840 × 2160
 * in one orientation or the other (the renderer's and H.264 level 5.1's
 * limit): a wide panorama at "4k" keeps its aspect and gets a shorter short
 * side rather than a 6480 px long one.
 *
 * The crop is the largest rectangle of the chosen aspect that fits inside the
 * photo, centred on the face when one is given (else on the photo), and kept
 * inside the photo. "photo" keeps the whole photo.
 */
import type { BoxPx } from '../../contracts/analysis.ts';
import type { CropPreset, ResolutionPreset } from './settings-store.ts';

export interface OutputSize {
  width: number;
  height: number;
  /** The rectangle of the photo, in photo pixels, that fills the output. */
  crop: BoxPx;
}

const SHORT_SIDE: Record<Exclude<ResolutionPreset, '512'>, number> = { '720p': 720, '1080p': 1080, '1440p': 1440, '4k': 2160 };
const ASPECT: Record<Exclude<CropPreset, 'photo'>, number> = { square: 1, '9:16': 9 / 16, '16:9': 16 / 9 };

const even = (x: number) => Math.max(16, 2 * Math.round(x / 2));
const MAX_LONG = 3840;
const MAX_SHORT = 2160;

export function outputSize(photoW: number, photoH: number, preset: ResolutionPreset, crop: CropPreset, face?: BoxPx): OutputSize {
  const box = cropBox(photoW, photoH, crop, face);
  const aspect = box.width / box.height;
  let width: number;
  let height: number;
  if (preset === '512') {
    const long = 512;
    [width, height] = aspect >= 1 ? [long, long / aspect] : [long * aspect, long];
  } else {
    const short = SHORT_SIDE[preset];
    [width, height] = aspect >= 1 ? [short * aspect, short] : [short, short / aspect];
  }
  const fit = Math.min(1, MAX_LONG / Math.max(width, height), MAX_SHORT / Math.min(width, height));
  width *= fit;
  height *= fit;
  return { width: even(width), height: even(height), crop: box };
}

function cropBox(photoW: number, photoH: number, crop: CropPreset, face?: BoxPx): BoxPx {
  if (crop === 'photo') return { x: 0, y: 0, width: photoW, height: photoH };
  const aspect = ASPECT[crop];
  const [width, height] = photoW / photoH > aspect ? [photoH * aspect, photoH] : [photoW, photoW / aspect];
  const cx = face ? face.x + face.width / 2 : photoW / 2;
  const cy = face ? face.y + face.height / 2 : photoH / 2;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return { x: clamp(cx - width / 2, photoW - width), y: clamp(cy - height / 2, photoH - height), width, height };
}
