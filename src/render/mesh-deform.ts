/**
 * Vertex positions of every rig layer for one MotionFrame. Runs on the CPU:
 * a head has about 650 vertices and a body grid a few thousand, far cheaper
 * to move here than to debug in a shader, and the same code runs in Node tests.
 *
 * Order on the head: blendshape fields (in face units), then the jaw swings
 * about its hinge, then the whole head turns about the top of the neck, each
 * vertex by its own weight, so the neck bends instead of tearing.
 */
import type { MotionFrame } from '../contracts/motion.ts';
import type { FaceFrame, Rig, RigLayer } from '../contracts/rig.ts';
import type { LayerPose } from './frame-renderer.ts';
import { MOUTH_CONTOUR } from '../rig/mouth-interior.ts';
import { smoothstep } from '../rig/smoothstep.ts';

/** Radians of jaw rotation at jawOpen = 1: about 24°, a wide (yawning) opening, as ARKit's jawOpen = 1 is. */
export const JAW_MAX_RAD = 0.42;
/** Share of mouthLowerDown that comes with a full jaw opening. */
const LIP_ROLL_WITH_JAW = 0.5;
/** Face units of lip parting (beyond the photo's own) at which the teeth are fully shown. */
const TEETH_FULL_GAP = 0.04;
/** Face units of lip parting (beyond the photo's own) by which the photo's closed-lip slit has faded out. */
const LIP_LINE_GONE = 0.02;
/** Face units of shoulder rise at full breath and at a full shrug. */
const BREATH_RISE = 0.035;
const SHRUG_RISE = 0.18;

export function deformRig(rig: Rig, frame: MotionFrame): LayerPose[] {
  const out: LayerPose[] = rig.layers.map(() => ({}));
  const f = rig.face;
  if (!f) return out;
  let head: Float32Array | undefined;
  let restingHead: Float32Array | undefined;
  rig.layers.forEach((layer, i) => {
    if (layer.name === 'head') {
      restingHead = layer.mesh.positions;
      out[i] = { positions: (head = deformHead(rig, layer, f, frame)) };
    }
    else if (layer.name === 'body') out[i] = { positions: deformBody(layer, f, frame) };
  });
  const deformedHead: Float32Array | undefined = head;
  if (!deformedHead || !restingHead) return out;
  // Teeth show only as the lips part: at rest the slit between closed lips is
  // a pixel or two, and teeth there would draw a white line the photo lacks.
  const parting = (lipGap(deformedHead) - lipGap(restingHead)) / f.scale;
  const teethOpacity = smoothstep(0.005, TEETH_FULL_GAP, parting);
  // The photo's closed-lip slit gives way to the cavity a little sooner than the teeth come in.
  const lipLineOpacity = 1 - smoothstep(0.003, LIP_LINE_GONE, parting);
  // The slit's shadow leaves the lips' edges as it leaves the opening.
  const lipEdgeOpacity = 1 - lipLineOpacity;
  // The cavity and the photo's slit share one fan on the inner lips.
  const lips = mouthFromLips(deformedHead, f);
  rig.layers.forEach((layer, i) => {
    if (layer.name === 'mouth') out[i] = { positions: lips };
    if (layer.name === 'lipLine') out[i] = lipLineOpacity > 0 ? { positions: lips, opacity: lipLineOpacity } : { opacity: 0 };
    if (layer.name === 'teeth') out[i] = { positions: followUpperLip(layer, rig, deformedHead) };
    if (layer.name === 'upperTeeth' || layer.name === 'lowerTeeth') {
      out[i] = teethOpacity > 0 ? { positions: deformRigid(layer, f, frame), opacity: teethOpacity } : { opacity: 0 };
    }
    if (layer.name === 'lipEdge' && layer.attach) out[i] = lipEdgeOpacity > 0 ? { positions: attached(deformedHead, layer, f, 0), opacity: lipEdgeOpacity } : { opacity: 0 };
    if (layer.name === 'eyeWhite' && layer.attach) out[i] = { positions: attached(deformedHead, layer, f, 0) };
    if (layer.name === 'iris' && layer.eye) out[i] = { positions: placeIris(layer, rig, deformedHead, f, frame) };
    if (layer.name === 'eyelid' && layer.attach) {
      const blink = frame.blendshapes[layer.side === 'left' ? 'eyeBlinkLeft' : 'eyeBlinkRight'] ?? 0;
      // Only a nearly closed eye needs the skin lid; a half blink is the landmarks' job.
      const opacity = smoothstep(0.35, 0.85, blink);
      out[i] = opacity > 0 ? { positions: attached(deformedHead, layer, f, opacity), opacity } : { opacity: 0 };
    }
  });
  return out;
}


