/**
 * Eyes that can look around. The head mesh has holes where the eyes open;
 * behind each hole sit two layers:
 *   eyeWhite  the photo's eye with the iris painted out (inpainted from the
 *             white around it), on a fan that follows the eye's outline;
 *   iris      the photo's own iris, a soft-edged disc that slides with the gaze
 *             (irisImage: its edge unmixed from the eye white, so that at
 *             rest the two give back the photo).
 * The head is drawn after them, so its lids clip the iris exactly where the
 * eye opening ends, whatever the lids or the gaze are doing.
 */
import type { RgbaImage, RigMesh } from '../contracts/rig.ts';
import { EYES } from './face-regions.ts';
import { insidePolygon } from './layer-masks.ts';
import { cropAround } from './photo-crop.ts';
import { inpaintPlate } from './plate-inpaint.ts';
import { luma, type Rgb } from './rgb.ts';
import { smoothstep } from './smoothstep.ts';
import { linearToSrgbByte, SRGB_TO_LINEAR } from './srgb.ts';
import { leastCoverage } from './unmix.ts';

export type Side = 'left' | 'right';

/** Eye opening, corner → upper lid → corner → lower lid back: the outline of the head mesh's hole. */
export function eyeOutline(side: Side): number[] {
  const e = EYES[side];
  return [e.corners[0], ...e.upper, e.corners[1], ...[...e.lower].reverse()];
}

export interface EyeGeometry {
  centre: [number, number];
  radius: number;
  /** Corner-to-corner width, px. */
  width: number;
}

/**
 * Iris centre and radius in photo px: from the iris landmarks of the
 * 478-point model when present (points 468–472 right, 473–477 left: a centre
 * and four rim points), else the analysis' estimate and the typical ratio of
 * iris diameter to eye width (about 0.39, 11.7 mm over 30 mm).
 */
export function irisGeometry(landmarks: ArrayLike<number>, count: number, side: Side, estimate: [number, number]): EyeGeometry {
  const e = EYES[side];
  const p = (i: number): [number, number] => [landmarks[i * 3]!, landmarks[i * 3 + 1]!];
  const [a, b] = [p(e.corners[0]), p(e.corners[1])];
  const width = Math.hypot(a[0] - b[0], a[1] - b[1]);
  if (count >= 478) {
    const c = side === 'right' ? 468 : 473;
    const centre = p(c);
    const rim = [1, 2, 3, 4].map((k) => Math.hypot(p(c + k)[0] - centre[0], p(c + k)[1] - centre[1]));
    return { centre, radius: rim.reduce((s, r) => s + r, 0) / 4, width };
  }
  return { centre: estimate, radius: 0.195 * width, width };
}

/** The iris disc with its limbal ring and shadow, in iris radii: what the eye white's fill replaces, and no sample of the white. */
const IRIS_DISC = 1.15;
/** Sclera pixels darker than this share of the eye whites' colour (scleraColour) are shadow or lid, not white to fill the iris's place from. */
const SCLERA_SOURCE = 0.7;

/**
 * The colour of the eye whites: the median, channel by channel, of the
 * brightest fifth of the pixels inside both openings and outside the irises.
 * The sclera is the one surface of a face that is white, so it carries the
 * photo's colour cast (a varnished painting's yellow, a black-and-white
 * photo's grey); the brightest fifth leaves out the lids' shadow and the
 * pink corners. Null when the eyes show too little white to tell.
 */
