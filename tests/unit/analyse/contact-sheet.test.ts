/**
 * Writes test-results/vision-contact-sheet.png: overlays of the face mesh,
 * body, hands and matte on the astronaut photo and its variants (and on the
 * shared sample photos when this machine has them; they are not committed),
 * for a person to look at. Asserts only that each panel found what it must.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import type { RgbaImage } from '../../../src/analyse/rgba-image.ts';
import { astronaut } from './labelled-points.ts';
import { nodeModels } from './node-models.ts';
import { overlayPanel, sheet } from './overlay-drawing.ts';
import { decodePng, encodePng } from './png.ts';
import { composed, placed, rotated } from './variants.ts';

const models = nodeModels();
afterAll(() => models.release());

/** Extra PNG photos to include when present (e.g. a folder of samples converted to PNG); never committed. */
const EXTRA_PHOTOS = process.env['VISION_SHEET_PHOTOS'] ?? '/work/shared/media/photos/';
const isPng = (b: Buffer) => b.subarray(1, 4).toString('latin1') === 'PNG';
const PANEL_HEIGHT = 420;

test('contact sheet of the overlays (mesh, body, hands, matte)', async () => {
  const photo = astronaut();
  const inputs: { name: string; image: RgbaImage; matte: boolean }[] = [
    { name: 'astronaut', image: photo, matte: true },
    { name: 'rotated 30°', image: rotated(photo, 30).image, matte: false },
    { name: 'small face', image: placed(photo, 1200, 900, 0.45, 300, 200).image, matte: false },
    { name: 'two faces', image: composed(photo, 800, 512, [{ scale: 0.55, left: 520, top: 160 }, { scale: 1, left: 0, top: 0 }]), matte: false },
  ];
  for (const f of ['echomimic_halfbody_man_0001.png', 'sadtalker_full_body_1.png', 'liveportrait_s2.png']) {
    const bytes = existsSync(EXTRA_PHOTOS + f) ? readFileSync(EXTRA_PHOTOS + f) : undefined;
    if (bytes && isPng(bytes)) inputs.push({ name: f, image: decodePng(bytes), matte: true });
  }
  const panels: RgbaImage[] = [];
  for (const input of inputs) {
    const a = await analysePhoto(input.image, models.runModel, { matte: input.matte });
    expect(a.faces.length, input.name).toBeGreaterThanOrEqual(1);
    expect(a.body, input.name).not.toBeNull();
    panels.push(overlayPanel(input.image, a, PANEL_HEIGHT, 'landmarks'));
    if (input.matte) {
      expect(a.matte?.width).toBe(input.image.width);
      panels.push(overlayPanel(input.image, a, PANEL_HEIGHT, 'matte'));
    }
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/vision-contact-sheet.png', encodePng(sheet(panels, 2400)));
});
