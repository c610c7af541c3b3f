/**
 * The made teeth take the photo's colour cast, read from its eye whites: on
 * the real astronaut photo, and on the same photo turned black and white and
 * yellowed like an old varnished painting. Fixed enamel would be blue-white
 * in the painting and cream in the black-and-white photo, with a pink tongue
 * in a reddish mouth.
 */
import { afterAll, expect, test } from 'vitest';
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import type { RgbaImage } from '../../../src/contracts/rig.ts';
import { buildRig } from '../../../src/rig/build-rig.ts';
import { astronaut } from '../analyse/labelled-points.ts';
import { nodeModels } from '../analyse/node-models.ts';

const models = nodeModels();
afterAll(() => models.release());
const decoded = astronaut();
const photo: RgbaImage = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };

/** The photo with each pixel's colour remapped. */
function recoloured(f: (r: number, g: number, b: number) => [number, number, number]): RgbaImage {
  const data = photo.data.slice();
  for (let i = 0; i < data.length; i += 4) data.set(f(data[i]!, data[i + 1]!, data[i + 2]!).map(Math.round), i);
  return { ...photo, data };
}

/** Mean colour of the opaque texels of the upper teeth's texture, and the most coloured opaque texel of the lower piece (teeth and tongue) and the cavity: its largest channel minus its smallest. */
async function madeColours(image: RgbaImage): Promise<{ enamel: [number, number, number]; lowerSpread: number }> {
  const analysis = await analysePhoto(image, models.runModel, { hands: false, body: false, matte: false });
  const rig = buildRig(analysis, image);
  const teeth = rig.images['upperTeeth']!;
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < teeth.data.length; i += 4) {
    if (teeth.data[i + 3]! < 250) continue;
    for (let c = 0; c < 3; c++) sum[c] = sum[c]! + teeth.data[i + c]!;
    n++;
  }
  expect(n).toBeGreaterThan(100);
  // The lower piece's opaque texels (teeth and tongue) and the whole cavity.
  let lowerSpread = 0;
  for (const key of ['lowerTeeth', 'mouth']) {
    const image = rig.images[key]!;
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i + 3]! < 250) continue;
      const rgb = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      lowerSpread = Math.max(lowerSpread, Math.max(...rgb) - Math.min(...rgb));
    }
  }
  return { enamel: sum.map((s) => s / n) as [number, number, number], lowerSpread };
}

test('teeth and tongue are grey in a black-and-white photo, and the teeth yellowed in a yellowed one', async () => {
  const bw = await madeColours(recoloured((r, g, b) => { const y = 0.3 * r + 0.59 * g + 0.11 * b; return [y, y, y]; }));
  const grey = bw.enamel;
  expect(Math.abs(grey[0] - grey[1]), `${grey}`).toBeLessThan(3);
  expect(Math.abs(grey[2] - grey[1]), `${grey}`).toBeLessThan(3);
  expect(bw.lowerSpread, 'no pink tongue or red cavity in black and white').toBeLessThanOrEqual(3);

  const own = (await madeColours(photo)).enamel;
  // Varnish: blue falls most, green a little (an old painting's amber).
  const varnished = (await madeColours(recoloured((r, g, b) => [r, 0.88 * g, 0.55 * b]))).enamel;
  const blueOverRed = (c: number[]) => c[2]! / c[0]!;
  expect(blueOverRed(varnished) / blueOverRed(own), `${own} → ${varnished}`).toBeLessThan(0.75);
  // The astronaut's own light is ordinary: her teeth stay near-white enamel, blue a little under red.
  expect(blueOverRed(own), `${own}`).toBeGreaterThan(0.85);
  expect(blueOverRed(own), `${own}`).toBeLessThan(1);
});
