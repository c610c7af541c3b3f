/**
 * Closed-eye lids. Pulling the upper-lid landmarks down onto the lower lid
 * closes the eye's outline, but it drags the photo's lash line down with it
 * and stretches it into a dark band with an almond-shaped rim: an eye that
 * still reads as open, to people and to the landmark model alike. The lids
 * here are drawn as a closed lid looks instead, faded in as a blink
 * completes, opaque from the brow-bone skin down to where the lids meet.
 *
 * Rows across the closed lid, corner to corner (a fan at each corner):
 *   top     on the lid-top ring, which a blink leaves in place;
 *   skin    on the crease ring, moved down with the blink;
 *   lash    a lash line's thickness above where the lids meet;
 *   edge    where the lids meet, a little past.
 *
 * Two strips share the lash row. The lash strip (edge → lash) shows the
 * photo's own lash line, from the margin halfway to the crease ring (the
 * lashes' roots, not the lid skin above them), at full resolution: the lash
 * line is carried down to the closing line instead of being smeared. The skin
 * strip (lash → top) shows lid skin from a small cleaned texture: the photo
 * around the lid with the eye opening and the lashes, liner and crease shadow
 * above the margin painted out from the skin beside them, because a closed
 * lid is skin, and stretching those dark strokes over it paints streaks.
 */
import type { RgbaImage, RigMesh } from '../contracts/rig.ts';
import { eyeCentres } from './face-frame.ts';
import { eyeOutline } from './eyes.ts';
import { EYES } from './face-regions.ts';
import { insidePolygon } from './layer-masks.ts';
import { cropAround } from './photo-crop.ts';
import { dilate, inpaintPlate } from './plate-inpaint.ts';

export interface EyelidStrip {
  mesh: RigMesh;
  /** Each vertex sits at lerp(head[attach], head[attachTo], attachT). */
  attach: number[];
  attachTo: number[];
  attachT: number[];
  /** Extra drop of each vertex when the lid is fully shown, face units. */
  drop: number[];
}

/** Face units (eye distances) the closed lid's edge reaches past where the lids meet: over the lower lid's margin, not a second lash line. */
const LID_OVERLAP = 0.02;
/**
 * A closed lid's lash line, as a share of the open lid's band from margin to
 * crease ring: the lashes fold down over the lower lid instead of fanning up,
 * so the closed line is thinner. Clamped to this range, face units.
 */
const LASH_SHARE = 0.6;
const LASH_RANGE = [0.015, 0.03] as const;
/** How far up the open lid's band, margin to crease ring, the closed lash line is read from: the lashes' roots, not the lid skin above them. */
const LASH_REACH = 0.5;
/** Lid pixels darker than this share of the brightest skin near them are lashes, liner or the crease line. */
const DARK_SHARE = 0.82;

type Xy = [number, number];
type Side = 'left' | 'right';

const point = (landmarks: ArrayLike<number>, i: number): Xy => [landmarks[i * 3]!, landmarks[i * 3 + 1]!];
const lerp = (a: Xy, b: Xy, t: number): Xy => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];

/** The lid region, margin to lid-top ring, as a closed polygon (photo px). */
function lidPolygon(landmarks: ArrayLike<number>, side: Side): Xy[] {
  const e = EYES[side];
  return [e.corners[0], ...e.upper, e.corners[1], ...[...e.lidTop].reverse()].map((i) => point(landmarks, i));
}

/**
 * Lid skin for the skin strip: the photo around the eye, with the opening and
 * the dark strokes on the lid (margin to lid-top ring) filled from the lid's
 * own skin. Returns the texture and its box in photo px.
 * @param photo any resolution with the photo's aspect (photoWidth px wide at full size)
 */
export function eyelidSkinImage(photo: RgbaImage, photoWidth: number, landmarks: ArrayLike<number>, side: Side): { image: RgbaImage; box: [number, number, number, number] } {
  const lid = lidPolygon(landmarks, side);
  const opening = eyeOutline(side).map((i) => point(landmarks, i));
  const all = [...lid, ...opening];
  const pad = 0.15 * (Math.max(...all.map((p) => p[0])) - Math.min(...all.map((p) => p[0])));
  const { image: cropped, toLocal, box, scale: s } = cropAround(photo, photoWidth, all, pad);
  const { width: w, height: h, data: crop } = cropped;
  const lidLocal = lid.map(toLocal);
  const openingLocal = opening.map(toLocal);
  const luma = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) luma[i] = 0.3 * crop[i * 4]! + 0.59 * crop[i * 4 + 1]! + 0.11 * crop[i * 4 + 2]!;
  // Lashes, liner and the crease line are thin dark strokes: darker than the
  // brightest skin a few pixels away. A lid in shadow (deep-set eyes) is dark
  // all over and is kept: it is what the closed lid should look like.
  const eyeWidth = Math.hypot(opening[0]![0] - opening[8]![0], opening[0]![1] - opening[8]![1]) * s;
  const near = dilate(luma, w, h, Math.max(1, Math.round(0.08 * eyeWidth))); // the brightest within r
  const unknown = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inOpening = insidePolygon(x + 0.5, y + 0.5, openingLocal);
      const stroke = !inOpening && insidePolygon(x + 0.5, y + 0.5, lidLocal) && luma[i]! < DARK_SHARE * near[i]!;
      unknown[i] = inOpening || stroke ? 255 : 0;
    }
  const filled = inpaintPlate({ width: w, height: h, data: crop }, unknown, 0);
  // The strip stretches this texture down the face: any change along the lid
  // would become a vertical streak, so keep only what changes across it (the
  // shading from lash line to brow bone).
  blurRows(filled, Math.max(1, Math.round(0.12 * eyeWidth)));
  for (let i = 0; i < w * h; i++) filled.data[i * 4 + 3] = 255;
  return { image: filled, box };
}