export function scleraColour(photo: RgbaImage, landmarks: ArrayLike<number>, irises: Record<Side, EyeGeometry>): Rgb | null {
  const pixels: Rgb[] = [];
  for (const side of ['right', 'left'] as const) {
    const opening = eyeOutline(side).map((i) => [landmarks[i * 3]!, landmarks[i * 3 + 1]!] as [number, number]);
    const { centre, radius } = irises[side];
    const xs = opening.map((p) => p[0]);
    const ys = opening.map((p) => p[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y < Math.min(photo.height, Math.ceil(Math.max(...ys))); y++)
      for (let x = Math.max(0, Math.floor(Math.min(...xs))); x < Math.min(photo.width, Math.ceil(Math.max(...xs))); x++) {
        if (!insidePolygon(x + 0.5, y + 0.5, opening) || Math.hypot(x + 0.5 - centre[0], y + 0.5 - centre[1]) < IRIS_DISC * radius) continue;
        const o = (y * photo.width + x) * 4;
        pixels.push([photo.data[o]!, photo.data[o + 1]!, photo.data[o + 2]!]);
      }
  }
  if (pixels.length < 20) return null;
  pixels.sort((a, b) => luma(b) - luma(a));
  const brightest = pixels.slice(0, Math.max(4, Math.round(pixels.length / 5)));
  const median = (c: number) => brightest.map((p) => p[c]!).sort((a, b) => a - b)[brightest.length >> 1]!;
  return [median(0), median(1), median(2)];
}

/** The eye's neighbourhood with the iris disc filled from the white around it; its box in photo px. */
export function eyeWhiteImage(photo: RgbaImage, photoWidth: number, landmarks: ArrayLike<number>, side: Side, iris: EyeGeometry, white: Rgb | null = null): { image: RgbaImage; box: [number, number, number, number] } {
  const outline = eyeOutline(side).map((i) => [landmarks[i * 3]!, landmarks[i * 3 + 1]!] as [number, number]);
  const { image: cropped, toLocal, box, scale: s } = cropAround(photo, photoWidth, outline, iris.radius * 1.5);
  const { width: w, height: h, data: crop } = cropped;
  // Unknown: the iris disc (with its limbus ring and shadow), and everything
  // outside the eye opening, so the white is filled from white, not from lid skin.
  const unknown = new Uint8Array(w * h);
  const [cx, cy] = toLocal(iris.centre);
  const r = iris.radius * s * IRIS_DISC;
  const opening = outline.map(toLocal);
  const inOpening = new Uint8Array(w * h);
  let known = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      inOpening[y * w + x] = insidePolygon(x + 0.5, y + 0.5, opening) ? 1 : 0;
      const sclera = inOpening[y * w + x] === 1 && Math.hypot(x + 0.5 - cx, y + 0.5 - cy) >= r;
      unknown[y * w + x] = sclera ? 0 : 255;
      if (sclera) known++;
    }
  }
  // An eye that shows almost no white (a squint, a large iris) gets a plain
  // warm white, dimmed to the eye region's own brightness.
  if (known < 8) {
    let mean = 0;
    for (let i = 0; i < w * h; i++) mean += (crop[i * 4]! + crop[i * 4 + 1]! + crop[i * 4 + 2]!) / 3 / (w * h);
    const k = Math.min(1, 0.3 + mean / 160);
    for (let i = 0; i < w * h; i++) crop.set([232 * k, 224 * k, 216 * k, 255], i * 4);
    unknown.fill(0);
  }
  // The disc is filled from the white only: the sclera pixels in the lids'
  // shadow, the lash roots and the pink inner corner would smear a dark or
  // red patch where the iris was, which shows as soon as the gaze moves.
  // They are kept as they are; they just do not feed the fill. From 0.95
  // radii out, where the iris layer's edge fades (irisImage unmixes it from
  // this fill), the fill from all of the sclera stays, nearer the photo's
  // limbal shade: over the whitest fill the unmixed edge came out nearly
  // opaque, and a moved iris left a hard-edged flat patch (art_2, man_0055).
  // The white fill takes over within 0.8 radii.
  const whitish = new Uint8Array(w * h);
  let sources = 0;
  if (white && known >= 8) {
    const floor = SCLERA_SOURCE * luma(white);
    for (let i = 0; i < w * h; i++) {
      if (unknown[i] || luma([crop[i * 4]!, crop[i * 4 + 1]!, crop[i * 4 + 2]!]) < floor) continue;
      whitish[i] = 1;
      sources++;
    }
  }
  const filled = inpaintPlate({ width: w, height: h, data: crop }, unknown, 0);
  if (sources >= 8) {
    const fromWhite = inpaintPlate({ width: w, height: h, data: crop }, whitish.map((v) => (v ? 0 : 255)), 0);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const t = unknown[i] ? smoothstep(0.95 * iris.radius * s, 0.8 * iris.radius * s, Math.hypot(x + 0.5 - cx, y + 0.5 - cy)) : 0;
        for (let c = 0; c < 3; c++) filled.data[i * 4 + c] = Math.round(filled.data[i * 4 + c]! * (1 - t) + fromWhite.data[i * 4 + c]! * t);
      }
  }
  // Outside the opening the fill is never seen, except in the pixels the
  // opening's edge cuts: the renderer samples a layer's texture at the pixel's
  // centre, so where that centre falls just outside the outline, the fan's
  // share of the pixel took the fill's white, not the lashes the photo has
  // there (a pale fleck at the corners at rest, 30-47 levels off). So the
  // photo is kept outside the opening.
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (inOpening[y * w + x]) continue;
      const i = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) filled.data[i + c] = crop[i + c]!;
    }
  for (let i = 0; i < w * h; i++) filled.data[i * 4 + 3] = 255;
  return { image: filled, box };
}

