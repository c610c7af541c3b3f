/** The pure pre/post-processing modules, on synthetic data where the right answer is known exactly. */
import { describe, expect, test } from 'vitest';
import manifestJson from '../../../models/manifest.json';
import { cropToTensor } from '../../../src/analyse/affine-crop.ts';
import { boxMean } from '../../../src/analyse/box-filter.ts';
import { decodeBoxes, type Detection } from '../../../src/analyse/box-decoding.ts';
import { headRotation } from '../../../src/analyse/head-rotation.ts';
import { ImagePyramid } from '../../../src/analyse/image-pyramid.ts';
import { inputToPhoto, letterbox, photoToInput } from '../../../src/analyse/letterbox.ts';
import { ALL_MODEL_SPECS } from '../../../src/analyse/model-specs.ts';
import { OneEuroFilter } from '../../../src/analyse/one-euro-filter.ts';
import { adjustRect, photoToRect, rectFromAlignmentPoints, rectToPhoto, rotationFromVector } from '../../../src/analyse/rotated-roi.ts';
import { FACE_SHORT_RANGE_ANCHORS, generateAnchors, PALM_ANCHORS, POSE_DETECTOR_ANCHORS } from '../../../src/analyse/ssd-anchors.ts';
import { weightedNms } from '../../../src/analyse/weighted-nms.ts';

describe('SSD anchors', () => {
  test('counts match the detectors’ outputs (896 face, 2254 pose, 2016 palm)', () => {
    expect(generateAnchors(FACE_SHORT_RANGE_ANCHORS).length / 2).toBe(896);
    expect(generateAnchors(POSE_DETECTOR_ANCHORS).length / 2).toBe(2254);
    expect(generateAnchors(PALM_ANCHORS).length / 2).toBe(2016);
  });
  test('the first anchors sit at the centre of the first stride-8 cell, two per cell', () => {
    const a = generateAnchors(FACE_SHORT_RANGE_ANCHORS);
    expect([...a.slice(0, 6)]).toEqual([4 / 128, 4 / 128, 4 / 128, 4 / 128, 12 / 128, 4 / 128]);
    // The 16×16 map ends at 512 anchors; the 8×8 map (6 per cell) starts at cell centre 8/128.
    expect(a[512 * 2]).toBeCloseTo(8 / 128);
  });
});

describe('box decoding and weighted NMS', () => {
  test('a regression is an offset in input pixels from the anchor centre', () => {
    const anchors = Float32Array.from([0.5, 0.5]);
    const regressors = Float32Array.from([12.8, -12.8, 25.6, 51.2, 0, 0, 12.8, 12.8]); // box + 2 keypoints
    const [d] = decodeBoxes(regressors, Float32Array.from([2]), anchors, {
      numCoords: 8, numKeypoints: 2, inputWidth: 128, inputHeight: 128, minScore: 0.5, scoreClip: 100,
    });
    expect(d!.x).toBeCloseTo(0.6 - 0.1);
    expect(d!.y).toBeCloseTo(0.4 - 0.2);
    expect(d!.width).toBeCloseTo(0.2);
    expect(d!.score).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect([...d!.keypoints]).toEqual([0.5, 0.5, expect.closeTo(0.6), expect.closeTo(0.6)]);
  });
  test('scores under the threshold are dropped', () => {
    const out = decodeBoxes(new Float32Array(4), Float32Array.from([-0.1]), Float32Array.from([0.5, 0.5]), {
      numCoords: 4, numKeypoints: 0, inputWidth: 1, inputHeight: 1, minScore: 0.5, scoreClip: 100,
    });
    expect(out).toEqual([]);
  });
  test('overlapping boxes merge into their score-weighted mean; separate ones stay', () => {
    const det = (x: number, score: number): Detection => ({ x, y: 0, width: 1, height: 1, score, keypoints: Float32Array.from([x, 0]) });
    const kept = weightedNms([det(0, 0.9), det(0.1, 0.6), det(5, 0.8)], 0.3);
    expect(kept).toHaveLength(2);
    expect(kept[0]!.score).toBe(0.9);
    expect(kept[0]!.x).toBeCloseTo((0.1 * 0.6) / 1.5);
    expect(kept[0]!.keypoints[0]).toBeCloseTo((0.1 * 0.6) / 1.5);
    expect(kept[1]!.x).toBe(5);
  });
});

describe('letterbox and rotated ROIs', () => {
  test('letterbox pads the short side and inverts exactly', () => {
    const lb = letterbox({ width: 400, height: 200 }, { width: 128, height: 128 });
    expect(lb.scale).toBeCloseTo(0.32);
    expect(lb.padX).toBeCloseTo(0);
    expect(lb.padY).toBeCloseTo(32);
    expect(photoToInput(lb, 0, 0)).toEqual([expect.closeTo(0), expect.closeTo(32)]);
    const [x, y] = inputToPhoto(lb, ...photoToInput(lb, 123, 45));
    expect(x).toBeCloseTo(123);
    expect(y).toBeCloseTo(45);
  });
  test('rotation: the eye line points along +x at 0, the hips→head vector up at 90°', () => {
    expect(rotationFromVector([0, 0], [10, 0], 0)).toBeCloseTo(0);
    // Eyes tilted down to the right by 30° on screen: the ROI turns 30° clockwise.
    expect(rotationFromVector([0, 0], [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)], 0)).toBeCloseTo(Math.PI / 6);
    expect(rotationFromVector([0, 10], [0, 0], Math.PI / 2)).toBeCloseTo(0);
  });
  test('rect ↔ photo round trip, and shifts move along the rotated axes', () => {
    const r = { cx: 50, cy: 40, width: 20, height: 10, rotation: 0.7 };
    const [u, v] = photoToRect(r, ...rectToPhoto(r, 0.3, -0.2));
    expect(u).toBeCloseTo(0.3);
    expect(v).toBeCloseTo(-0.2);
    const shifted = adjustRect({ ...r, rotation: Math.PI / 2 }, { shiftY: -0.5 });
    expect(shifted.cx).toBeCloseTo(55); // "up" in a rect turned 90° clockwise is +x
    expect(adjustRect(r, { scaleX: 2, squareLong: true }).height).toBe(40);
  });
  test('alignment-point rects are a circle’s square around the centre point', () => {
    const r = rectFromAlignmentPoints([100, 100], [100, 60], Math.PI / 2);
    expect(r.width).toBe(80);
    expect(r.rotation).toBeCloseTo(0);
  });
});