/** Positions of head vertices (plus any drop down the face), nudged towards the viewer so the patch wins over the face beneath. */
function attached(head: Float32Array, layer: RigLayer, f: FaceFrame, amount: number): Float32Array {
  const attach = layer.attach!;
  const out = new Float32Array(attach.length * 3);
  attach.forEach((a, k) => {
    const b = layer.attachTo?.[k] ?? a;
    const t = layer.attachT?.[k] ?? 0;
    const drop = (layer.attachDrop?.[k] ?? 0) * amount * f.scale;
    const lerp = (c: number) => head[a * 3 + c]! * (1 - t) + head[b * 3 + c]! * t;
    out.set([lerp(0) + drop * f.yAxis[0], lerp(1) + drop * f.yAxis[1], lerp(2) + 0.02 * f.scale], k * 3);
  });
  return out;
}

/** The iris rides with the eye's corners, and slides across the eye as the eyeball turns. */
function placeIris(layer: RigLayer, rig: Rig, head: Float32Array, f: FaceFrame, frame: MotionFrame): Float32Array {
  const rest = rig.layers.find((l) => l.name === 'head')!.mesh.positions;
  const [a, b] = layer.eye!.anchor;
  const mid = (p: Float32Array, c: number) => (p[a * 3 + c]! + p[b * 3 + c]!) / 2;
  const r = layer.eye!.eyeballRadius;
  // Positive gaze x looks towards the photo's right (+xAxis), positive y looks up (−yAxis).
  const gx = r * Math.sin(Math.max(-0.6, Math.min(0.6, frame.gaze.x)));
  const gy = -r * Math.sin(Math.max(-0.5, Math.min(0.5, frame.gaze.y)));
  const dx = mid(head, 0) - mid(rest, 0) + gx * f.xAxis[0] + gy * f.yAxis[0];
  const dy = mid(head, 1) - mid(rest, 1) + gx * f.xAxis[1] + gy * f.yAxis[1];
  const p = layer.mesh.positions.slice();
  for (let v = 0; v < p.length / 3; v++) {
    p[v * 3] = p[v * 3]! + dx;
    p[v * 3 + 1] = p[v * 3 + 1]! + dy;
  }
  return p;
}

/** The photo's own teeth: carried rigidly by the middle of the upper inner lip (landmark 13). */
function followUpperLip(layer: RigLayer, rig: Rig, head: Float32Array): Float32Array {
  const rest = rig.layers.find((l) => l.name === 'head')!.mesh.positions;
  const d = [head[13 * 3]! - rest[13 * 3]!, head[13 * 3 + 1]! - rest[13 * 3 + 1]!];
  const p = layer.mesh.positions.slice();
  for (let v = 0; v < p.length / 3; v++) {
    p[v * 3] = p[v * 3]! + d[0]!;
    p[v * 3 + 1] = p[v * 3 + 1]! + d[1]!;
  }
  return p;
}

function deformHead(rig: Rig, layer: RigLayer, f: FaceFrame, frame: MotionFrame): Float32Array {
  const p = layer.mesh.positions.slice();
  const faceCount = layer.faceVertexCount ?? 0;
  // 1. Blendshape fields on the face landmarks.
  for (const [name, weight] of Object.entries(frame.blendshapes)) {
    const field = rig.blendshapes?.[name];
    if (!field || !weight || Math.abs(weight) < 1e-4) continue;
    const w = Math.min(1, Math.max(0, weight));
    for (let v = 0; v < faceCount; v++) {
      const dx = field[v * 3]! * w;
      const dy = field[v * 3 + 1]! * w;
      const dz = field[v * 3 + 2]! * w;
      if (dx === 0 && dy === 0 && dz === 0) continue;
      p[v * 3] = p[v * 3]! + (dx * f.xAxis[0] + dy * f.yAxis[0]) * f.scale;
      p[v * 3 + 1] = p[v * 3 + 1]! + (dx * f.xAxis[1] + dy * f.yAxis[1]) * f.scale;
      p[v * 3 + 2] = p[v * 3 + 2]! + dz * f.scale;
    }
  }
  const skin = layer.skin;
  if (!skin) return p;
  // 2. The jaw swings about the hinge between the ears. The lower lip also
  // rolls down a little as it does (it is soft tissue, not bone), which is
  // what makes an opening read as speech rather than a hinged puppet jaw.
  const jawOpen = Math.min(1, Math.max(0, frame.blendshapes.jawOpen ?? 0));
  const lowerLip = rig.blendshapes?.['mouthLowerDownLeft'];
  const lowerLip2 = rig.blendshapes?.['mouthLowerDownRight'];
  if (jawOpen > 0 && lowerLip && lowerLip2) {
    for (let v = 0; v < faceCount; v++) {
      const dy = (lowerLip[v * 3 + 1]! + lowerLip2[v * 3 + 1]!) * LIP_ROLL_WITH_JAW * jawOpen;
      p[v * 3] = p[v * 3]! + dy * f.yAxis[0] * f.scale;
      p[v * 3 + 1] = p[v * 3 + 1]! + dy * f.yAxis[1] * f.scale;
    }
  }
  swingJawAndHead(p, skin, f, frame, layer.turnDepth && { rest: layer.mesh.positions, depth: layer.turnDepth });
  if (layer.rings && headMoves(frame)) keepRingsApart(p, layer.mesh.positions, faceCount, layer.rings);
  return p;
}

