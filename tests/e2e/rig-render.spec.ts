/**
 * The rig and renderer on a real photo (NASA's public-domain astronaut):
 * a neutral frame reproduces the photo, the background stays put in every
 * pose, and the face landmark model, run on the rendered frames, sees what
 * was commanded (jaw, blinks, head turn). Also writes a contact sheet.
 */
import type { Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PhotoAnalysis } from '../../src/contracts/analysis.ts';
import { neutralFrame, type MotionFrame } from '../../src/contracts/motion.ts';
import type { RgbaImage } from '../../src/contracts/rig.ts';
import { analysePhoto } from '../../src/analyse/analyse-photo.ts';
import { eyeAspectRatio, faceHeight, innerLipGap } from '../../src/eval/face-measures.ts';
import { psnr } from '../../src/render/psnr.ts';
import { OPEN_MOUTH_GAP } from '../../src/rig/build-rig.ts';
import { dilate } from '../../src/rig/plate-inpaint.ts';
import { eyeOutline } from '../../src/rig/eyes.ts';
import { insidePolygon } from '../../src/rig/layer-masks.ts';
import { nodeModels } from '../unit/analyse/node-models.ts';
import { decodePng, encodePng } from '../unit/analyse/png.ts';
import { placed } from '../unit/analyse/variants.ts';
import { expect, test } from './request-log.ts';
import { loadRigInPage, renderInPage } from './rig-in-page.ts';

const PHOTO_FILE = 'tests/fixtures/analyse/astronaut.png';

function pose(name: string, edit: (f: MotionFrame) => void): { name: string; frame: MotionFrame } {
  const frame = neutralFrame();
  edit(frame);
  return { name, frame };
}

const POSES = [
  pose('neutral', () => {}),
  pose('jaw open 0.8', (f) => (f.blendshapes.jawOpen = 0.8)),
  pose('smile', (f) => Object.assign(f.blendshapes, { mouthSmileLeft: 0.9, mouthSmileRight: 0.9 })),
  pose('blink', (f) => Object.assign(f.blendshapes, { eyeBlinkLeft: 1, eyeBlinkRight: 1 })),
  pose('yaw +0.3', (f) => (f.head.yaw = 0.3)),
  pose('yaw −0.3', (f) => (f.head.yaw = -0.3)),
  pose('pitch +0.25', (f) => (f.head.pitch = 0.25)),
  pose('pitch −0.25', (f) => (f.head.pitch = -0.25)),
  pose('roll +0.2', (f) => (f.head.roll = 0.2)),
  pose('roll −0.2', (f) => (f.head.roll = -0.2)),
  pose('yaw +0.35 talking', (f) => ((f.head.yaw = 0.35), Object.assign(f.blendshapes, { jawOpen: 0.5, mouthFunnel: 0.4 }))),
  pose('yaw −0.35 talking', (f) => ((f.head.yaw = -0.35), Object.assign(f.blendshapes, { jawOpen: 0.5, mouthSmileLeft: 0.4, mouthSmileRight: 0.4 }))),
  pose('brows up', (f) => Object.assign(f.blendshapes, { browInnerUp: 1, browOuterUpLeft: 0.6, browOuterUpRight: 0.6 })),
  pose('pucker', (f) => (f.blendshapes.mouthPucker = 1)),
  pose('gaze right', (f) => (f.gaze.x = 0.35)),
  pose('gaze left', (f) => (f.gaze.x = -0.35)),
  pose('gaze up', (f) => (f.gaze.y = 0.3)),
  pose('gaze down', (f) => (f.gaze.y = -0.3)),
];

/**
 * How far the picture inside an eye opening moved sideways between two
 * frames: the horizontal shift (px) that best aligns them there. The iris is
 * the only thing in the opening that moves, so this is its travel, for dark
 * and light irises alike.
 */
