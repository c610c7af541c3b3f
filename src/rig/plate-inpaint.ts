/**
 * The background plate: the photo with the person filled in, so a head that
 * turns or a jaw that opens never shows a hole. Push-pull inpainting: known
 * pixels (clear of the person) are averaged down an image pyramid, and each
 * unknown pixel takes the colour of the coarsest level that reached it. It
 * gives a smooth continuation of the surroundings, which is all a revealed
 * sliver beside a moving head needs.
 */
import type { RgbaImage } from '../contracts/rig.ts';
import { smoothstep } from './smoothstep.ts';
import { SRGB_TO_LINEAR } from './srgb.ts';
import { leastCoverage } from './unmix.ts';

/**
 * Fills a region (eye whites, lids) from around it, keeping the photo where the mask is soft.
 * @param photo the photo at plate resolution
 * @param person person coverage at the same size, 0..255
 * @param dilatePx pixels this close to the person are treated as unknown too (hair wisps, matte error)
 */
export function inpaintPlate(photo: RgbaImage, person: Uint8Array, dilatePx: number): RgbaImage {
  const { width: w, height: h } = photo;
  const filled = pushPull(photo, person, dilatePx);
  // Where the matte is soft (hair, an unsure edge) the plate keeps the photo:
  // the person layers blend over it at partial alpha, and a filled colour
  // there would tint the untouched photo. Only the solid core is replaced.
  const out = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const t = smoothstep(150, 240, person[i]!);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(photo.data[i * 4 + c]! * (1 - t) + filled[i * 3 + c]! * t);
    out[i * 4 + 3] = person[i]!;
  }
  return { width: w, height: h, data: out };
}

/**
 * The background plate behind the person layers. Opaque wherever the person
 * has any coverage, soft edge included: there the person layers take this
 * colour back out of the photo's edge pixels (`under` in mesh.wgsl), so at
 * rest the photo comes back exactly, and where the head moves away the
 * background shows with no outline of the old edge (with the soft band kept
 * as photo, as inpaintPlate does, a turned head left a thin dark line of its
 * old hair edge on the backdrop).
 *
 * That needs each edge pixel to be person × coverage + plate × (1 − coverage)
 * with a person colour in range. The matte is soft and a pixel or two off:
 * where its coverage cannot explain a pixel, it is raised to the least that
 * can (a dark hair tip the matte half-missed); just outside it, a pixel whose
 * colour lies between the backdrop and the person's colour nearby is given
 * the share that mix implies (the hair's last wisps). Either way the pixel
 * moves with the person instead of staying behind as a dotted outline.
 * A sharpening rim just outside the matte, or a highlight it half-missed, is
 * neither: it is taken whole (unlikeBackdrop). Where nothing fits (a flag
 * taken for a sleeve), the plate keeps the photo and `unmixable` is 0, so
 * the layers blend as they are, which at rest is exact too.
 */