/** Teeth and tongue are bone-like: only the jaw swing and the head's turn move them, never the lips' blendshapes. */
function deformRigid(layer: RigLayer, f: FaceFrame, frame: MotionFrame): Float32Array {
  const p = layer.mesh.positions.slice();
  if (layer.skin) swingJawAndHead(p, layer.skin, f, frame);
  return p;
}

const headMoves = ({ head: { yaw, pitch, roll, x, y, z } }: MotionFrame) => Boolean(yaw || pitch || roll || x || y || z);

/** Steps 2 and 3, in place: the jaw swings about its hinge, then the head turns about the top of the neck and moves, each vertex by its weight. */
function swingJawAndHead(p: Float32Array, skin: NonNullable<RigLayer['skin']>, f: FaceFrame, frame: MotionFrame, turn?: { rest: Float32Array; depth: Float32Array }): void {
  const jaw = Math.min(1, Math.max(0, frame.blendshapes.jawOpen ?? 0)) * JAW_MAX_RAD;
  if (jaw > 0) {
    for (let v = 0; v < p.length / 3; v++) {
      const w = skin.jaw[v]!;
      if (w > 0) rotateAbout(p, v, f, f.jawPivot, w * jaw, 0, 0);
    }
  }
  if (!headMoves(frame)) return;
  const { yaw, pitch, roll, x, y, z } = frame.head;
  if (turn) useTurnDepth(p, turn.rest, turn.depth, f, yaw, pitch);
  for (let v = 0; v < p.length / 3; v++) {
    const w = skin.head[v]!;
    if (w <= 0) continue;
    rotateAbout(p, v, f, f.headPivot, w * pitch, w * yaw, w * roll);
    p[v * 3] = p[v * 3]! + w * (x * f.xAxis[0] + y * f.yAxis[0]) * f.scale;
    p[v * 3 + 1] = p[v * 3 + 1]! + w * (x * f.xAxis[1] + y * f.yAxis[1]) * f.scale;
    p[v * 3 + 2] = p[v * 3 + 2]! + w * z * f.scale;
  }
}

/**
 * On the side of the face that the turn brings into view, the depth the
 * turn uses is the rig's turnDepth (cheeks set back from the steep outline);
 * on the side turning away, the landmarks' own. The front of a turned face
 * moves along (sin yaw, sin pitch) in face axes, so the side coming into view
 * is the one opposite; vertices blend over a 15° band around the dividing
 * line, where the two depths agree anyway except at the chin and the brow.
 */
function useTurnDepth(p: Float32Array, rest: Float32Array, depth: Float32Array, f: FaceFrame, yaw: number, pitch: number): void {
  const [mx, my] = [Math.sin(yaw), Math.sin(pitch)];
  const m = Math.hypot(mx, my);
  if (m < 1e-9) return;
  for (let v = 0; v < depth.length; v++) {
    const set = depth[v]! - rest[v * 3 + 2]!;
    if (set === 0) continue;
    const dx = rest[v * 3]! - f.centre[0];
    const dy = rest[v * 3 + 1]! - f.centre[1];
    const ox = dx * f.xAxis[0] + dy * f.xAxis[1];
    const oy = dx * f.yAxis[0] + dy * f.yAxis[1];
    const away = (ox * mx + oy * my) / (Math.hypot(ox, oy) * m || 1);
    p[v * 3 + 2] = p[v * 3 + 2]! + set * smoothstep(0, 0.25, -away);
  }
}

/** A ring may come no closer to the ring outside it than this share of their resting gap. */
const MIN_RING_GAP = 0.3;

/**
 * On the side a head turns towards, the hair rings are pushed against the
 * static outer ring; past it, their triangles fold over and squeeze hair
 * into a thin line along the outline. Each ring is kept a share of its
 * resting gap inside the next, working inwards from the static one.
 */
