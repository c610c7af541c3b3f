/**
 * RGBA → planar 4:2:0 in plain TypeScript, for the two places WebCodecs does
 * not do it for us: raw input for ffmpeg's libx264 (I420 is 2.7× smaller than
 * RGBA, so a segment holds more frames), and the alpha plane of a transparent
 * WebM (encoded as the luma of a second VP9 stream, the WebM alpha layout).
 */

/** Bytes of one I420 frame: full-size Y, quarter-size U and V. Width and height must be even. */
export const i420Size = (width: number, height: number): number => width * height * 1.5;

/**
 * BT.709 limited-range matrix (Y 16–235, C 16–240), the colour space the
 * fallback tags its H.264 stream with, so players convert back the same way.
 * Chroma is the average of each 2×2 block. Integer arithmetic, 8-bit fixed
 * point coefficients rounded so each chroma row sums to 0 (grey stays exactly
 * neutral): error ≤ 1 code value, far below what H.264 quantises away.
 */
export function rgbaToI420(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Uint8Array, at = 0): void {
  const ySize = width * height;
  const cw = width >> 1;
  const uAt = at + ySize;
  const vAt = uAt + (ySize >> 2);
  for (let y = 0; y < height; y++) {
    let p = y * width * 4;
    let o = at + y * width;
    for (let x = 0; x < width; x++, p += 4) {
      // Y = 16 + 219·(0.2126 R + 0.7152 G + 0.0722 B)/255, coefficients × 256.
      out[o++] = (16 * 256 + 47 * rgba[p]! + 157 * rgba[p + 1]! + 16 * rgba[p + 2]! + 128) >> 8;
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const p0 = (y * width + x) * 4;
      const p1 = p0 + width * 4;
      const r = rgba[p0]! + rgba[p0 + 4]! + rgba[p1]! + rgba[p1 + 4]!;
      const g = rgba[p0 + 1]! + rgba[p0 + 5]! + rgba[p1 + 1]! + rgba[p1 + 5]!;
      const b = rgba[p0 + 2]! + rgba[p0 + 6]! + rgba[p1 + 2]! + rgba[p1 + 6]!;
      const c = (y >> 1) * cw + (x >> 1);
      // Cb = 128 + 224·(−0.1146 R − 0.3854 G + 0.5 B)/255; Cr = 128 + 224·(0.5 R − 0.4542 G − 0.0458 B)/255.
      // r, g, b are sums of 4 pixels, hence the >> 10 (÷4 and ÷256).
      out[uAt + c] = (128 * 1024 - 26 * r - 86 * g + 112 * b + 512) >> 10;
      out[vAt + c] = (128 * 1024 + 112 * r - 102 * g - 10 * b + 512) >> 10;
    }
  }
}

/**
 * The alpha channel as an I420 frame: Y carries alpha unchanged (0 = clear,
 * 255 = opaque; decoders read the alpha stream's luma straight into the A
 * plane, with no range scaling), and the chroma planes are neutral.
 */
export function alphaToI420(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const ySize = width * height;
  const out = new Uint8Array(i420Size(width, height));
  for (let i = 0, p = 3; i < ySize; i++, p += 4) out[i] = rgba[p]!;
  out.fill(128, ySize);
  return out;
}
