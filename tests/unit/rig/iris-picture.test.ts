/**
 * The iris layer over the eye white gives back the photo's eye at rest, on
 * the real astronaut photo, composited in linear light as the renderer
 * blends; and the iris's soft edge carries the iris, not the fill's white,
 * so a moved iris has no pale ring round it.
 */
import { expect, test } from 'vitest';
import { eyeOutline, eyeWhiteImage, irisImage } from '../../../src/rig/eyes.ts';
import { insidePolygon } from '../../../src/rig/layer-masks.ts';
import { linearToSrgbByte, SRGB_TO_LINEAR } from '../../../src/rig/srgb.ts';
import { astronautEyes } from './astronaut-eyes.ts';

test("at rest the iris over the eye white is the photo's eye, soft edge included", async () => {
  const { photo, face, irises, white } = await astronautEyes();
  for (const side of ['right', 'left'] as const) {
    const iris = irises[side];
    const eyeWhite = eyeWhiteImage(photo, photo.width, face.landmarks, side, iris, white);
    const { image, box } = irisImage(photo, photo.width, iris, eyeWhite);
    const opening = eyeOutline(side).map((i) => [face.landmarks[i * 3]!, face.landmarks[i * 3 + 1]!] as [number, number]);
    let band = 0;
    let worst = 0;
    let oldWorst = 0;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const px = box[0] + x;
        const py = box[1] + y;
        if (!insidePolygon(px + 0.5, py + 0.5, opening)) continue;
        const d = Math.hypot(px + 0.5 - iris.centre[0], py + 0.5 - iris.centre[1]) / iris.radius;
        const o = (y * image.width + x) * 4;
        const p = (py * photo.width + px) * 4;
        const w = ((py - eyeWhite.box[1]) * eyeWhite.image.width + px - eyeWhite.box[0]) * 4;
        const a = image.data[o + 3]! / 255;
        const fade = Math.min(1, Math.max(0, (1.2 - d) / 0.25));
        for (let c = 0; c < 3; c++) {
          const under = SRGB_TO_LINEAR[eyeWhite.image.data[w + c]!]!;
          const rest = linearToSrgbByte(SRGB_TO_LINEAR[image.data[o + c]!]! * a + under * (1 - a));
          worst = Math.max(worst, Math.abs(rest - photo.data[p + c]!));
          // The photo itself faded over the fill, as the layer was drawn before.
          const old = linearToSrgbByte(SRGB_TO_LINEAR[photo.data[p + c]!]! * fade + under * (1 - fade));
          oldWorst = Math.max(oldWorst, Math.abs(old - photo.data[p + c]!));
        }
        if (a > 0 && a < 1) band++;
      }
    expect(band, side).toBeGreaterThan(10);
    expect(worst, `${side}: levels off the photo at rest`).toBeLessThanOrEqual(2);
    // What the unmixing is for: faded over the fill, the photo's rim was 18 levels off or more.
    expect(oldWorst, side).toBeGreaterThan(12);
  }
});
