/**
 * The lips' inner-edge strips on the real astronaut's landmarks: they ride on
 * head vertices of the lips, cover the band from the inner lip contour to the
 * next ring out without folding, and address their texture where the photo's
 * lips are. (Painting out the slit's shadow needs a photo with closed lips;
 * rig-render.spec.ts measures it on the developers' photos.)
 */
import { afterAll, expect, test } from 'vitest';
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import { OUTER_LIP_LOWER, OUTER_LIP_UPPER } from '../../../src/rig/face-regions.ts';
import { lipEdgeImage, lipEdgeStrip } from '../../../src/rig/lip-edge.ts';
import { insidePolygon } from '../../../src/rig/layer-masks.ts';
import { astronaut } from '../analyse/labelled-points.ts';
import { nodeModels } from '../analyse/node-models.ts';

const models = nodeModels();
afterAll(() => models.release());
const decoded = astronaut();
const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };

test('each lip strip lies on its lip, between the inner contour and the outer, facing one way, and maps the photo where it lies', async () => {
  const lm = (await analysePhoto(photo, models.runModel, { hands: false, body: false, matte: false })).faces[0]!.landmarks;
  const at = (i: number): [number, number] => [lm[i * 3]!, lm[i * 3 + 1]!];
  const outer = [...OUTER_LIP_UPPER, ...OUTER_LIP_LOWER].map(at);
  const { image, box } = lipEdgeImage(photo, photo.width, lm);
  expect(image.width).toBeGreaterThan(20);
  for (const lip of ['upper', 'lower'] as const) {
    const { mesh, attach } = lipEdgeStrip(lm, lip, box);
    expect(attach.every((i) => Number.isInteger(i) && i >= 0 && i < 468)).toBe(true);
    const n = attach.length;
    expect(mesh.uvs.length).toBe(n * 2);
    let sign = 0;
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const [a, b, c] = [mesh.indices[t]!, mesh.indices[t + 1]!, mesh.indices[t + 2]!].map((k) => at(attach[k]!));
      const area = (b![0] - a![0]) * (c![1] - a![1]) - (b![1] - a![1]) * (c![0] - a![0]);
      if (Math.abs(area) < 1e-3) continue;
      // One winding throughout: no triangle folds over its neighbours.
      if (sign === 0) sign = Math.sign(area);
      expect(Math.sign(area)).toBe(sign);
      // Its centre is on the lips: inside the outer contour.
      const centre: [number, number] = [(a![0] + b![0] + c![0]) / 3, (a![1] + b![1] + c![1]) / 3];
      expect(insidePolygon(centre[0], centre[1], outer)).toBe(true);
    }
    // uv → photo px through the box gives back each vertex's place: the strip shows the lips where they are.
    for (let k = 0; k < n; k++) {
      const [x, y] = at(attach[k]!);
      expect(box[0] + mesh.uvs[k * 2]! * box[2]).toBeCloseTo(x, 3);
      expect(box[1] + mesh.uvs[k * 2 + 1]! * box[3]).toBeCloseTo(y, 3);
      expect(mesh.uvs[k * 2]!).toBeGreaterThan(0);
      expect(mesh.uvs[k * 2]!).toBeLessThan(1);
    }
  }
});