export function backgroundPlate(
  photo: RgbaImage,
  person: Uint8Array,
  dilatePx: number,
  /** The full-resolution photo's luma extremes per pixel of `photo`, where `photo` is a smaller copy (lumaExtremes). */
  extremes?: LumaExtremes,
): { image: RgbaImage; unmixable: Uint8Array; coverage: Uint8Array } {
  const { width: w, height: h } = photo;
  const backdrop = pushPull(photo, person, dilatePx);
  // The person's own colour near each pixel: the solid core, continued outwards.
  const personColour = pushPull(photo, person.map((v) => (v > 230 ? 0 : 255)), 0);
  const near = dilate(person, w, h, dilatePx);
  const foreign = unlikeBackdrop(extremes ?? lumaExtremes(photo, w, h), w, h, near, dilatePx);
  const coverage = person.slice();
  const out = new Uint8Array(w * h * 4);
  const unmixable = new Uint8Array(w * h);
  const lin = (v: number) => SRGB_TO_LINEAR[Math.max(0, Math.min(255, Math.round(v)))]!;
  const I = [0, 0, 0];
  const B = [0, 0, 0];
  /** Whether the pixel is person × a + backdrop × (1 − a) for a person colour in range. */
  const fits = (a: number) => {
    if (a >= 1) return true;
    for (let c = 0; c < 3; c++) {
      const f = (I[c]! - (1 - a) * B[c]!) / Math.max(a, 1e-3);
      if (f < -UNMIX_SLACK || f > 1 + UNMIX_SLACK) return false;
    }
    return true;
  };
  /** The coverage the pixel's colour implies, between the backdrop and the person's colour; null where the two cannot be told apart or the pixel is neither. */
  const fromColour = (i: number): number | null => {
    let dot = 0;
    let n2 = 0;
    let off = 0;
    const D = [0, 1, 2].map((c) => lin(personColour[i * 3 + c]!) - B[c]!);
    for (let c = 0; c < 3; c++) {
      dot += (I[c]! - B[c]!) * D[c]!;
      n2 += D[c]! * D[c]!;
    }
    if (n2 < MIX_CONTRAST) return null;
    const t = Math.min(1, Math.max(0, dot / n2));
    for (let c = 0; c < 3; c++) off += (I[c]! - B[c]! - t * D[c]!) ** 2;
    return Math.sqrt(off) < MIX_RESIDUAL ? t : null;
  };
  for (let i = 0; i < w * h; i++) {
    if (coverage[i] === 0 && near[i] === 0) {
      // Backdrop away from the person: the plate is the photo, transparent (no person layer edge to unmix).
      for (let c = 0; c < 3; c++) out[i * 4 + c] = photo.data[i * 4 + c]!;
      continue;
    }
    for (let c = 0; c < 3; c++) {
      I[c] = lin(photo.data[i * 4 + c]!);
      B[c] = lin(backdrop[i * 3 + c]!);
    }
    let a = coverage[i]! / 255;
    let ok = a > 0 && fits(a);
    if (!ok && a > 0) {
      // Darker than the backdrop's share allows (or brighter than any person
      // colour could make it): the matte is short here. The least coverage
      // that explains the pixel, if the matte is not far off.
      const least = leastCoverage(I, B);
      if (least - a <= MAX_RAISE) {
        coverage[i] = Math.min(255, Math.ceil(least * 255));
        a = coverage[i]! / 255;
        ok = fits(a);
      }
    }
    if (!ok && a === 0 && near[i]! > 0) {
      const t = fromColour(i);
      // Outside the matte, only a clear mix counts: a pixel the colour calls 2 % person is backdrop noise.
      if (t !== null && t > MIN_WISP && fits(t)) {
        coverage[i] = Math.round(t * 255);
        a = coverage[i]! / 255;
        ok = a > 0;
      }
    }
    if (!ok && foreign[i]) {
      // Not backdrop, and no mix of it: the edge's sharpening halo, or a
      // highlight the matte half-missed (an earring's glint against a pale
      // wall). It moves with the person, whole.
      coverage[i] = 255;
      a = 1;
      ok = true;
    }
    unmixable[i] = ok ? 255 : 0;
    for (let c = 0; c < 3; c++) out[i * 4 + c] = ok ? Math.round(backdrop[i * 3 + c]!) : photo.data[i * 4 + c]!;
    out[i * 4 + 3] = coverage[i]! > 0 ? 255 : 0;
  }
  return { image: { width: w, height: h, data: out }, unmixable, coverage };
}

/**
 * The brightest and darkest luma (sRGB levels) of the full-resolution photo
 * within each texel of a smaller copy (`width` × `height`). A sharpening
 * rim is one to three photo pixels wide: averaged into a plate texel it
 * blends with the backdrop and looks like backdrop, yet the renderer draws
 * the photo at full resolution, where it shows.
 */
