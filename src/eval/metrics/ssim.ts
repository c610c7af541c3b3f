/**
 * Structural similarity (Wang, Bovik, Sheikh & Simoncelli, IEEE TIP 2004) on
 * luma, with their 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03 and
 * L = 255, averaged over every window position that lies wholly inside the
 * image. 1 = identical; it falls towards 0 as structure is lost.
 */

/** A grayscale (width·height values) or RGBA (width·height·4 bytes) image, 0–255, like ImageData. */
export interface PlainImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

const WINDOW = 11;
const SIGMA = 1.5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

const KERNEL = (() => {
  const k = Array.from({ length: WINDOW }, (_, i) => Math.exp(-((i - (WINDOW - 1) / 2) ** 2) / (2 * SIGMA * SIGMA)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
})();

/** Luma per pixel; RGBA uses BT.601 weights (what the SSIM paper's test images and most tools use), alpha ignored. */
export function luma(image: PlainImage): Float64Array {
  const n = image.width * image.height;
  const out = new Float64Array(n);
  if (image.data.length === n) {
    for (let i = 0; i < n; i++) out[i] = image.data[i]!;
  } else if (image.data.length === n * 4) {
    const d = image.data;
    for (let i = 0; i < n; i++) out[i] = 0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!;
  } else {
    throw new RangeError(`image data has ${image.data.length} values for ${image.width}×${image.height}: neither grayscale nor RGBA`);
  }
  return out;
}

/** Gaussian-weighted local mean of every full window ('valid' region), separably. */
function blur(v: Float64Array, width: number, height: number): Float64Array {
  const ow = width - WINDOW + 1;
  const oh = height - WINDOW + 1;
  const rows = new Float64Array(ow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k < WINDOW; k++) s += KERNEL[k]! * v[y * width + x + k]!;
      rows[y * ow + x] = s;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k < WINDOW; k++) s += KERNEL[k]! * rows[(y + k) * ow + x]!;
      out[y * ow + x] = s;
    }
  }
  return out;
}

/** Mean SSIM of two same-size images (each grayscale or RGBA); at least 11×11 px. */
export function ssim(a: PlainImage, b: PlainImage): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`images differ in size: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
  const { width, height } = a;
  if (width < WINDOW || height < WINDOW) throw new RangeError(`SSIM needs at least ${WINDOW}×${WINDOW} px, got ${width}×${height}`);
  const x = luma(a);
  const y = luma(b);
  const n = width * height;
  const xx = new Float64Array(n);
  const yy = new Float64Array(n);
  const xy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xx[i] = x[i]! * x[i]!;
    yy[i] = y[i]! * y[i]!;
    xy[i] = x[i]! * y[i]!;
  }
  const [mx, my, mxx, myy, mxy] = [x, y, xx, yy, xy].map((v) => blur(v, width, height)) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  let sum = 0;
  for (let i = 0; i < mx.length; i++) {
    const ux = mx[i]!;
    const uy = my[i]!;
    const vx = mxx[i]! - ux * ux;
    const vy = myy[i]! - uy * uy;
    const cxy = mxy[i]! - ux * uy;
    sum += ((2 * ux * uy + C1) * (2 * cxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
  }
  return sum / mx.length;
}
