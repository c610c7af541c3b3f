/**
 * A closed mouth opening, on MediaPipe's canonical face with its lips pressed
 * together (the case where the renderer must invent the inside of the mouth):
 * each lip moves as one piece, and the teeth made for the face stay hidden
 * until the lips part, then ride with the skull (upper) and the jaw (lower).
 */
import { expect, test } from 'vitest';
import { neutralFrame, type MotionFrame } from '../../../src/contracts/motion.ts';
import type { Rig } from '../../../src/contracts/rig.ts';
import { deformRig } from '../../../src/render/mesh-deform.ts';
import { canonicalAnalysis, canonicalRig } from '../explain/canonical-rig.ts';

/** Inner-lip pairs (upper, lower) of the face mesh. */
const INNER_PAIRS = [[13, 14], [82, 87], [81, 178], [80, 88], [191, 95], [312, 317], [311, 402], [310, 318], [415, 324]] as const;

function closedMouthRig(): Rig {
  const analysis = canonicalAnalysis();
  const lm = analysis.faces[0]!.landmarks;
  for (const [u, l] of INNER_PAIRS) lm[l * 3 + 1] = lm[u * 3 + 1]!;
  return canonicalRig(analysis);
}

const rig = closedMouthRig();
const layerIndex = (name: string) => rig.layers.findIndex((l) => l.name === name);
const head = layerIndex('head');
const rest = rig.layers[head]!.mesh.positions;
const scale = rig.face!.scale;

function pose(edit: (f: MotionFrame) => void) {
  const f = neutralFrame();
  edit(f);
  return deformRig(rig, f);
}
const jawOpen = pose((f) => (f.blendshapes.jawOpen = 0.8));
const moved = jawOpen[head]!.positions!;
const drop = (i: number) => (moved[i * 3 + 1]! - rest[i * 3 + 1]!) / scale;

test('the rig of a closed mouth has made teeth in front of the cavity, and no photo teeth', () => {
  const names = rig.layers.map((l) => l.name);
  expect(names).toContain('upperTeeth');
  expect(names).not.toContain('teeth');
  // The photo's own slit between the lips lies over them all.
  expect(names.indexOf('lipLine')).toBeGreaterThan(names.indexOf('upperTeeth'));
  expect(names.indexOf('lipLine')).toBeLessThan(head);
  expect(names.indexOf('mouth')).toBeLessThan(names.indexOf('lowerTeeth'));
  expect(names.indexOf('lowerTeeth')).toBeLessThan(names.indexOf('upperTeeth'));
  expect(names.indexOf('upperTeeth')).toBeLessThan(head);
});

test('as the jaw drops, every row of the lower lip drops together and the upper lip stays', () => {
  // Columns of the lower lip, outer contour → inner contour, at the middle and either side of it.
  const lowerColumns = [[17, 16, 15, 14], [84, 85, 86, 87], [314, 315, 316, 317], [181, 180, 179, 178], [405, 404, 403, 402]];
  for (const column of lowerColumns) {
    const drops = column.map(drop);
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    expect(mean).toBeGreaterThan(0.2);
    for (const d of drops) expect(Math.abs(d - mean), `column ${column.join('/')}`).toBeLessThan(0.1 * mean);
    // Still in order top to bottom: no row has folded over another.
    for (let k = 1; k < column.length; k++) expect(moved[column[k - 1]! * 3 + 1]!).toBeGreaterThan(moved[column[k]! * 3 + 1]!);
  }
  for (const i of [0, 11, 12, 13, 37, 72, 38, 82, 267, 302, 268, 312]) expect(Math.abs(drop(i)), `upper lip ${i}`).toBeLessThan(0.01);
});

test('made teeth are hidden while the lips are closed and shown once they part', () => {
  const neutral = pose(() => {});
  for (const name of ['upperTeeth', 'lowerTeeth']) {
    expect(neutral[layerIndex(name)]!.opacity, name).toBe(0);
    expect(jawOpen[layerIndex(name)]!.opacity, name).toBe(1);
  }
  // Lips parted with the jaw closed (as in "ee") show the teeth too.
  const ee = pose((f) => Object.assign(f.blendshapes, { mouthUpperUpLeft: 1, mouthUpperUpRight: 1, mouthLowerDownLeft: 1, mouthLowerDownRight: 1 }));
  expect(ee[layerIndex('upperTeeth')]!.opacity).toBe(1);
});