function eyeShift(before: RgbaImage, after: RgbaImage, polygon: [number, number][], maxShift: number): number {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const inside: [number, number][] = [];
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) if (insidePolygon(x + 0.5, y + 0.5, polygon)) inside.push([x, y]);
  const luma = (img: RgbaImage, x: number, y: number) => {
    const o = (y * img.width + Math.max(0, Math.min(img.width - 1, x))) * 4;
    return 0.3 * img.data[o]! + 0.59 * img.data[o + 1]! + 0.11 * img.data[o + 2]!;
  };
  let best = 0;
  let bestErr = Infinity;
  for (let d = -maxShift; d <= maxShift; d++) {
    let err = 0;
    for (const [x, y] of inside) err += (luma(after, x + d, y) - luma(before, x, y)) ** 2;
    if (err < bestErr) [best, bestErr] = [d, err];
  }
  return best;
}

/**
 * Luma down the middle of an opened mouth, from the inner upper lip to the
 * inner lower lip as the landmark model finds them on the rendered frame:
 * `cavity` is the mean over the middle fifth against the cheeks' luma in the
 * neutral frame, `teeth` the brightest pixel in the upper third against that
 * middle.
 */
function mouthProfile(frame: RgbaImage, lm: Float32Array, neutral: RgbaImage, lm0: Float32Array): { cavity: number; teeth: number; lipEdge: number } {
  const luma = (img: RgbaImage, x: number, y: number) => {
    const o = (Math.round(y) * img.width + Math.round(x)) * 4;
    return 0.3 * img.data[o]! + 0.59 * img.data[o + 1]! + 0.11 * img.data[o + 2]!;
  };
  const cheeks: number[] = [];
  for (const i of [205, 425]) for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) cheeks.push(luma(neutral, lm0[i * 3]! + dx, lm0[i * 3 + 1]! + dy));
  const skin = cheeks.reduce((a, b) => a + b, 0) / cheeks.length;
  const at = (t: number) => luma(frame, lm[13 * 3]! + (lm[14 * 3]! - lm[13 * 3]!) * t, lm[13 * 3 + 1]! + (lm[14 * 3 + 1]! - lm[13 * 3 + 1]!) * t);
  const samples = (a: number, b: number) => Array.from({ length: 21 }, (_, k) => at(a + ((b - a) * k) / 20));
  const middle = samples(0.4, 0.6);
  const mid = middle.reduce((a, b) => a + b, 0) / middle.length;
  // Each lip's inner edge against its body, across the lip at the middle
  // (outer contour 0 → inner 13 above, 17 → 14 below): the darker of the two.
  const across = (from: number, to: number, a: number, b: number) => {
    let sum = 0;
    for (let k = 0; k <= 10; k++) {
      const t = a + ((b - a) * k) / 10;
      sum += luma(frame, lm[from * 3]! + (lm[to * 3]! - lm[from * 3]!) * t, lm[from * 3 + 1]! + (lm[to * 3 + 1]! - lm[from * 3 + 1]!) * t);
    }
    return sum / 11;
  };
  const lipEdge = Math.min(...[[0, 13], [17, 14]].map(([from, to]) => across(from!, to!, 0.75, 1) / Math.max(1, across(from!, to!, 0.2, 0.5))));
  return { cavity: mid / skin, teeth: Math.max(...samples(0, 0.33)) / Math.max(1, mid), lipEdge };
}

/** The error (largest channel, levels) that only the given share of pixels exceeds. */
function worstPixels(frame: RgbaImage, photo: RgbaImage, share: number): number {
  const counts = new Uint32Array(256);
  for (let p = 0; p < frame.data.length; p += 4) {
    let e = 0;
    for (let c = 0; c < 3; c++) e = Math.max(e, Math.abs(frame.data[p + c]! - photo.data[p + c]!));
    counts[e]!++;
  }
  let above = 0;
  for (let e = 255; e > 0; e--) {
    above += counts[e]!;
    if (above > share * (frame.data.length / 4)) return e;
  }
  return 0;
}

/** Builds the rig in the page from Node's analysis and renders every pose at the photo's size. */
async function renderPoses(page: Page, file: string, analysis: PhotoAnalysis, frames: MotionFrame[]): Promise<RgbaImage[]> {
  await loadRigInPage(page, readFileSync(file), analysis);
  return renderInPage(page, frames, { ...analysis.photo, background: 'photo' });
}