describe('affine crop', () => {
  const gradient = (w: number, h: number) => {
    const data = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 255 - x, 255], (y * w + x) * 4);
    return new ImagePyramid({ width: w, height: h, data });
  };
  test('an unrotated same-size crop returns the pixels, normalised', () => {
    const t = cropToTensor(gradient(64, 32), { cx: 32, cy: 16, width: 64, height: 32, rotation: 0 }, { width: 64, height: 32, range: [0, 1] });
    expect(t[0]).toBeCloseTo(0);
    expect(t[63]).toBeCloseTo(63 / 255);
    expect(t[64 * 32 + 64 * 5]).toBeCloseTo(5 / 255); // green plane, row 5
  });
  test('a 90° rotated crop reads columns as rows; outside the photo is black', () => {
    const t = cropToTensor(gradient(64, 64), { cx: 32, cy: 32, width: 64, height: 64, rotation: Math.PI / 2 }, { width: 64, height: 64, range: [-1, 1] });
    // Output row 0 runs down the photo's right edge (x = 63) from top to bottom.
    expect(t[0]).toBeCloseTo((63 / 255) * 2 - 1, 1);
    const outside = cropToTensor(gradient(64, 64), { cx: -100, cy: -100, width: 10, height: 10, rotation: 0 }, { width: 4, height: 4, range: [-1, 1] });
    expect([...outside]).toEqual(new Array(48).fill(-1));
  });
  test('large downscales read a mip level, so a fine checkerboard averages to grey', () => {
    const w = 1024;
    const data = new Uint8Array(w * w * 4);
    for (let i = 0; i < w * w; i++) data.fill(((i % w) + Math.floor(i / w)) % 2 ? 255 : 0, i * 4, i * 4 + 3);
    const t = cropToTensor(new ImagePyramid({ width: w, height: w, data }), { cx: 512, cy: 512, width: 1024, height: 1024, rotation: 0 }, { width: 32, height: 32, range: [0, 1] });
    for (const v of t.subarray(0, 32 * 32)) expect(v).toBeCloseTo(0.5, 1);
  });
});

describe('filters and estimates', () => {
  test('box mean of a constant is the constant, borders included', () => {
    for (const v of boxMean(new Float32Array(30).fill(2), 6, 5, 2)) expect(v).toBeCloseTo(2);
  });
  test('One-Euro: a still signal with jitter settles near its mean; a step is followed', () => {
    const f = new OneEuroFilter();
    let out: Float32Array = new Float32Array(1);
    for (let i = 0; i < 60; i++) out = f.filter(Float32Array.from([100 + (i % 2 ? 1 : -1)]), i * 33);
    expect(Math.abs(out[0]! - 100)).toBeLessThan(0.5);
    for (let i = 60; i < 90; i++) out = f.filter(Float32Array.from([200]), i * 33);
    expect(out[0]).toBeGreaterThan(195);
  });
  test('head rotation reads roll from the eye line', () => {
    const l = new Float32Array(468 * 3);
    const set = (i: number, x: number, y: number) => l.set([x, y, 0], 3 * i);
    const a = 0.3;
    const R = (x: number, y: number): [number, number] => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)];
    set(33, ...R(-30, 0));
    set(263, ...R(30, 0));
    set(10, ...R(0, -60));
    set(152, ...R(0, 60));
    const r = headRotation(l);
    expect(r.roll).toBeCloseTo(a);
    expect(r.yaw).toBeCloseTo(0);
    expect(r.pitch).toBeCloseTo(0);
  });
});

test('model specs match the manifest: ids, input names, sizes, value ranges', () => {
  const models = (manifestJson as { models: { id: string; inputs: { name: string; shape: number[] }[]; outputs: { name: string }[]; inputRange?: number[] }[] }).models;
  for (const spec of ALL_MODEL_SPECS) {
    const entry = models.find((m) => m.id === spec.id);
    expect(entry, spec.id).toBeDefined();
    expect(entry!.inputs[0]!.name).toBe(spec.input);
    expect(entry!.inputs[0]!.shape).toEqual([1, 3, spec.height, spec.width]);
    expect(entry!.inputRange).toEqual([...spec.range]);
    const outputNames = entry!.outputs.map((o) => o.name);
    for (const [key, value] of Object.entries(spec)) {
      if (!['id', 'input', 'width', 'height', 'range'].includes(key)) expect(outputNames, `${spec.id}.${key}`).toContain(value);
    }
  }
});