test('the upper teeth stay with the skull and the lower teeth go down with the jaw', () => {
  const upper = rig.layers[layerIndex('upperTeeth')]!.mesh.positions;
  const lower = rig.layers[layerIndex('lowerTeeth')]!.mesh.positions;
  const upperNow = jawOpen[layerIndex('upperTeeth')]!.positions!;
  const lowerNow = jawOpen[layerIndex('lowerTeeth')]!.positions!;
  for (let k = 0; k < upper.length; k++) expect(upperNow[k]).toBeCloseTo(upper[k]!, 4);
  // The lower lip also rolls down a little as the jaw opens; the teeth are bone and only swing.
  const lipDrop = drop(14);
  for (let v = 0; v < lower.length / 3; v++) {
    const d = (lowerNow[v * 3 + 1]! - lower[v * 3 + 1]!) / scale;
    expect(d).toBeGreaterThan(0.6 * lipDrop);
    expect(d).toBeLessThan(lipDrop);
  }
});

test('the upper teeth end in an edge about a tenth of an eye distance below the lip, in front of the cavity', () => {
  const layer = rig.layers[layerIndex('upperTeeth')]!;
  const image = rig.images['upperTeeth']!;
  const { uvs, positions } = layer.mesh;
  // The mesh's middle column: its vertices' v and photo y, to find where a texel row lies on the face.
  const middle: { v: number; y: number }[] = [];
  for (let k = 0; k < uvs.length / 2; k++) if (Math.abs(uvs[k * 2]! - 0.5) < 1e-6) middle.push({ v: uvs[k * 2 + 1]!, y: positions[k * 3 + 1]! });
  middle.sort((a, b) => a.v - b.v);
  const yAt = (v: number) => {
    for (let k = 1; k < middle.length; k++)
      if (v <= middle[k]!.v) return middle[k - 1]!.y + ((middle[k]!.y - middle[k - 1]!.y) * (v - middle[k - 1]!.v)) / (middle[k]!.v - middle[k - 1]!.v);
    return middle[middle.length - 1]!.y;
  };
  const x = Math.floor(image.width / 2);
  const px = (row: number) => image.data.subarray((row * image.width + x) * 4, (row * image.width + x) * 4 + 4);
  const opaque = [...Array(image.height).keys()].filter((row) => px(row)[3]! > 127);
  // One run of teeth from the top, then nothing.
  expect(opaque[0]).toBe(0);
  expect(opaque.length).toBe(opaque[opaque.length - 1]! + 1);
  const edge = (yAt((opaque.length + 0.5) / image.height) - rest[13 * 3 + 1]!) / scale;
  expect(edge).toBeGreaterThan(0.08);
  expect(edge).toBeLessThan(0.14);
  const luma = (p: Uint8Array) => 0.3 * p[0]! + 0.59 * p[1]! + 0.11 * p[2]!;
  const cavity = rig.images['mouth']!;
  const cavityMid = cavity.data.subarray(((cavity.height >> 1) * cavity.width + (cavity.width >> 1)) * 4);
  expect(luma(px(opaque.length - 8))).toBeGreaterThan(4 * luma(cavityMid));
});

test("the photo's own slit between the closed lips covers the cavity until the lips part", () => {
  const line = layerIndex('lipLine');
  const layer = rig.layers[line]!;
  expect(layer.texture).toEqual({ kind: 'photo' });
  const neutral = pose(() => {})[line]!;
  // At rest it is drawn where it was taken from: the photo comes back.
  expect(neutral.opacity).toBe(1);
  const at = neutral.positions!;
  const { width, height } = rig.photo;
  for (let v = 0; v < layer.mesh.uvs.length / 2; v++) {
    expect(at[v * 3]!).toBeCloseTo(layer.mesh.uvs[v * 2]! * width, 3);
    expect(at[v * 3 + 1]!).toBeCloseTo(layer.mesh.uvs[v * 2 + 1]! * height, 3);
  }
  // A turned head or a smile keeps the lips closed: still the photo's slit, on the moved lips.
  // (On screen a pitched or turned head moves the lips' middles apart; in 3D they stay together.)
  for (const turned of [pose((f) => (f.head.yaw = 0.3)), pose((f) => (f.head.pitch = 0.25))]) {
    expect(turned[line]!.opacity).toBe(1);
    expect(turned[layerIndex('upperTeeth')]!.opacity).toBe(0);
  }
  expect(pose((f) => Object.assign(f.blendshapes, { mouthSmileLeft: 0.9, mouthSmileRight: 0.9 }))[line]!.opacity).toBe(1);
  // Parted lips show the cavity and the teeth instead.
  expect(jawOpen[line]!.opacity).toBe(0);
  const ee = pose((f) => Object.assign(f.blendshapes, { mouthUpperUpLeft: 1, mouthUpperUpRight: 1, mouthLowerDownLeft: 1, mouthLowerDownRight: 1 }));
  expect(ee[line]!.opacity).toBe(0);
});
