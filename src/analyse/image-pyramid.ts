/**
 * Half-resolution levels of a photo, built on demand. Bilinear sampling alone
 * aliases badly when a 4000-pixel photo is squeezed into a 128-pixel detector
 * input (it reads 4 of every ~30 pixels); sampling from the level whose pixels
 * are about the size of the output's keeps every input pixel an average of
 * the area it covers, and is cheaper too.
 */
import type { RgbaImage } from './rgba-image.ts';

export class ImagePyramid {
  private readonly levels: RgbaImage[];

  constructor(base: RgbaImage) {
    this.levels = [base];
  }

  get base(): RgbaImage {
    return this.levels[0]!;
  }

  /**
   * The level for sampling at `sourcePerOutput` photo pixels per output pixel:
   * the coarsest one still at least as fine as the output, so bilinear
   * filtering there reads every source pixel at most once per output pixel.
   */
  levelFor(sourcePerOutput: number): { image: RgbaImage; factor: number } {
    let k = 0;
    while (2 ** (k + 1) <= sourcePerOutput && this.level(k + 1)) k++;
    return { image: this.level(k)!, factor: 2 ** k };
  }

  private level(k: number): RgbaImage | undefined {
    while (this.levels.length <= k) {
      const prev = this.levels[this.levels.length - 1]!;
      if (prev.width < 16 || prev.height < 16) return undefined;
      this.levels.push(halve(prev));
    }
    return this.levels[k];
  }
}

/** 2×2 box average. An odd last row/column is averaged with itself (edge replicate), so level k covers exactly 2^k photo pixels per pixel. */
function halve(src: RgbaImage): RgbaImage {
  const w = Math.ceil(src.width / 2);
  const h = Math.ceil(src.height / 2);
  const out = new Uint8Array(w * h * 4);
  const s = src.data;
  const sw = src.width;
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * sw * 4;
    const r1 = Math.min(2 * y + 1, src.height - 1) * sw * 4;
    for (let x = 0; x < w; x++) {
      const c0 = 8 * x;
      const c1 = Math.min(2 * x + 1, sw - 1) * 4;
      const o = (y * w + x) * 4;
      for (let ch = 0; ch < 4; ch++) {
        out[o + ch] = (s[r0 + c0 + ch]! + s[r0 + c1 + ch]! + s[r1 + c0 + ch]! + s[r1 + c1 + ch]! + 2) >> 2;
      }
    }
  }
  return { width: w, height: h, data: out };
}