/** A fan over the eye opening; its vertices attach to the outline, the centre midway between the corners. */
export function eyeWhiteMesh(landmarks: ArrayLike<number>, side: Side, box: [number, number, number, number]): { mesh: RigMesh; attach: number[]; attachTo: number[]; attachT: number[] } {
  const outline = eyeOutline(side);
  const [c0, c1] = EYES[side].corners;
  const attach = [...outline, c0];
  const attachTo = [...outline, c1];
  const attachT = [...outline.map(() => 0), 0.5];
  const uvs = new Float32Array(attach.length * 2);
  attach.forEach((a, k) => {
    const t = attachT[k]!;
    const x = landmarks[a * 3]! * (1 - t) + landmarks[attachTo[k]! * 3]! * t;
    const y = landmarks[a * 3 + 1]! * (1 - t) + landmarks[attachTo[k]! * 3 + 1]! * t;
    uvs.set([(x - box[0]) / box[2], (y - box[1]) / box[3]], k * 2);
  });
  const centre = outline.length;
  const indices: number[] = [];
  for (let k = 0; k < outline.length; k++) indices.push(centre, k, (k + 1) % outline.length);
  return {
    mesh: { positions: new Float32Array(attach.length * 3), uvs, opacity: new Float32Array(attach.length).fill(1), indices: Uint32Array.from(indices) },
    attach,
    attachTo,
    attachT,
  };
}

const RIM = 16;
/** The iris layer is opaque to this many iris radii and fades out by IRIS_FADE_END. */
const IRIS_OPAQUE = 0.95;
const IRIS_FADE_END = 1.2;
/** The disc mesh reaches a little past the fade, so its 16-sided rim never cuts into it. */
const IRIS_MESH = 1.28;

/**
 * The iris layer's picture: the photo's iris with a soft edge, drawn over the
 * eye white (eyeWhiteImage). At rest the two must give back the photo, yet
 * the edge band belongs to both: the eye white there is the fill that shows
 * when the iris moves away, while the photo there is the iris's rim and
 * limbal shadow over the real white. So the band's colour is unmixed from
 * the fill, as the person layers' edges are from the plate (mesh.wgsl), in
 * linear light: photo = iris × a + fill × (1 − a), with a the fade, raised
 * where the fill cannot explain the pixel (a dark limbal ring over a white
 * fill is mostly iris). At rest the eye is then the photo's own; as the iris
 * moves, its rim and shadow go with it and the fill shows clean behind.
 * (Faded with the photo itself over the fill, the rest frame had a pale ring
 * round every iris: 36–39 dB in the eye against 50+ elsewhere.)
 * @param eyeWhite the eyeWhiteImage of this eye, made from the same photo
 */