function keepRingsApart(p: Float32Array, rest: Float32Array, first: number, rings: { inner: number[]; count: number }): void {
  const size = rings.inner.length;
  for (let r = rings.count - 2; r >= 0; r--) {
    for (let k = 0; k < size; k++) {
      const v = first + r * size + k;
      const out = v + size;
      let dx = rest[out * 3]! - rest[v * 3]!;
      let dy = rest[out * 3 + 1]! - rest[v * 3 + 1]!;
      const gap = Math.hypot(dx, dy);
      if (gap < 1e-6) continue;
      dx /= gap;
      dy /= gap;
      const now = (p[out * 3]! - p[v * 3]!) * dx + (p[out * 3 + 1]! - p[v * 3 + 1]!) * dy;
      const short = MIN_RING_GAP * gap - now;
      if (short > 0) {
        p[v * 3] = p[v * 3]! - short * dx;
        p[v * 3 + 1] = p[v * 3 + 1]! - short * dy;
      }
    }
  }
}

/**
 * Rotates vertex v about `pivot` in the face's own axes: pitch about the eye
 * line (positive nods down), then yaw about the face's vertical (positive
 * turns the face towards the photo's right), then roll in the picture plane
 * (positive is clockwise on screen): the conventions of PhotoAnalysis, so a
 * rendered frame measures as the yaw it was given.
 */
function rotateAbout(p: Float32Array, v: number, f: FaceFrame, pivot: readonly number[], pitch: number, yaw: number, roll: number): void {
  const dx = p[v * 3]! - pivot[0]!;
  const dy = p[v * 3 + 1]! - pivot[1]!;
  let lz = p[v * 3 + 2]! - pivot[2]!;
  let lx = dx * f.xAxis[0] + dy * f.xAxis[1];
  let ly = dx * f.yAxis[0] + dy * f.yAxis[1];
  if (pitch) {
    const c = Math.cos(pitch), s = Math.sin(pitch);
    [ly, lz] = [ly * c + lz * s, -ly * s + lz * c];
  }
  if (yaw) {
    const c = Math.cos(yaw), s = Math.sin(yaw);
    [lx, lz] = [lx * c + lz * s, -lx * s + lz * c];
  }
  if (roll) {
    const c = Math.cos(roll), s = Math.sin(roll);
    [lx, ly] = [lx * c - ly * s, lx * s + ly * c];
  }
  p[v * 3] = pivot[0]! + lx * f.xAxis[0] + ly * f.yAxis[0];
  p[v * 3 + 1] = pivot[1]! + lx * f.xAxis[1] + ly * f.yAxis[1];
  p[v * 3 + 2] = pivot[2]! + lz;
}

function deformBody(layer: RigLayer, f: FaceFrame, frame: MotionFrame): Float32Array | undefined {
  const torso = layer.skin?.torso;
  const { breath, shoulderLeft, shoulderRight } = frame.body;
  if (!torso || (!breath && !shoulderLeft && !shoulderRight)) return undefined;
  const p = layer.mesh.positions.slice();
  for (let v = 0; v < p.length / 3; v++) {
    const w = torso[v]!;
    if (w <= 0) continue;
    // Which shoulder: the side of the face's vertical axis the vertex is on, blended across the middle.
    const side = ((p[v * 3]! - f.centre[0]) * f.xAxis[0] + (p[v * 3 + 1]! - f.centre[1]) * f.xAxis[1]) / f.scale;
    const left = Math.min(1, Math.max(0, 0.5 + side / 2));
    const rise = (BREATH_RISE * breath + SHRUG_RISE * (shoulderLeft * left + shoulderRight * (1 - left))) * w * f.scale;
    p[v * 3] = p[v * 3]! - (rise * f.yAxis[0]);
    p[v * 3 + 1] = p[v * 3 + 1]! - (rise * f.yAxis[1]);
  }
  return p;
}

/**
 * Distance between the middle of the inner lips (landmarks 13 and 14), px,
 * in 3D: a turn of the whole head keeps it (on screen a pitched or turned head
 * moves the two apart, and closed lips read as parted).
 */
function lipGap(p: Float32Array): number {
  return Math.hypot(p[14 * 3]! - p[13 * 3]!, p[14 * 3 + 1]! - p[13 * 3 + 1]!, p[14 * 3 + 2]! - p[13 * 3 + 2]!);
}

/** The mouth interior's fan, placed on the deformed inner lips, a little behind them. */
function mouthFromLips(head: Float32Array, f: FaceFrame): Float32Array {
  const n = MOUTH_CONTOUR.length;
  const out = new Float32Array((n + 1) * 3);
  const c = [0, 0, 0];
  MOUTH_CONTOUR.forEach((li, k) => {
    for (let a = 0; a < 3; a++) {
      out[k * 3 + a] = head[li * 3 + a]!;
      c[a] = c[a]! + head[li * 3 + a]! / n;
    }
    out[k * 3 + 2] = out[k * 3 + 2]! - (0.05 * f.scale);
  });
  out.set([c[0]!, c[1]!, c[2]! - 0.3 * f.scale], n * 3);
  return out;
}
