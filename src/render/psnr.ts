/**
 * Peak signal-to-noise ratio between two RGBA images, over RGB, optionally
 * only where a mask is set. Used by the render tests and by `npm run eval`.
 */
export function psnr(a: Uint8Array, b: Uint8Array, mask?: (pixel: number) => boolean): number {
  if (a.length !== b.length) throw new RangeError(`images differ in size: ${a.length} vs ${b.length} bytes`);
  let sum = 0;
  let count = 0;
  for (let p = 0; p < a.length / 4; p++) {
    if (mask && !mask(p)) continue;
    for (let c = 0; c < 3; c++) {
      const d = a[p * 4 + c]! - b[p * 4 + c]!;
      sum += d * d;
    }
    count += 3;
  }
  if (count === 0) throw new RangeError('the mask selects no pixel');
  const mse = sum / count;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
