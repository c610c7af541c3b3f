/**
 * The person matte at full photo resolution. The segmentation network sees
 * the photo at 256×256, so its mask is blurry and blocky once scaled to a
 * 12-megapixel photo; hair and shoulders would bleed into the background.
 *
 * Upsampling uses the fast guided filter (He & Sun, 2015, "Fast Guided
 * Filter", arXiv:1505.00996): fit, in every small window of a working-size
 * copy of the photo, the mask as a linear function of the photo's luminance
 * (q = a·I + b), smooth a and b, then evaluate a·I + b with the *full*
 * resolution luminance. Edges in the matte therefore follow edges in the
 * photo at its own resolution, at the cost of a filter on ~0.25 megapixels.
 */
import type { PersonMatte } from '../contracts/analysis.ts';
import { throwIfAborted } from './abort.ts';
import { cropToTensor } from './affine-crop.ts';
import { boxMean } from './box-filter.ts';
import { outputData, type AnalyseContext } from './model-seam.ts';
import { SELFIE_SEGMENTATION } from './model-specs.ts';
import type { RgbaImage } from './rgba-image.ts';

/** Long side of the working copy: the filter's cost is bounded whatever the photo's size. */
const WORK_LONG_SIDE = 512;
/** Window radius at working size: about one segmentation-mask pixel at 512 over 256, times four. */
const RADIUS = 4;
/** Regularisation (luminance in 0..1): larger keeps more of the network's own soft mask in flat regions. */
const EPS = 1e-3;
/**
 * The filtered matte is stretched so that below LOW is background and above
 * HIGH is person: on the astronaut photo the network leaves a faint (alpha
 * ~0.05-0.1) ghost of the flag beside her, which a composite would show as a
 * haze; edges between the two stay soft.
 */
const LOW = 0.12;
const HIGH = 0.88;

/** Person probability [256 × 256] over the whole photo, stretched (MediaPipe's selfie segmentation does not letterbox). */
export async function segmentPerson(ctx: AnalyseContext): Promise<Float32Array> {
  throwIfAborted(ctx.signal);
  const m = SELFIE_SEGMENTATION;
  const { width, height } = ctx.pyramid.base;
  const rect = { cx: width / 2, cy: height / 2, width, height, rotation: 0 };
  const input = cropToTensor(ctx.pyramid, rect, m); // [1, 3, 256, 256], 0..1
  const out = await ctx.runModel(m.id, { [m.input]: { type: 'float32', dims: [1, 3, m.height, m.width], data: input } });
  return outputData(out, m.mask);
}

/** Bilinear resample of a single-channel grid to another size (continuous coordinates, centres at +0.5). */
export function resizeBilinear(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const out = new Float32Array(dw * dh);
  const sx = sw / dw;
  const sy = sh / dh;
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const top = src[y0 * sw + x0]! * (1 - wx) + src[y0 * sw + x1]! * wx;
      const bottom = src[y1 * sw + x0]! * (1 - wx) + src[y1 * sw + x1]! * wx;
      out[y * dw + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}

function luminance(img: RgbaImage): Float32Array {
  const out = new Float32Array(img.width * img.height);
  const d = img.data;
  for (let i = 0; i < out.length; i++) out[i] = (0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]!) / 255;
  return out;
}

/**
 * mask: probabilities on a maskWidth × maskHeight grid covering the whole photo.
 * Returns the matte at the photo's full resolution.
 */
export function upsampleMatte(mask: Float32Array, maskWidth: number, maskHeight: number, ctx: Pick<AnalyseContext, 'pyramid'>): PersonMatte {
  const full = ctx.pyramid.base;
  const long = Math.max(full.width, full.height);
  const { image: work } = ctx.pyramid.levelFor(Math.max(1, long / WORK_LONG_SIDE));
  const w = work.width;
  const h = work.height;
  const I = luminance(work);
  const p = resizeBilinear(mask, maskWidth, maskHeight, w, h);
  const Ip = new Float32Array(w * h);
  const II = new Float32Array(w * h);
  for (let i = 0; i < I.length; i++) {
    Ip[i] = I[i]! * p[i]!;
    II[i] = I[i]! * I[i]!;
  }
  const mI = boxMean(I, w, h, RADIUS);
  const mp = boxMean(p, w, h, RADIUS);
  const mIp = boxMean(Ip, w, h, RADIUS);
  const mII = boxMean(II, w, h, RADIUS);
  const a = new Float32Array(w * h);
  const b = new Float32Array(w * h);
  for (let i = 0; i < a.length; i++) {
    const cov = mIp[i]! - mI[i]! * mp[i]!;
    const v = mII[i]! - mI[i]! * mI[i]!;
    a[i] = cov / (v + EPS);
    b[i] = mp[i]! - a[i]! * mI[i]!;
  }
  const ma = resizeBilinear(boxMean(a, w, h, RADIUS), w, h, full.width, full.height);
  const mb = resizeBilinear(boxMean(b, w, h, RADIUS), w, h, full.width, full.height);
  const alpha = new Uint8Array(full.width * full.height);
  const d = full.data;
  for (let i = 0; i < alpha.length; i++) {
    const lum = (0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]!) / 255;
    const q = (ma[i]! * lum + mb[i]! - LOW) / (HIGH - LOW);
    alpha[i] = q <= 0 ? 0 : q >= 1 ? 255 : Math.round(q * 255);
  }
  return { width: full.width, height: full.height, alpha };
}

export async function personMatte(ctx: AnalyseContext): Promise<PersonMatte> {
  const m = SELFIE_SEGMENTATION;
  return upsampleMatte(await segmentPerson(ctx), m.width, m.height, ctx);
}
