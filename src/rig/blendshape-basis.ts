/**
 * ARKit-named displacement fields on the 468 face landmarks, in face units
 * (x along the eye line towards the subject's left, y down, z towards the
 * viewer). Each field is built from a few handles (a landmark and a
 * direction) spread to their neighbours with a Gaussian falloff, measured on
 * this face's own landmarks so the shapes follow its proportions.
 *
 * jawOpen is not a field: the deformer rotates jaw-weighted vertices about the
 * hinge, so the chin swings instead of sliding (a "rubber-sheet" jaw).
 */
import type { BlendshapeBasis, FaceFrame } from '../contracts/rig.ts';
import { BROWS, CHEEKS, EYES, INNER_LIP_LOWER, INNER_LIP_UPPER, MOUTH_CORNERS, OUTER_LIP_LOWER, OUTER_LIP_UPPER } from './face-regions.ts';
import { toFace, type Points3 } from './face-frame.ts';

type Side = 'right' | 'left';
/** +1 for the subject's left (image right in an unmirrored photo), −1 for their right. */
const SIGN: Record<Side, number> = { right: -1, left: 1 };

interface Handle {
  landmarks: readonly number[];
  dir: readonly [number, number, number];
  /** Falloff radius in face units. */
  radius: number;
  /** Restrict to the upper (jaw weight < 0.5) or lower part of the mouth, so lips move apart, not together. */
  part?: 'upper' | 'lower';
}

const upperLip = [...INNER_LIP_UPPER, ...OUTER_LIP_UPPER.slice(1, -1)];
const lowerLip = [...INNER_LIP_LOWER, ...OUTER_LIP_LOWER];
const sideOf = (list: readonly number[], face: Float32Array, side: Side) => list.filter((i) => Math.sign(face[i * 3]!) === SIGN[side]);

function handlesFor(name: string, face: Float32Array): Handle[] {
  const sided = (base: string, f: (s: Side) => Handle[]): Handle[] | undefined =>
    name === `${base}Left` ? f('left') : name === `${base}Right` ? f('right') : undefined;
  const corner = (s: Side) => MOUTH_CORNERS[s];
  const found =
    sided('mouthSmile', (s) => [{ landmarks: corner(s), dir: [0.16 * SIGN[s], -0.13, -0.03], radius: 0.32 }]) ??
    sided('mouthFrown', (s) => [{ landmarks: corner(s), dir: [0.02 * SIGN[s], 0.11, 0], radius: 0.28 }]) ??
    sided('mouthStretch', (s) => [{ landmarks: corner(s), dir: [0.14 * SIGN[s], 0.04, -0.02], radius: 0.3 }]) ??
    sided('mouthUpperUp', (s) => [{ landmarks: sideOf(upperLip, face, s), dir: [0, -0.07, 0.01], radius: 0.12, part: 'upper' }]) ??
    sided('mouthLowerDown', (s) => [{ landmarks: sideOf(lowerLip, face, s), dir: [0, 0.09, 0], radius: 0.12, part: 'lower' }]) ??
    sided('mouthPress', (s) => [
      { landmarks: sideOf(OUTER_LIP_UPPER, face, s), dir: [0, 0.025, -0.01], radius: 0.1, part: 'upper' },
      { landmarks: sideOf(OUTER_LIP_LOWER, face, s), dir: [0, -0.025, -0.01], radius: 0.1, part: 'lower' },
    ]) ??
    sided('eyeSquint', (s) => [{ landmarks: EYES[s].lower, dir: [0, -0.05, 0], radius: 0.1 }]) ??
    sided('eyeWide', (s) => [{ landmarks: [...EYES[s].upper, ...EYES[s].crease], dir: [0, -0.06, 0], radius: 0.1 }]) ??
    sided('browDown', (s) => [{ landmarks: [...BROWS[s].inner, ...BROWS[s].outer], dir: [-0.03 * SIGN[s], 0.09, 0], radius: 0.18 }]) ??
    sided('browOuterUp', (s) => [{ landmarks: BROWS[s].outer, dir: [0, -0.12, 0], radius: 0.2 }]);
  if (found) return found;
  switch (name) {
    case 'browInnerUp':
      return [{ landmarks: [...BROWS.right.inner, ...BROWS.left.inner], dir: [0, -0.12, 0], radius: 0.2 }];
    case 'mouthClose':
      return [
        { landmarks: INNER_LIP_UPPER, dir: [0, 0.05, 0], radius: 0.1, part: 'upper' },
        { landmarks: INNER_LIP_LOWER, dir: [0, -0.08, 0], radius: 0.12, part: 'lower' },
      ];
    case 'mouthFunnel':
      return [
        { landmarks: [...MOUTH_CORNERS.right], dir: [0.12, 0, 0.08], radius: 0.2 },
        { landmarks: [...MOUTH_CORNERS.left], dir: [-0.12, 0, 0.08], radius: 0.2 },
        { landmarks: INNER_LIP_UPPER, dir: [0, -0.04, 0.06], radius: 0.1, part: 'upper' },
        { landmarks: INNER_LIP_LOWER, dir: [0, 0.05, 0.06], radius: 0.1, part: 'lower' },
      ];
    case 'mouthPucker':
      return [
        { landmarks: [...MOUTH_CORNERS.right], dir: [0.17, 0, 0.1], radius: 0.22 },
        { landmarks: [...MOUTH_CORNERS.left], dir: [-0.17, 0, 0.1], radius: 0.22 },
        { landmarks: [...upperLip, ...lowerLip], dir: [0, 0, 0.06], radius: 0.1 },
      ];
    case 'cheekPuff':
      return [
        { landmarks: [CHEEKS.right], dir: [-0.08, 0, 0.05], radius: 0.35 },
        { landmarks: [CHEEKS.left], dir: [0.08, 0, 0.05], radius: 0.35 },
      ];
    default:
      return [];
  }
}