function contactSheet(frames: RgbaImage[], cols: number): RgbaImage {
  const { width: w, height: h } = frames[0]!;
  const rows = Math.ceil(frames.length / cols);
  const data = new Uint8Array(cols * w * rows * h * 4).fill(255);
  frames.forEach((f, i) => {
    const ox = (i % cols) * w;
    const oy = Math.floor(i / cols) * h;
    for (let y = 0; y < h; y++) data.set(f.data.subarray(y * w * 4, (y + 1) * w * 4), ((oy + y) * cols * w + ox) * 4);
  });
  return { width: cols * w, height: rows * h, data };
}

/**
 * The shipped test photo always; real photos from the developers' media folder
 * when it is there (it is beside the clone in CI, never in the repo).
 * VIVIFY_RIG_PHOTOS (comma-separated PNG paths) renders and measures other
 * photos instead, for a survey beyond the suite's four.
 */
const PHOTOS = process.env.VIVIFY_RIG_PHOTOS
  ? process.env.VIVIFY_RIG_PHOTOS.split(',').map((file) => ({ name: basename(file, '.png'), file }))
  : [
      { name: 'astronaut', file: PHOTO_FILE },
      ...['sadtalker_people_0.png', 'sadtalker_art_1.png', 'echomimic_halfbody_man_0001.png']
        .map((f) => ({ name: f.replace('.png', ''), file: `../shared/media/photos/${f}` }))
        .filter((p) => existsSync(p.file)),
    ];

/** Eye aspect ratio the landmark model reads on each photo's full blink. */
const blinkEAR = new Map<string, number>();

/**
 * Photos on which the landmark model cannot yet be made to read a closed eye.
 * sadtalker_art_1 is a painting with deep-set, shadowed eyes (open EAR 0.21):
 * our closed lid reads 0.117 there. Even a closed lid painted by hand over
 * the photo (flat lid colour from the lid-top ring, a 1–3 px lash line along
 * the lower lid) reads 0.10–0.18, and real closed eyes from the developers'
 * videos, pasted onto it, read 0.096–0.145, where the same painting reads
 * 0.04–0.08 on the astronaut and sadtalker_people_0. Held to the bar in the
 * test.fail below.
 */
const BLINK_NOT_YET_MET = new Set(['sadtalker_art_1']);