/** Two passes of a horizontal box blur of the given radius, in place. */
function blurRows(image: RgbaImage, radius: number): void {
  const { width: w, height: h, data } = image;
  const row = new Float32Array(w * 3);
  for (let pass = 0; pass < 2; pass++)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) row[x * 3 + c] = data[(y * w + x) * 4 + c]!;
      for (let x = 0; x < w; x++) {
        const a = Math.max(0, x - radius);
        const b = Math.min(w - 1, x + radius);
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let k = a; k <= b; k++) sum += row[k * 3 + c]!;
          data[(y * w + x) * 4 + c] = Math.round(sum / (b - a + 1));
        }
      }
    }
}

/**
 * One of the lid's two strips: `lash` (photo texture, uv over the photo) or
 * `skin` (the eyelidSkinImage texture, uv over its box).
 */
export function eyelidStrip(
  landmarks: Float32Array,
  side: Side,
  strip: 'lash' | 'skin',
  texture: { width: number; height: number } | { box: [number, number, number, number] },
): EyelidStrip {
  const e = EYES[side];
  const [outer, inner] = e.corners;
  const at = (i: number) => point(landmarks, i);
  const uv = ([x, y]: Xy): Xy => ('box' in texture ? [(x - texture.box[0]) / texture.box[2], (y - texture.box[1]) / texture.box[3]] : [x / texture.width, y / texture.height]);
  const { right, left } = eyeCentres(landmarks);
  const unit = Math.hypot(left[0] - right[0], left[1] - right[1]);

  const attach: number[] = [];
  const attachTo: number[] = [];
  const attachT: number[] = [];
  const drop: number[] = [];
  const uvs: number[] = [];
  const vertex = (a: number, d: number, texel: Xy) => {
    attach.push(a);
    attachTo.push(a);
    attachT.push(0);
    drop.push(d);
    uvs.push(...uv(texel));
    return attach.length - 1;
  };
  const cornerOuter = vertex(outer, 0, at(outer));
  const cornerInner = vertex(inner, 0, at(inner));
  // The lash row stands above the edge by a closed lash line's thickness,
  // from the photo's own band (the median along the lid, so the line is even).
  const bands = e.upper.map((u, k) => Math.hypot(at(e.crease[k]!)[0] - at(u)[0], at(e.crease[k]!)[1] - at(u)[1]) / unit).sort((a, b) => a - b);
  const thickness = Math.min(LASH_RANGE[1], Math.max(LASH_RANGE[0], LASH_SHARE * bands[bands.length >> 1]!));
  const lashRow = (reach: number) => e.upper.map((u, k) => vertex(u, LID_OVERLAP - thickness, lerp(at(u), at(e.crease[k]!), reach)));
  const rows: number[][] =
    strip === 'lash'
      ? [e.upper.map((u) => vertex(u, LID_OVERLAP, at(u))), lashRow(LASH_REACH)]
      : [
          lashRow(1),
          e.crease.map((c, k) => vertex(c, 0, lerp(at(c), at(e.lidTop[k]!), 0.5))),
          e.lidTop.map((t) => vertex(t, 0, at(t))),
        ];

  const indices: number[] = [];
  for (let r = 0; r + 1 < rows.length; r++) {
    const lower = [cornerOuter, ...rows[r]!, cornerInner];
    const upper = [cornerOuter, ...rows[r + 1]!, cornerInner];
    for (let c = 0; c + 1 < lower.length; c++) {
      const [a, b, d, f] = [lower[c]!, lower[c + 1]!, upper[c]!, upper[c + 1]!];
      if (d !== a) indices.push(a, b, d);
      if (f !== b) indices.push(b, f, d);
    }
  }
  const n = attach.length;
  return {
    mesh: { positions: new Float32Array(n * 3), uvs: Float32Array.from(uvs), opacity: new Float32Array(n).fill(1), indices: Uint32Array.from(indices) },
    attach,
    attachTo,
    attachT,
    drop,
  };
}