export function lumaExtremes(photo: RgbaImage, width: number, height: number): LumaExtremes {
  const brightest = new Uint8Array(width * height);
  const darkest = new Uint8Array(width * height).fill(255);
  const { data } = photo;
  // Once per column, not per pixel: a 12-megapixel photo is read in about 60 ms.
  const column = new Int32Array(photo.width);
  for (let x = 0; x < photo.width; x++) column[x] = Math.min(width - 1, Math.floor((x * width) / photo.width));
  for (let y = 0; y < photo.height; y++) {
    const row = Math.min(height - 1, Math.floor((y * height) / photo.height)) * width;
    for (let x = 0, o = y * photo.width * 4; x < photo.width; x++, o += 4) {
      // Luma 0.3/0.59/0.11 in integers (77 + 151 + 28 = 256).
      const v = (77 * data[o]! + 151 * data[o + 1]! + 28 * data[o + 2]! + 128) >> 8;
      const t = row + column[x]!;
      if (v > brightest[t]!) brightest[t] = v;
      if (v < darkest[t]!) darkest[t] = v;
    }
  }
  return { brightest, darkest };
}

export interface LumaExtremes {
  brightest: Uint8Array;
  darkest: Uint8Array;
}

/** Levels (sRGB luma) by which a pixel must leave the backdrop's own range nearby to count as unlike it: rounding and banding stay backdrop. */
const FOREIGN_SLACK = 2;

/**
 * Texels of the band around the person (`near`: the person and dilatePx
 * beyond) with a photo pixel brighter or darker than all of the backdrop just
 * beyond the band: not backdrop, whatever the matte says. Mostly the light
 * and dark rims that sharpening (in cameras, and in the software paintings
 * are made with) draws along a contrasty edge, a few pixels out and fading,
 * and highlights the matte half-missed. Neither is a mix of backdrop and
 * person, so left in the plate they stay behind as a thin outline or a
 * second glint where the head was. On a busy backdrop (a flag, leaves) the
 * range is wide and little is taken: its texture stays where it is. Where a
 * photo's grain is as strong as its rims, the rims' faintest parts stay.
 */
function unlikeBackdrop(extremes: LumaExtremes, w: number, h: number, near: Uint8Array, dilatePx: number): Uint8Array {
  // The backdrop's range as near as it is found: from a pixel outside the
  // person, past the band; from one under the matte's soft edge, past the
  // band from there. Farther than needed, the range takes in backdrop that
  // is not the backdrop here.
  // Backdrop only (beyond the band); darkness as 255 − luma, so one dilation finds the darkest.
  const bright = extremes.brightest.map((v, i) => (near[i] === 0 ? v : 0));
  const dark = extremes.darkest.map((v, i) => (near[i] === 0 ? 255 - v : 0));
  const range = (reach: number) => ({ hi: dilate(bright, w, h, reach), lo: dilate(dark, w, h, reach).map((v) => 255 - v) });
  const close = range(dilatePx + 2);
  const far = range(2 * dilatePx + 2);
  const foreign = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (near[i] === 0) continue;
    const r = close.lo[i]! <= close.hi[i]! ? close : far;
    const hi = r.hi[i]!;
    const lo = r.lo[i]!;
    if (lo > hi) continue; // no backdrop in reach to judge by
    if (extremes.brightest[i]! > hi + FOREIGN_SLACK || extremes.darkest[i]! < lo - FOREIGN_SLACK) foreign[i] = 255;
  }
  return foreign;
}

/** Person and backdrop colours closer than this (linear light, squared distance) cannot tell coverage apart. */
const MIX_CONTRAST = 0.01;
/** How far (linear light) a pixel may lie off the backdrop–person line and still count as a mix of the two. */
const MIX_RESIDUAL = 0.08;
/** How far the matte's coverage may be raised to explain a pixel. */
const MAX_RAISE = 0.5;
/** Least coverage a pixel outside the matte is given. */
const MIN_WISP = 0.05;

/** How far outside 0…1 (linear light) an unmixed person colour may fall and still count as the matte being right: rounding, mostly. */
const UNMIX_SLACK = 0.03;