for (const { name, file } of PHOTOS) {
test(`${name}: neutral reproduces the photo, the background holds, and rendered motion measures as commanded`, async ({ page, requests, baseURL }) => {
  test.setTimeout(400_000);
  const decoded = decodePng(readFileSync(file));
  const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
  const models = nodeModels();
  try {
    const analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false });
    expect(analysis.faces.length).toBeGreaterThan(0);
    await page.goto('/');
    const frames = await renderPoses(page, file, analysis, POSES.map((p) => p.frame));
    mkdirSync('test-results/render', { recursive: true });
    writeFileSync(`test-results/render/${name}-poses.png`, encodePng(contactSheet(frames, 4)));
    expect(requests.offOrigin(baseURL!)).toEqual([]);

    // Neutral reproduces the photo, with no seams: PSNR averages a thin line
    // of wrong pixels away, so the worst pixels are held too. A person layer's
    // edge that lets the plate show through (grey cracks in dark hair, where
    // the soft matte said 'half covered') is tens of levels off.
    expect(psnr(frames[0]!.data, photo.data)).toBeGreaterThanOrEqual(40);
    const worst = worstPixels(frames[0]!, photo, 0.001);
    expect(worst, 'the neutral frame\'s worst 0.1 % of pixels, levels off the photo').toBeLessThanOrEqual(12);

    // Background: outside the person matte dilated by one eye distance (room for the head to move), unchanged in every pose.
    const face = analysis.faces[0]!;
    const eyeDistance = Math.hypot(face.landmarks[33 * 3]! - face.landmarks[263 * 3]!, face.landmarks[33 * 3 + 1]! - face.landmarks[263 * 3 + 1]!) * 0.8;
    const near = dilate(analysis.matte!.alpha, photo.width, photo.height, Math.round(eyeDistance));
    const background = (px: number) => near[px]! < 8;
    // A close-up may have no background beyond that margin: then there is nothing to hold still.
    let backgroundPixels = 0;
    for (let px = 0; px < near.length; px++) if (background(px)) backgroundPixels++;
    for (const [i, f] of frames.entries()) {
      if (backgroundPixels > 0.02 * near.length) {
        const db = psnr(f.data, photo.data, background);
        expect(db, `background PSNR in "${POSES[i]!.name}"`).toBeGreaterThanOrEqual(45);
      }
      let minAlpha = 255;
      for (let p = 3; p < f.data.length; p += 4) minAlpha = Math.min(minAlpha, f.data[p]!);
      expect(minAlpha, `opaque output in "${POSES[i]!.name}"`).toBe(255);
    }

    // The landmark model sees the commanded motion.
    const measured: PhotoAnalysis[] = [];
    for (const f of frames) measured.push(await analysePhoto(f, models.runModel, { hands: false, body: false, matte: false }));
    for (const [i, m] of measured.entries()) expect(m.faces.length, `face found in "${POSES[i]!.name}"`).toBeGreaterThan(0);
    const lm = (i: number) => measured[i]!.faces[0]!.landmarks;
    const h = faceHeight(lm(0));
    const jawGain = (innerLipGap(lm(1)) - innerLipGap(lm(0))) / h;
    const ear = Math.max(eyeAspectRatio(lm(3), 'left'), eyeAspectRatio(lm(3), 'right'));
    const yaw0 = measured[0]!.faces[0]!.headRotation.yaw;
    const yawPlus = measured[4]!.faces[0]!.headRotation.yaw - yaw0;
    const yawMinus = measured[5]!.faces[0]!.headRotation.yaw - yaw0;
    const report = { jawGainOfFaceHeight: jawGain, blinkEAR: ear, openEAR: eyeAspectRatio(lm(0), 'left'), yawPlus, yawMinus, neutralPSNR: psnr(frames[0]!.data, photo.data), neutralWorst: worst };
    test.info().annotations.push({ type: 'measured', description: JSON.stringify(report) });
    console.log(`rig-render measured ${name}`, report);
    expect(jawGain).toBeGreaterThanOrEqual(0.08);
    // The opened mouth reads as a mouth: teeth under the upper lip and a dark
    // cavity in the middle, not lip-coloured skin dragged across the opening.
    const mouth = mouthProfile(frames[1]!, lm(1), frames[0]!, lm(0));
    test.info().annotations.push({ type: 'mouth', description: JSON.stringify(mouth) });
    console.log(`rig-render mouth ${name}`, mouth);
    expect(mouth.cavity, 'middle of the opened mouth, against the cheeks').toBeLessThan(0.3);
    expect(mouth.teeth, 'brightest under the upper lip, against the middle').toBeGreaterThan(4);
    // Lips the photo shows closed part without the slit's shadow as a dark
    // outline round the opening: their inner edges stay lip (0.55-0.69 when
    // they carried it; 0.79-0.90 now on art_1 and people_0).
    if (innerLipGap(lm(0)) / h <= OPEN_MOUTH_GAP) expect(mouth.lipEdge, 'inner lip edges against the lips, opened mouth').toBeGreaterThan(0.72);
    blinkEAR.set(name, ear);
    if (!BLINK_NOT_YET_MET.has(name)) expect(ear, 'eye aspect ratio of a full blink').toBeLessThan(0.08);
    // Gaze: what is inside each eye opening slides the way it was told, by a visible amount.
    // 0.35 rad on an eyeball of radius 0.4 × eye width moves the iris about
    // 0.14 eye widths; half of that must show, averaged over both eyes (an
    // iris sliding into a narrow corner of a squinting eye hides under the lid,
    // and the shift measured in that eye alone comes out small).
    const index = (name: string) => POSES.findIndex((p) => p.name === name);
    const travel = { right: 0, left: 0 };
    for (const side of ['left', 'right'] as const) {
      const outline = eyeOutline(side).map((i) => [face.landmarks[i * 3]!, face.landmarks[i * 3 + 1]!] as [number, number]);
      const width = Math.hypot(outline[0]![0] - outline[8]![0], outline[0]![1] - outline[8]![1]);
      travel.right += eyeShift(frames[0]!, frames[index('gaze right')]!, outline, Math.ceil(width / 3)) / width / 2;
      travel.left += eyeShift(frames[0]!, frames[index('gaze left')]!, outline, Math.ceil(width / 3)) / width / 2;
    }
    console.log(`rig-render gaze ${name}`, travel);
    expect(travel.right, 'iris travel on gaze right').toBeGreaterThan(0.07);
    expect(travel.left, 'iris travel on gaze left').toBeLessThan(-0.07);
    for (const [measuredYaw, commanded] of [[yawPlus, 0.3], [yawMinus, -0.3]] as const) {
      expect(Math.sign(measuredYaw)).toBe(Math.sign(commanded));
      expect(Math.abs(measuredYaw - commanded)).toBeLessThanOrEqual(0.35 * Math.abs(commanded));
    }
  } finally {
    await models.release();
  }
});
}

