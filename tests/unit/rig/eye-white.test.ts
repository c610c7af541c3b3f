/**
 * Where the iris was, the eye white is filled from the white itself, on the
 * real astronaut photo: the sclera in the lids' shadow and the lash roots do
 * not feed the fill, so a gaze that moves the iris uncovers white, not a dark
 * smear. The photo's own sclera pixels are kept as they are, and so is
 * everything outside the opening.
 */
import { expect, test } from 'vitest';
import { eyeOutline, eyeWhiteImage } from '../../../src/rig/eyes.ts';
import { insidePolygon } from '../../../src/rig/layer-masks.ts';
import { astronautEyes } from './astronaut-eyes.ts';

const luma = (d: ArrayLike<number>, o: number) => 0.3 * d[o]! + 0.59 * d[o + 1]! + 0.11 * d[o + 2]!;

test("the iris's place is filled with the eye white's brightness, and the photo's white is kept", async () => {
  const { photo, face, irises, white } = await astronautEyes();
  expect(white).not.toBeNull();
  const whiteLuma = luma(white!, 0);
  // Her eye whites are light and close to neutral (a little warm).
  expect(whiteLuma).toBeGreaterThan(150);
  for (const side of ['right', 'left'] as const) {
    const iris = irises[side];
    const { image, box } = eyeWhiteImage(photo, photo.width, face.landmarks, side, iris, white);
    const opening = eyeOutline(side).map((i) => [face.landmarks[i * 3]!, face.landmarks[i * 3 + 1]!] as [number, number]);
    let disc = 0;
    let n = 0;
    let kept = 0;
    let sclera = 0;
    let outside = 0;
    let outsideKept = 0;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const px = box[0] + ((x + 0.5) * box[2]) / image.width;
        const py = box[1] + ((y + 0.5) * box[3]) / image.height;
        const r = Math.hypot(px - iris.centre[0], py - iris.centre[1]);
        const o = (y * image.width + x) * 4;
        if (!insidePolygon(px, py, opening)) {
          // Beyond the opening (only the pixels its edge cuts ever show it): the photo, lashes and all.
          const p = (Math.floor(py) * photo.width + Math.floor(px)) * 4;
          outside++;
          if ([0, 1, 2].every((c) => image.data[o + c] === photo.data[p + c])) outsideKept++;
        } else if (r <= iris.radius) {
          disc += luma(image.data, o);
          n++;
        } else if (r >= 1.2 * iris.radius && insidePolygon(px, py, opening)) {
          // The photo's sclera, outside the filled disc: unchanged.
          const p = (Math.floor(py) * photo.width + Math.floor(px)) * 4;
          sclera++;
          if ([0, 1, 2].every((c) => image.data[o + c] === photo.data[p + c])) kept++;
        }
      }
    expect(n, side).toBeGreaterThan(20);
    expect(disc / n / whiteLuma, side).toBeGreaterThan(0.78);
    expect(sclera, side).toBeGreaterThan(10);
    expect(kept / sclera, side).toBeGreaterThan(0.95);
    expect(outside, side).toBeGreaterThan(100);
    expect(outsideKept, side).toBe(outside);
  }
});