export function irisImage(photo: RgbaImage, photoWidth: number, iris: EyeGeometry, eyeWhite: { image: RgbaImage; box: [number, number, number, number] }): { image: RgbaImage; box: [number, number, number, number] } {
  const s = photo.width / photoWidth;
  const reach = IRIS_MESH * iris.radius;
  const x0 = Math.max(0, Math.floor((iris.centre[0] - reach) * s));
  const y0 = Math.max(0, Math.floor((iris.centre[1] - reach) * s));
  const x1 = Math.min(photo.width, Math.ceil((iris.centre[0] + reach) * s));
  const y1 = Math.min(photo.height, Math.ceil((iris.centre[1] + reach) * s));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = new Uint8Array(w * h * 4);
  const white = eyeWhite.image;
  const wx0 = Math.round(eyeWhite.box[0] * s);
  const wy0 = Math.round(eyeWhite.box[1] * s);
  const p = [0, 0, 0];
  const b = [0, 0, 0];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const src = ((y0 + y) * photo.width + x0 + x) * 4;
      const o = (y * w + x) * 4;
      const d = Math.hypot((x0 + x + 0.5) / s - iris.centre[0], (y0 + y + 0.5) / s - iris.centre[1]) / iris.radius;
      let a = Math.min(1, Math.max(0, (IRIS_FADE_END - d) / (IRIS_FADE_END - IRIS_OPAQUE)));
      const wx = x0 + x - wx0;
      const wy = y0 + y - wy0;
      const under = wx >= 0 && wy >= 0 && wx < white.width && wy < white.height ? (wy * white.width + wx) * 4 : -1;
      for (let c = 0; c < 3; c++) data[o + c] = photo.data[src + c]!;
      if (a > 0 && a < 1 && under >= 0) {
        for (let c = 0; c < 3; c++) {
          p[c] = SRGB_TO_LINEAR[photo.data[src + c]!]!;
          b[c] = SRGB_TO_LINEAR[white.data[under + c]!]!;
        }
        a = Math.max(a, leastCoverage(p, b));
        for (let c = 0; c < 3; c++) data[o + c] = linearToSrgbByte((p[c]! - (1 - a) * b[c]!) / a);
      }
      data[o + 3] = Math.round(a * 255);
    }
  return { image: { width: w, height: h, data }, box: [x0 / s, y0 / s, w / s, h / s] };
}

/** A disc over the iris at rest, its picture from irisImage (whose alpha makes the soft edge). */
export function irisMesh(iris: EyeGeometry, box: [number, number, number, number], depth: number): RigMesh {
  const n = 1 + RIM;
  const positions = new Float32Array(n * 3);
  positions.set([iris.centre[0], iris.centre[1], depth], 0);
  for (let k = 0; k < RIM; k++) {
    const a = (2 * Math.PI * k) / RIM;
    positions.set([iris.centre[0] + Math.cos(a) * IRIS_MESH * iris.radius, iris.centre[1] + Math.sin(a) * IRIS_MESH * iris.radius, depth], (1 + k) * 3);
  }
  const uvs = new Float32Array(n * 2);
  for (let v = 0; v < n; v++) uvs.set([(positions[v * 3]! - box[0]) / box[2], (positions[v * 3 + 1]! - box[1]) / box[3]], v * 2);
  const indices: number[] = [];
  for (let k = 0; k < RIM; k++) indices.push(0, 1 + k, 1 + ((k + 1) % RIM));
  return { positions, uvs, opacity: new Float32Array(n).fill(1), indices: Uint32Array.from(indices) };
}
