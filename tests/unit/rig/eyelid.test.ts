/**
 * The closed lid's skin texture on the real astronaut photo: the lashes and
 * liner on the lid are painted out (they would stretch into streaks over a
 * closed eye), and the strips sit where a closed lid is.
 */
import { afterAll, expect, test } from 'vitest';
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import { EYES } from '../../../src/rig/face-regions.ts';
import { eyelidSkinImage, eyelidStrip } from '../../../src/rig/eyelid.ts';
import { insidePolygon } from '../../../src/rig/layer-masks.ts';
import { astronaut } from '../analyse/labelled-points.ts';
import { nodeModels } from '../analyse/node-models.ts';

const models = nodeModels();
afterAll(() => models.release());
const decoded = astronaut();
const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };

async function landmarks() {
  const r = await analysePhoto(photo, models.runModel, { hands: false, body: false, matte: false });
  return r.faces[0]!.landmarks;
}

/** Luma of the photo's pixels and the skin texture's, at the pixels between the lid margin and the lid-top ring. */
function lidLuma(lm: Float32Array, side: 'left' | 'right') {
  const e = EYES[side];
  const poly = [e.corners[0], ...e.upper, e.corners[1], ...[...e.lidTop].reverse()].map((i) => [lm[i * 3]!, lm[i * 3 + 1]!] as [number, number]);
  const { image, box } = eyelidSkinImage(photo, photo.width, lm, side);
  const ys = poly.map((p) => p[1]);
  const xs = poly.map((p) => p[0]);
  const before: number[] = [];
  const after: number[] = [];
  const luma = (d: Uint8Array, o: number) => 0.3 * d[o]! + 0.59 * d[o + 1]! + 0.11 * d[o + 2]!;
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
      if (!insidePolygon(x + 0.5, y + 0.5, poly)) continue;
      before.push(luma(photo.data, (y * photo.width + x) * 4));
      const u = Math.floor(((x + 0.5 - box[0]) / box[2]) * image.width);
      const v = Math.floor(((y + 0.5 - box[1]) / box[3]) * image.height);
      after.push(luma(image.data, (v * image.width + u) * 4));
    }
  const sorted = (a: number[]) => [...a].sort((p, q) => p - q);
  return { before: sorted(before), after: sorted(after) };
}

test('lid skin: the dark lash line on the lid is painted out, the skin tone kept', async () => {
  const lm = await landmarks();
  for (const side of ['right', 'left'] as const) {
    const { before, after } = lidLuma(lm, side);
    const p = (a: number[], q: number) => a[Math.floor(q * (a.length - 1))]!;
    // The photo's lid band holds the lash line: its darkest tenth is far below the skin.
    expect(p(before, 0.1), side).toBeLessThan(0.75 * p(before, 0.8));
    // The texture's is not, and its skin is the photo's skin (within 10%).
    expect(p(after, 0.1), side).toBeGreaterThan(0.85 * p(before, 0.8));
    expect(Math.abs(p(after, 0.5) - p(before, 0.8)) / p(before, 0.8), side).toBeLessThan(0.1);
  }
});

test('lid strips: the lash strip ends a thin line above the closing edge, the skin strip reaches the lid-top ring', async () => {
  const lm = await landmarks();
  for (const side of ['right', 'left'] as const) {
    const lash = eyelidStrip(lm, side, 'lash', { width: photo.width, height: photo.height });
    const skin = eyelidStrip(lm, side, 'skin', { box: [0, 0, photo.width, photo.height] });
    // Two corners plus two rows of seven.
    expect(lash.attach).toHaveLength(16);
    const edge = lash.drop.slice(2, 9);
    const lashTop = lash.drop.slice(9, 16);
    for (const d of edge) expect(d).toBeGreaterThan(0); // past the closing line
    for (const [k, d] of lashTop.entries()) {
      const thickness = edge[k]! - d;
      expect(thickness).toBeGreaterThanOrEqual(0.015);
      expect(thickness).toBeLessThanOrEqual(0.03);
    }
    // The skin strip's top row rides on the lid-top ring, undropped.
    expect(skin.attach.slice(-7)).toEqual([...EYES[side].lidTop]);
    expect(skin.drop.slice(-7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    for (const i of skin.mesh.indices) expect(i).toBeLessThan(skin.attach.length);
  }
});

test('the closed lash line shows the lashes: its texels are darker than the open lid band they come from', async () => {
  const lm = await landmarks();
  const luma = (x: number, y: number) => {
    const o = (Math.round(y) * photo.width + Math.round(x)) * 4;
    return 0.3 * photo.data[o]! + 0.59 * photo.data[o + 1]! + 0.11 * photo.data[o + 2]!;
  };
  /** Mean photo luma along the segments a → b, photo px. */
  const along = (segments: [number, number, number, number][]) => {
    let sum = 0;
    let n = 0;
    for (const [x0, y0, x1, y1] of segments)
      for (let t = 0; t <= 1; t += 0.02, n++) sum += luma(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    return sum / n;
  };
  for (const side of ['right', 'left'] as const) {
    const e = EYES[side];
    const uv = eyelidStrip(lm, side, 'lash', { width: photo.width, height: photo.height }).mesh.uvs;
    // Vertices 2–8 are the edge row, 9–15 the lash row (see the strip test above).
    const shown = along(e.upper.map((_, k) => [uv[(2 + k) * 2]! * photo.width, uv[(2 + k) * 2 + 1]! * photo.height, uv[(9 + k) * 2]! * photo.width, uv[(9 + k) * 2 + 1]! * photo.height]));
    const band = along(e.upper.map((u, k) => [lm[u * 3]!, lm[u * 3 + 1]!, lm[e.crease[k]! * 3]!, lm[e.crease[k]! * 3 + 1]!]));
    expect(shown / band, side).toBeLessThan(0.93);
  }
});
