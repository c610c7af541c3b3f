/** Just enough raster drawing for the contact sheet: dots, lines, matte composites, panels side by side. */
import type { RgbaImage } from '../../../src/analyse/rgba-image.ts';
import type { PhotoAnalysis } from '../../../src/contracts/analysis.ts';
import { warp } from './variants.ts';

type Rgb = [number, number, number];

export function dot(img: RgbaImage, x: number, y: number, r: number, c: Rgb): void {
  for (let j = Math.floor(y - r); j <= Math.ceil(y + r); j++) {
    for (let i = Math.floor(x - r); i <= Math.ceil(x + r); i++) {
      if (i < 0 || j < 0 || i >= img.width || j >= img.height || (i + 0.5 - x) ** 2 + (j + 0.5 - y) ** 2 > r * r) continue;
      img.data.set(c, (j * img.width + i) * 4);
    }
  }
}

export function line(img: RgbaImage, x0: number, y0: number, x1: number, y1: number, c: Rgb, r = 0.8): void {
  const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
  for (let k = 0; k <= n; k++) dot(img, x0 + ((x1 - x0) * k) / Math.max(n, 1), y0 + ((y1 - y0) * k) / Math.max(n, 1), r, c);
}

const FACE_OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109, 10];
const LIPS_OUTER = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185, 61];
const EYES = [
  [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246, 33],
  [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466, 263],
];
const BODY = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24], [23, 25], [25, 27], [24, 26], [26, 28], [0, 2], [2, 7], [0, 5], [5, 8], [9, 10]];
const HAND = [[0, 1, 2, 3, 4], [0, 5, 6, 7, 8], [5, 9, 10, 11, 12], [9, 13, 14, 15, 16], [13, 17], [0, 17, 18, 19, 20]];

/** The photo scaled to `height`, with every face, the body and the hands drawn; the matte panel if asked. */
export function overlayPanel(photo: RgbaImage, a: PhotoAnalysis, height: number, show: 'landmarks' | 'matte'): RgbaImage {
  const s = height / photo.height;
  const width = Math.round(photo.width * s);
  const panel = warp(photo, width, height, (x, y) => [x / s, y / s]);
  if (show === 'matte') {
    if (!a.matte) return panel;
    // Person kept, background magenta: halos and holes show at a glance.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const m = a.matte.alpha[Math.min(a.matte.height - 1, Math.floor(y / s)) * a.matte.width + Math.min(a.matte.width - 1, Math.floor(x / s))]! / 255;
        const o = (y * width + x) * 4;
        panel.data[o] = panel.data[o]! * m + 255 * (1 - m);
        panel.data[o + 1] = panel.data[o + 1]! * m;
        panel.data[o + 2] = panel.data[o + 2]! * m + 255 * (1 - m);
      }
    }
    return panel;
  }
  const P = (arr: Float32Array, stride: number, i: number): [number, number] => [arr[i * stride]! * s, arr[i * stride + 1]! * s];
  const poly = (arr: Float32Array, stride: number, idx: readonly number[], c: Rgb, r = 0.8) => {
    for (let k = 1; k < idx.length; k++) line(panel, ...P(arr, stride, idx[k - 1]!), ...P(arr, stride, idx[k]!), c, r);
  };
  if (a.body) {
    const seen = (i: number) => a.body!.keypoints[4 * i + 3]! > 0.5;
    for (const seg of BODY) if (seen(seg[0]!) && seen(seg[1]!)) poly(a.body.keypoints, 4, seg, [255, 200, 0], 1.2);
    for (let i = 0; i < 33; i++) if (a.body.keypoints[4 * i + 3]! > 0.5) dot(panel, ...P(a.body.keypoints, 4, i), 2.2, [255, 120, 0]);
  }
  for (const f of a.faces) {
    const r = Math.max(0.5, Math.min(1.2, (f.box.width * s) / 150));
    for (let i = 0; i < 468; i++) dot(panel, ...P(f.landmarks, 3, i), r, [0, 255, 120]);
    poly(f.landmarks, 3, FACE_OVAL, [0, 200, 255]);
    poly(f.landmarks, 3, LIPS_OUTER, [255, 60, 60]);
    for (const e of EYES) poly(f.landmarks, 3, e, [255, 255, 0]);
    dot(panel, f.irisCentres.right[0] * s, f.irisCentres.right[1] * s, 1.5, [255, 0, 255]);
    dot(panel, f.irisCentres.left[0] * s, f.irisCentres.left[1] * s, 1.5, [255, 0, 255]);
  }
  for (const h of a.hands) {
    const c: Rgb = h.handedness === 'right' ? [255, 80, 200] : [80, 160, 255];
    for (const seg of HAND) poly(h.keypoints, 3, seg, c, 1);
    for (let i = 0; i < 21; i++) dot(panel, ...P(h.keypoints, 3, i), 2, [255, 255, 255]);
  }
  return panel;
}

/** Panels left to right, wrapped into rows no wider than `maxWidth`, on dark grey. */
export function sheet(panels: RgbaImage[], maxWidth: number, gap = 8): RgbaImage {
  const rows: RgbaImage[][] = [[]];
  let w = 0;
  for (const p of panels) {
    if (w + p.width + gap > maxWidth && rows[rows.length - 1]!.length) {
      rows.push([]);
      w = 0;
    }
    rows[rows.length - 1]!.push(p);
    w += p.width + gap;
  }
  const width = Math.max(...rows.map((r) => r.reduce((a, p) => a + p.width + gap, gap)));
  const heights = rows.map((r) => Math.max(...r.map((p) => p.height)));
  const height = heights.reduce((a, h) => a + h + gap, gap);
  const out: RgbaImage = { width, height, data: new Uint8Array(width * height * 4) };
  for (let i = 0; i < out.data.length; i += 4) out.data.set([40, 40, 40, 255], i);
  let y = gap;
  rows.forEach((r, ri) => {
    let x = gap;
    for (const p of r) {
      for (let j = 0; j < p.height; j++) out.data.set(p.data.subarray(j * p.width * 4, (j + 1) * p.width * 4), ((y + j) * width + x) * 4);
      x += p.width + gap;
    }
    y += heights[ri]! + gap;
  });
  return out;
}
