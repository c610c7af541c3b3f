/** Box-filtered downscale of RGBA and single-channel images: for plates and masks, which are soft by nature. */
import type { RgbaImage } from '../contracts/rig.ts';

/** The size that fits within `maxSide`, keeping the aspect ratio (never upscaling). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Averages every source pixel into the destination pixel it falls in. */
export function downscale(src: Uint8Array, sw: number, sh: number, channels: number, dw: number, dh: number): Uint8Array {
  if (sw === dw && sh === dh) return src.slice();
  const sum = new Float64Array(dw * dh * channels);
  const count = new Uint32Array(dw * dh);
  for (let y = 0; y < sh; y++) {
    const dy = Math.min(dh - 1, Math.floor((y * dh) / sh));
    for (let x = 0; x < sw; x++) {
      const d = dy * dw + Math.min(dw - 1, Math.floor((x * dw) / sw));
      count[d]!++;
      for (let c = 0; c < channels; c++) sum[d * channels + c] = sum[d * channels + c]! + src[(y * sw + x) * channels + c]!;
    }
  }
  const out = new Uint8Array(dw * dh * channels);
  for (let i = 0; i < dw * dh; i++) for (let c = 0; c < channels; c++) out[i * channels + c] = Math.round(sum[i * channels + c]! / Math.max(1, count[i]!));
  return out;
}

export function downscaleRgba(img: RgbaImage, maxSide: number): RgbaImage {
  const { width, height } = fitWithin(img.width, img.height, maxSide);
  return { width, height, data: downscale(img.data, img.width, img.height, 4, width, height) };
}
