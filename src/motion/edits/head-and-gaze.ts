/**
 * Changing the head or the gaze of a finished frame without breaking what the
 * engine tied to them:
 * - the eyes counter-rotate against the head (gaze.ts, vestibulo-ocular
 *   reflex), so a head change moves the gaze by the reflex's share of it;
 * - the eye-look blendshapes are derived from the gaze, so they are moved by
 *   the difference between the old and new gaze's shapes (keeping whatever
 *   the emotion's resting face added on top);
 * - the body's sideways lean follows the head's roll.
 */
import type { BlendshapeName, Gaze, HeadPose, MotionFrame } from '../../contracts/motion.ts';
import { eyeLookShapes } from '../gaze.ts';
import { clamp01 } from '../expression.ts';

// The reflex gain, the gaze limit and the lean-per-roll the engine uses (gaze.ts, motion-engine.ts).
const VOR_GAIN = 0.7;
const GAZE_LIMIT = 0.35;
const LEAN_PER_ROLL = 0.3;

/** Sets the head pose; the gaze keeps looking where it looked in the world, and the lean follows the roll. */
export function setHead(f: MotionFrame, head: HeadPose): void {
  const gaze = { x: f.gaze.x - VOR_GAIN * (head.yaw - f.head.yaw), y: f.gaze.y + VOR_GAIN * (head.pitch - f.head.pitch) };
  f.body.leanSide += LEAN_PER_ROLL * (head.roll - f.head.roll);
  f.head = head;
  setGaze(f, gaze);
}

/** Sets the gaze (clamped as the engine clamps it) and moves the eye-look shapes with it. */
export function setGaze(f: MotionFrame, gaze: Gaze): void {
  const next = { x: clampGaze(gaze.x), y: clampGaze(gaze.y) };
  const before = eyeLookShapes(f.gaze);
  const after = eyeLookShapes(next);
  for (const name of Object.keys(after) as BlendshapeName[]) {
    const v = clamp01((f.blendshapes[name] ?? 0) - (before[name] ?? 0) + (after[name] ?? 0));
    // Weights are sparse: a missing name already means 0.
    if (v !== 0 || f.blendshapes[name] !== undefined) f.blendshapes[name] = v;
  }
  f.gaze = next;
}

function clampGaze(v: number): number {
  return Math.max(-GAZE_LIMIT, Math.min(GAZE_LIMIT, v));
}