// Known gap, kept visible: see BLINK_NOT_YET_MET. Declared only where one of
// those photos is here; it turns red once they pass too: then empty the set
// and delete this test.
if (PHOTOS.some((p) => BLINK_NOT_YET_MET.has(p.name)))
  test.fail('a full blink reads as closed (eye aspect ratio under 0.08) on the photos where it does not yet', () => {
    const held = [...blinkEAR].filter(([name]) => BLINK_NOT_YET_MET.has(name));
    expect(held.length).toBeGreaterThan(0);
    for (const [name, ear] of held) expect(ear, name).toBeLessThan(0.08);
  });

/**
 * Mean vertical change of luma between neighbouring rows 1…rows at the top
 * of a frame, over the given columns: hair has texture down the picture; the
 * photo's top row smeared down has none.
 */
function topRowTexture(frame: RgbaImage, columns: number[], rows: number): number {
  const luma = (x: number, y: number) => {
    const o = (y * frame.width + x) * 4;
    return 0.3 * frame.data[o]! + 0.59 * frame.data[o + 1]! + 0.11 * frame.data[o + 2]!;
  };
  let sum = 0;
  for (let y = 1; y <= rows; y++) for (const x of columns) sum += Math.abs(luma(x, y) - luma(x, y - 1));
  return sum / (rows * columns.length);
}

test('a head cropped by the top of the photo nods down without smearing the top row', async ({ page }) => {
  test.setTimeout(200_000);
  // The astronaut cut 40 px into her hair: what a nod brings in from above the photo is not in it.
  const decoded = decodePng(readFileSync(PHOTO_FILE));
  const size = 320;
  const photo = placed({ ...decoded, data: new Uint8Array(decoded.data) }, size, size, 1, -60, -40).image;
  const models = nodeModels();
  try {
    const analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false });
    await page.goto('/');
    await loadRigInPage(page, encodePng(photo), analysis);
    const nod = neutralFrame();
    nod.head.pitch = 0.25;
    const [neutral, nodded] = await renderInPage(page, [neutralFrame(), nod], { width: size, height: size, background: 'photo' });
    // The hair along the top edge.
    const matte = analysis.matte!;
    const columns = [...Array(size).keys()].filter((x) => matte.alpha[Math.floor((x * matte.width) / size)]! > 200);
    expect(columns.length).toBeGreaterThan(60);
    const [still, moved] = [topRowTexture(neutral!, columns, 10), topRowTexture(nodded!, columns, 10)];
    console.log('rig-render top rows', { still, moved });
    // Hair reflected from beyond the edge, a little stretched, keeps about half
    // the texture of the photo's own (0.54); the top row smeared down kept 0.14.
    expect(moved).toBeGreaterThan(0.4 * still);
  } finally {
    await models.release();
  }
});