/** The photo's colours (RGB, 0…255) with the person and the pixels near it filled in from around them. */
function pushPull(photo: RgbaImage, person: Uint8Array, dilatePx: number): Float32Array {
  const { width: w, height: h } = photo;
  const known = dilate(person, w, h, dilatePx).map((v) => (v < 26 ? 1 : 0));
  // Each level holds colours (not premultiplied) and a confidence in 0..1.
  interface Level { w: number; h: number; rgb: Float32Array; weight: Float32Array }
  const base: Level = { w, h, rgb: new Float32Array(w * h * 3), weight: new Float32Array(w * h) };
  for (let i = 0; i < w * h; i++) {
    base.weight[i] = known[i]!;
    for (let c = 0; c < 3; c++) base.rgb[i * 3 + c] = photo.data[i * 4 + c]!;
  }
  const levels: Level[] = [base];
  // Push: halve until one pixel; colour is the weighted mean, confidence the clamped weight sum.
  while (levels.at(-1)!.w > 1 || levels.at(-1)!.h > 1) {
    const p = levels.at(-1)!;
    const nw = Math.max(1, Math.ceil(p.w / 2));
    const nh = Math.max(1, Math.ceil(p.h / 2));
    const sum = new Float32Array(nw * nh * 3);
    const wsum = new Float32Array(nw * nh);
    for (let y = 0; y < p.h; y++)
      for (let x = 0; x < p.w; x++) {
        const s = y * p.w + x;
        const d = (y >> 1) * nw + (x >> 1);
        const wt = p.weight[s]!;
        wsum[d] = wsum[d]! + wt;
        for (let c = 0; c < 3; c++) sum[d * 3 + c] = sum[d * 3 + c]! + p.rgb[s * 3 + c]! * wt;
      }
    const next: Level = { w: nw, h: nh, rgb: new Float32Array(nw * nh * 3), weight: new Float32Array(nw * nh) };
    for (let i = 0; i < nw * nh; i++) {
      next.weight[i] = Math.min(1, wsum[i]!);
      if (wsum[i]! > 0) for (let c = 0; c < 3; c++) next.rgb[i * 3 + c] = sum[i * 3 + c]! / wsum[i]!;
    }
    levels.push(next);
  }
  // Pull: coarse to fine, blend each pixel with the upsampled coarser level by its missing confidence.
  for (let l = levels.length - 2; l >= 0; l--) {
    const fine = levels[l]!;
    const coarse = levels[l + 1]!;
    for (let y = 0; y < fine.h; y++)
      for (let x = 0; x < fine.w; x++) {
        const i = y * fine.w + x;
        const keep = fine.weight[i]!;
        if (keep >= 1) continue;
        const up = bilinear(coarse, (x + 0.5) / 2 - 0.5, (y + 0.5) / 2 - 0.5);
        for (let c = 0; c < 3; c++) fine.rgb[i * 3 + c] = fine.rgb[i * 3 + c]! * keep + up[c]! * (1 - keep);
        fine.weight[i] = 1;
      }
  }
  return base.rgb;
}

function bilinear(l: { w: number; h: number; rgb: Float32Array }, fx: number, fy: number): [number, number, number] {
  const x0 = Math.max(0, Math.min(l.w - 1, Math.floor(fx)));
  const y0 = Math.max(0, Math.min(l.h - 1, Math.floor(fy)));
  const x1 = Math.min(l.w - 1, x0 + 1);
  const y1 = Math.min(l.h - 1, y0 + 1);
  const tx = Math.min(1, Math.max(0, fx - x0));
  const ty = Math.min(1, Math.max(0, fy - y0));
  const out: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const top = l.rgb[(y0 * l.w + x0) * 3 + c]! * (1 - tx) + l.rgb[(y0 * l.w + x1) * 3 + c]! * tx;
    const bottom = l.rgb[(y1 * l.w + x0) * 3 + c]! * (1 - tx) + l.rgb[(y1 * l.w + x1) * 3 + c]! * tx;
    out[c] = top * (1 - ty) + bottom * ty;
  }
  return out;
}

/** Grey-level dilation by a square of radius r, separably (max over rows, then columns). */
export function dilate(a: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (r <= 0) return a.slice();
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) m = Math.max(m, a[y * w + k]!);
      tmp[y * w + x] = m;
    }
  for (let x = 0; x < w; x++)
    for (let y = 0; y < h; y++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) m = Math.max(m, tmp[k * w + x]!);
      out[y * w + x] = m;
    }
  return out;
}
