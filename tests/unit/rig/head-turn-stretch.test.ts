/**
 * A turned head shows the side of the face without streaks. On the real
 * astronaut photo, at yaw ±0.3 and ±0.35 and pitch −0.25, little of the
 * visible face is drawn from a sliver of photo stretched more than 3×.
 * MediaPipe's outline landmarks sit a pixel from the cheek in the photo and
 * a quarter of the face behind it; turned with that depth, the side coming
 * into view pulled that sliver (cheek edge, hair shadow, background) across
 * ten or more pixels, as horizontal streaks by the ear. The rig's turnDepth
 * sets those cheeks back on that side only; the side turning away, and the
 * front of the face, turn with the landmarks' depth.
 */
import { afterAll, expect, test } from 'vitest';
import { analysePhoto } from '../../../src/analyse/analyse-photo.ts';
import { neutralFrame, type MotionFrame } from '../../../src/contracts/motion.ts';
import type { RgbaImage } from '../../../src/contracts/rig.ts';
import { deformRig } from '../../../src/render/mesh-deform.ts';
import { buildRig } from '../../../src/rig/build-rig.ts';
import { slopeLimitedDepth } from '../../../src/rig/depth-slope.ts';
import { astronaut } from '../analyse/labelled-points.ts';
import { nodeModels } from '../analyse/node-models.ts';

const models = nodeModels();
afterAll(() => models.release());
const decoded = astronaut();
const photo: RgbaImage = { ...decoded, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
const analysis = await analysePhoto(photo, models.runModel, { hands: false, body: false, matte: false });
const rig = buildRig(analysis, photo);
const head = rig.layers.findIndex((l) => l.name === 'head');
const { positions: rest, indices } = rig.layers[head]!.mesh;
const scale = rig.face!.scale;
const landmarks = analysis.faces[0]!.landmarks;

/** The same rig turning with the landmarks' depth on both sides. */
const landmarkDepth = { ...rig, layers: rig.layers.map((l) => ({ ...l, turnDepth: undefined })) };

function turned(edit: (f: MotionFrame) => void, withRig = rig): Float32Array {
  const f = neutralFrame();
  edit(f);
  return deformRig(withRig, f)[head]!.positions!;
}

/**
 * Screen area (eye distances²) of the face's triangles (the 468 landmarks'
 * own) drawn more than 3× their size in the photo. Only triangles facing the
 * viewer before and after count: one turned over (the far cheek folding
 * behind the nose, or the outline tucked behind the cheek in the photo) is
 * under the face in front of it, and the depth test hides it.
 */
function overStretched(moved: Float32Array): number {
  const signed = (p: Float32Array, a: number, b: number, c: number) =>
    ((p[b * 3]! - p[a * 3]!) * (p[c * 3 + 1]! - p[a * 3 + 1]!) - (p[c * 3]! - p[a * 3]!) * (p[b * 3 + 1]! - p[a * 3 + 1]!)) / 2;
  let area = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t]!, indices[t + 1]!, indices[t + 2]!];
    if (a >= 468 || b >= 468 || c >= 468) continue;
    const [before, after] = [signed(rest, a, b, c) * facing, signed(moved, a, b, c) * facing];
    if (before > 0 && after > 0 && after > 3 * before) area += after;
  }
  return area / scale ** 2;
}

/** The winding of the face's triangles that face the viewer in the photo: the sign most of the face's area has. */
const facing = Math.sign(
  Array.from({ length: indices.length / 3 }, (_, t) => t * 3)
    .filter((t) => indices[t]! < 468 && indices[t + 1]! < 468 && indices[t + 2]! < 468)
    .reduce((sum, t) => {
      const [a, b, c] = [indices[t]!, indices[t + 1]!, indices[t + 2]!];
      return sum + (rest[b * 3]! - rest[a * 3]!) * (rest[c * 3 + 1]! - rest[a * 3 + 1]!) - (rest[c * 3]! - rest[a * 3]!) * (rest[b * 3 + 1]! - rest[a * 3 + 1]!);
    }, 0),
);

// Eye distances² of face over 3×, with the landmarks' depth on both sides
// (as at stop 16): yaw ±0.3 0.045 / 0.056, ±0.35 0.078 / 0.066, pitch −0.25
// 0.030 (a nod up opens the underside of the chin). Pitch +0.25 has none either way.
test.each([
  ['yaw +0.3', (f: MotionFrame) => (f.head.yaw = 0.3), 0.035],
  ['yaw −0.3', (f: MotionFrame) => (f.head.yaw = -0.3), 0.035],
  ['yaw +0.35', (f: MotionFrame) => (f.head.yaw = 0.35), 0.045],
  ['yaw −0.35', (f: MotionFrame) => (f.head.yaw = -0.35), 0.045],
  ['pitch −0.25', (f: MotionFrame) => (f.head.pitch = -0.25), 0.02],
])('%s: little of the face is a sliver stretched past 3×', (_, edit, most) => {
  expect(overStretched(turned(edit, landmarkDepth)), 'with the landmarks\' depth').toBeGreaterThan(most);
  expect(overStretched(turned(edit))).toBeLessThan(most);
});

test('the front of the face keeps its depth, so the turn moves it as much as before', () => {
  // Nose tip, eye corners, mouth corners, chin: depth as the landmark model gave it (the rig's depth grows towards the viewer).
  for (const i of [4, 33, 133, 362, 263, 61, 291, 152]) expect(rest[i * 3 + 2]!, `landmark ${i}`).toBeCloseTo(-landmarks[i * 3 + 2]!, 3);
  // The nose tip, well in front of the pivot, swings towards the turn: about 0.3 × its height over the pivot.
  const moved = turned((f) => (f.head.yaw = 0.3));
  const shift = (moved[4 * 3]! - rest[4 * 3]!) / scale;
  expect(shift).toBeGreaterThan(0.3);
});

test('the side turning away keeps the landmarks\' depth: its cheek passes over the outline as before', () => {
  // Yaw +0.3 moves the face's front towards +x in the photo: the half of the
  // face at larger x turns away, the other comes into view (and −0.3 the reverse).
  const cx = rig.face!.centre[0];
  for (const [yaw, away] of [[0.3, (x: number) => x > cx + 0.3 * scale], [-0.3, (x: number) => x < cx - 0.3 * scale]] as const) {
    const now = turned((f) => (f.head.yaw = yaw));
    const before = turned((f) => (f.head.yaw = yaw), landmarkDepth);
    let same = 0;
    let opened = 0;
    for (let v = 0; v < rest.length / 3; v++) {
      const moved = Math.hypot(now[v * 3]! - before[v * 3]!, now[v * 3 + 1]! - before[v * 3 + 1]!);
      if (away(rest[v * 3]!)) {
        expect(moved, `vertex ${v} on the side turning away`).toBeLessThan(1e-3);
        same++;
      } else if (moved > 0.02 * scale) opened++;
    }
    expect(same).toBeGreaterThan(150);
    // Only the rim and the cheeks beside it differ on the other side.
    expect(opened).toBeGreaterThan(10);
    expect(opened).toBeLessThan(250);
  }
});

test('slopeLimitedDepth: the greatest surface under the points that falls no faster than the slope', () => {
  // A flat face at depth 10 with a rim 30 deeper half a pixel beside it: the
  // rim stays, the face next to it goes back to the slope, the face 10 px
  // away keeps its depth.
  const p = Float32Array.from([0, 0, 10, 20, 0, 10, 29.5, 0, 10, 30, 0, -20]);
  expect(Array.from(slopeLimitedDepth(p, 3))).toEqual([10, 10, -18.5, -20]);
});