/** Blinks move each upper-lid point onto its lower-lid partner: exact, not a falloff guess. */
function blinkField(face: Float32Array, side: Side): Float32Array {
  const d = new Float32Array(468 * 3);
  const e = EYES[side];
  e.upper.forEach((u, k) => {
    const l = e.lower[k]!;
    for (let c = 0; c < 2; c++) {
      const gap = face[l * 3 + c]! - face[u * 3 + c]!;
      d[u * 3 + c] = 0.92 * gap; // the lids meet a little above the lower lid
      d[l * 3 + c] = -0.08 * gap;
      d[e.crease[k]! * 3 + c] = 0.45 * gap; // the fold above follows part of the way
    }
  });
  return d;
}

export const BASIS_NAMES = [
  'mouthClose', 'mouthFunnel', 'mouthPucker',
  'mouthSmileLeft', 'mouthSmileRight', 'mouthFrownLeft', 'mouthFrownRight', 'mouthStretchLeft', 'mouthStretchRight',
  'mouthUpperUpLeft', 'mouthUpperUpRight', 'mouthLowerDownLeft', 'mouthLowerDownRight', 'mouthPressLeft', 'mouthPressRight',
  'eyeBlinkLeft', 'eyeBlinkRight', 'eyeSquintLeft', 'eyeSquintRight', 'eyeWideLeft', 'eyeWideRight',
  'browInnerUp', 'browDownLeft', 'browDownRight', 'browOuterUpLeft', 'browOuterUpRight', 'cheekPuff',
] as const;

export function buildBlendshapeBasis(landmarks: Points3, frame: FaceFrame, jawWeight: Float32Array): BlendshapeBasis {
  const face = new Float32Array(468 * 3);
  for (let i = 0; i < 468; i++) face.set(toFace(frame, landmarks[i * 3]!, landmarks[i * 3 + 1]!, landmarks[i * 3 + 2]!), i * 3);
  const basis: BlendshapeBasis = {};
  for (const name of BASIS_NAMES) {
    if (name === 'eyeBlinkLeft' || name === 'eyeBlinkRight') {
      basis[name] = blinkField(face, name === 'eyeBlinkLeft' ? 'left' : 'right');
      continue;
    }
    const field = new Float32Array(468 * 3);
    for (const h of handlesFor(name, face)) {
      for (let v = 0; v < 468; v++) {
        if (h.part === 'upper' && jawWeight[v]! >= 0.5) continue;
        if (h.part === 'lower' && jawWeight[v]! < 0.5) continue;
        // The nearest handle of a group decides: a lip moves as one piece, not by the sum of its points.
        let w = 0;
        for (const hi of h.landmarks) {
          const dx = face[v * 3]! - face[hi * 3]!;
          const dy = face[v * 3 + 1]! - face[hi * 3 + 1]!;
          const dz = face[v * 3 + 2]! - face[hi * 3 + 2]!;
          w = Math.max(w, Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * h.radius * h.radius)));
        }
        for (let c = 0; c < 3; c++) field[v * 3 + c] = field[v * 3 + c]! + h.dir[c]! * w;
      }
    }
    basis[name] = field;
  }
  return basis;
}
