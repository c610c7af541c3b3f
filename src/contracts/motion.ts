/**
 * The motion contract: what the synthesise stage hands to the renderer and the
 * encoder. Plain data only, so a track can be saved, exported and tested alone.
 *
 * Blendshape names follow Apple ARKit, so curves move to and from the tools
 * animators already use (Live Link Face CSV, glTF morph targets).
 */

export const MOTION_TRACK_VERSION = 1 as const;

/** ARKit face blendshapes, in Live Link Face column order. Weights are in [0, 1]. */
export const ARKIT_BLENDSHAPES = [
  'eyeBlinkLeft', 'eyeLookDownLeft', 'eyeLookInLeft', 'eyeLookOutLeft', 'eyeLookUpLeft',
  'eyeSquintLeft', 'eyeWideLeft',
  'eyeBlinkRight', 'eyeLookDownRight', 'eyeLookInRight', 'eyeLookOutRight', 'eyeLookUpRight',
  'eyeSquintRight', 'eyeWideRight',
  'jawForward', 'jawRight', 'jawLeft', 'jawOpen',
  'mouthClose', 'mouthFunnel', 'mouthPucker', 'mouthRight', 'mouthLeft',
  'mouthSmileLeft', 'mouthSmileRight', 'mouthFrownLeft', 'mouthFrownRight',
  'mouthDimpleLeft', 'mouthDimpleRight', 'mouthStretchLeft', 'mouthStretchRight',
  'mouthRollLower', 'mouthRollUpper', 'mouthShrugLower', 'mouthShrugUpper',
  'mouthPressLeft', 'mouthPressRight', 'mouthLowerDownLeft', 'mouthLowerDownRight',
  'mouthUpperUpLeft', 'mouthUpperUpRight',
  'browDownLeft', 'browDownRight', 'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight',
  'cheekPuff', 'cheekSquintLeft', 'cheekSquintRight',
  'noseSneerLeft', 'noseSneerRight', 'tongueOut',
] as const;

export type BlendshapeName = (typeof ARKIT_BLENDSHAPES)[number];

/** Sparse on purpose: a missing name means weight 0. */
export type BlendshapeWeights = Partial<Record<BlendshapeName, number>>;

export interface HeadPose {
  /** Radians, as PhotoAnalysis measures them: positive yaw turns the face towards the photo's right (the subject's left); positive pitch nods down; positive roll tilts clockwise on screen. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Translation in face-relative units (1 = inter-ocular distance), screen axes: x right, y down, z towards the viewer. */
  x: number;
  y: number;
  z: number;
}

export interface Gaze {
  /** Radians of eye rotation, like head yaw: positive x looks towards the photo's right (the subject's left), positive y looks up. */
  x: number;
  y: number;
}

export interface BodyPose {
  /** Breathing phase amplitude in [0, 1]: chest and shoulder rise. */
  breath: number;
  /** Torso lean in radians: forward (positive) and sideways (positive to the viewer's right). */
  leanForward: number;
  leanSide: number;
  /** Shoulder rise in [0, 1] for a shrug, per side. */
  shoulderLeft: number;
  shoulderRight: number;
  /** Arm joint angles in radians, keyed by joint name (e.g. `leftElbow`). Empty when the driver has no gestures. */
  arms: Record<string, number>;
}

export interface MotionFrame {
  /** Seconds from the start of the driver. */
  time: number;
  head: HeadPose;
  blendshapes: BlendshapeWeights;
  gaze: Gaze;
  body: BodyPose;
}

export type MarkerKind = 'speech' | 'viseme' | 'blink' | 'beat' | 'chunk';

/** Something the motion was made from, for the timeline and for editing. */
export interface MotionMarker {
  kind: MarkerKind;
  /** Seconds. */
  start: number;
  end: number;
  /** Viseme name, beat strength, chunk index…, by kind. */
  label?: string;
  value?: number;
}

export interface MotionTrack {
  version: typeof MOTION_TRACK_VERSION;
  fps: number;
  frameCount: number;
  frames: MotionFrame[];
  markers: MotionMarker[];
  /** Everything needed to make it again: driver hash, style, emotion, seed. */
  source: Record<string, string | number>;
}

export function neutralFrame(time = 0): MotionFrame {
  return {
    time,
    head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0, z: 0 },
    blendshapes: {},
    gaze: { x: 0, y: 0 },
    body: { breath: 0, leanForward: 0, leanSide: 0, shoulderLeft: 0, shoulderRight: 0, arms: {} },
  };
}
