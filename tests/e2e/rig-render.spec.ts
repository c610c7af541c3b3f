/**
 * The rig and renderer on a real photo (NASA's public-domain astronaut):
 * a neutral frame reproduces the photo, the background stays put in every
 * pose, and the face landmark model, run on the rendered frames, sees what
 * was commanded (jaw, blinks, head turn). Also writes a contact sheet.
 */
import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { PhotoAnalysis } from '../../src/contracts/analysis.ts';
import { neutralFrame, type MotionFrame } from '../../src/contracts/motion.ts';
import type { RgbaImage } from '../../src/contracts/rig.ts';
import { analysePhoto } from '../../src/analyse/analyse-photo.ts';
import { eyeAspectRatio, faceHeight, innerLipGap } from '../../src/eval/face-measures.ts';
import { psnr } from '../../src/render/psnr.ts';
import { dilate } from '../../src/rig/plate-inpaint.ts';
import { eyeOutline } from '../../src/rig/eyes.ts';
import { insidePolygon } from '../../src/rig/layer-masks.ts';
import { nodeModels } from '../unit/analyse/node-models.ts';
import { decodePng, encodePng } from '../unit/analyse/png.ts';
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
  pose('yaw +0.35 talking', (f) => ((f.head.yaw = 0.35), Object.assign(f.blendshapes, { jawOpen: 0.5, mouthFunnel: 0.4 }))),
  pose('brows up', (f) => Object.assign(f.blendshapes, { browInnerUp: 1, browOuterUpLeft: 0.6, browOuterUpRight: 0.6 })),
  pose('pucker', (f) => (f.blendshapes.mouthPucker = 1)),
  pose('gaze right', (f) => (f.gaze.x = 0.35)),
  pose('gaze left', (f) => (f.gaze.x = -0.35)),
  pose('gaze up', (f) => (f.gaze.y = 0.3)),
  pose('gaze down', (f) => (f.gaze.y = -0.3)),
];

/** Darkness-weighted centroid of the pixels inside a polygon: where the iris is within the eye opening. */
function darkCentroid(img: RgbaImage, polygon: [number, number][]): [number, number] {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
      if (!insidePolygon(x + 0.5, y + 0.5, polygon)) continue;
      const o = (y * img.width + x) * 4;
      const luma = 0.3 * img.data[o]! + 0.59 * img.data[o + 1]! + 0.11 * img.data[o + 2]!;
      const w = Math.max(0, 200 - luma) ** 2;
      sx += w * (x + 0.5);
      sy += w * (y + 0.5);
      sw += w;
    }
  return [sx / sw, sy / sw];
}

/** Builds the rig in the page from Node's analysis and renders every pose at the photo's size. */
async function renderPoses(page: Page, analysis: PhotoAnalysis, frames: MotionFrame[]): Promise<RgbaImage[]> {
  await loadRigInPage(page, readFileSync(PHOTO_FILE), analysis);
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

test('astronaut: neutral reproduces the photo, the background holds, and rendered motion measures as commanded', async ({ page, requests, baseURL }) => {
  test.setTimeout(300_000);
  const decoded = decodePng(readFileSync(PHOTO_FILE));
  const photo = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
  const models = nodeModels();
  try {
    const analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false });
    expect(analysis.faces.length).toBeGreaterThan(0);
    await page.goto('/');
    const frames = await renderPoses(page, analysis, POSES.map((p) => p.frame));
    mkdirSync('test-results/render', { recursive: true });
    writeFileSync('test-results/render/astronaut-poses.png', encodePng(contactSheet(frames, 4)));
    expect(requests.offOrigin(baseURL!)).toEqual([]);

    // Neutral reproduces the photo.
    expect(psnr(frames[0]!.data, photo.data)).toBeGreaterThanOrEqual(40);

    // Background: outside the person matte dilated by one eye distance (room for the head to move), unchanged in every pose.
    const face = analysis.faces[0]!;
    const eyeDistance = Math.hypot(face.landmarks[33 * 3]! - face.landmarks[263 * 3]!, face.landmarks[33 * 3 + 1]! - face.landmarks[263 * 3 + 1]!) * 0.8;
    const near = dilate(analysis.matte!.alpha, photo.width, photo.height, Math.round(eyeDistance));
    const background = (px: number) => near[px]! < 8;
    for (const [i, f] of frames.entries()) {
      const db = psnr(f.data, photo.data, background);
      expect(db, `background PSNR in "${POSES[i]!.name}"`).toBeGreaterThanOrEqual(45);
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
    const report = { jawGainOfFaceHeight: jawGain, blinkEAR: ear, openEAR: eyeAspectRatio(lm(0), 'left'), yawPlus, yawMinus };
    test.info().annotations.push({ type: 'measured', description: JSON.stringify(report) });
    console.log('rig-render measured', report);
    expect(jawGain).toBeGreaterThanOrEqual(0.08);
    expect(ear).toBeLessThan(0.08);
    // Gaze: the iris (the dark mass inside each eye opening) moves the way it was told, by a visible amount.
    const index = (name: string) => POSES.findIndex((p) => p.name === name);
    for (const side of ['left', 'right'] as const) {
      const outline = eyeOutline(side).map((i) => [face.landmarks[i * 3]!, face.landmarks[i * 3 + 1]!] as [number, number]);
      const width = Math.hypot(outline[0]![0] - outline[8]![0], outline[0]![1] - outline[8]![1]);
      const right = darkCentroid(frames[index('gaze right')]!, outline);
      const left = darkCentroid(frames[index('gaze left')]!, outline);
      expect((right[0] - left[0]) / width, `${side} iris travel`).toBeGreaterThan(0.15);
    }
    for (const [measuredYaw, commanded] of [[yawPlus, 0.3], [yawMinus, -0.3]] as const) {
      expect(Math.sign(measuredYaw)).toBe(Math.sign(commanded));
      expect(Math.abs(measuredYaw - commanded)).toBeLessThanOrEqual(0.35 * Math.abs(commanded));
    }
  } finally {
    await models.release();
  }
});
