/**
 * Styles set how much a person moves; emotions set where they rest and shade
 * the amounts. Both are plain numbers so the UI can show them and a track's
 * `source` can record them.
 *
 * Amounts are multipliers on the conversational defaults in each subsystem.
 * Blink rates follow Bentivoglio et al. 1997 (about 17/min at rest, 26/min
 * in conversation, lower while reading aloud or presenting); we stay in the
 * 14–20 range because synthesised faces read as nervous above that.
 */
import type { BlendshapeWeights } from '../contracts/motion.ts';

export const STYLES = ['calm', 'conversational', 'expressive', 'presenter'] as const;
export const EMOTIONS = ['neutral', 'happy', 'serious', 'surprised', 'sad'] as const;
export type StyleName = (typeof STYLES)[number];
export type EmotionName = (typeof EMOTIONS)[number];

export interface StyleParams {
  /** Head: idle sway and prosody-following amounts. */
  headIdle: number;
  headSpeech: number;
  /** Nods and tilts on stressed syllables. */
  beats: number;
  /** Brow raises on emphasis. */
  brows: number;
  /** Jaw and lip amounts. */
  mouth: number;
  /** Blinks per minute before pause-boundary blinks are added. */
  blinkRate: number;
  /** Mean seconds between gaze shifts while speaking; longer holds eye contact. */
  gazeHold: number;
  /** Chance of looking away at a pause boundary. */
  gazeAway: number;
  /** Forward lean in radians. */
  lean: number;
  breath: number;
}

export interface EmotionParams {
  /** Resting blendshapes, scaled by intensity. */
  face: BlendshapeWeights;
  /** Resting head pitch in radians (positive looks down) and gaze pitch. */
  headPitch: number;
  gazeY: number;
  /** Multipliers on the style's head, beat and blink amounts. */
  motion: number;
  blink: number;
}

const STYLE_TABLE: Record<StyleName, StyleParams> = {
  calm: { headIdle: 0.7, headSpeech: 0.55, beats: 0.5, brows: 0.5, mouth: 0.85, blinkRate: 13, gazeHold: 3.0, gazeAway: 0.2, lean: 0, breath: 0.8 },
  conversational: { headIdle: 1, headSpeech: 1, beats: 1, brows: 1, mouth: 1, blinkRate: 15, gazeHold: 2.0, gazeAway: 0.35, lean: 0.02, breath: 1 },
  expressive: { headIdle: 1.2, headSpeech: 1.45, beats: 1.6, brows: 1.6, mouth: 1.1, blinkRate: 16, gazeHold: 1.5, gazeAway: 0.45, lean: 0.03, breath: 1.1 },
  // A presenter holds the camera's eye and nods on points, and leans in.
  presenter: { headIdle: 0.8, headSpeech: 0.9, beats: 1.3, brows: 1.1, mouth: 1.05, blinkRate: 13, gazeHold: 4.0, gazeAway: 0.1, lean: 0.05, breath: 0.9 },
};

const EMOTION_TABLE: Record<EmotionName, EmotionParams> = {
  neutral: { face: {}, headPitch: 0, gazeY: 0, motion: 1, blink: 1 },
  happy: {
    face: { mouthSmileLeft: 0.4, mouthSmileRight: 0.4, cheekSquintLeft: 0.2, cheekSquintRight: 0.2, eyeSquintLeft: 0.15, eyeSquintRight: 0.15 },
    headPitch: -0.03, gazeY: 0, motion: 1.15, blink: 1,
  },
  serious: {
    face: { browDownLeft: 0.3, browDownRight: 0.3, mouthPressLeft: 0.15, mouthPressRight: 0.15, eyeSquintLeft: 0.1, eyeSquintRight: 0.1 },
    headPitch: 0.02, gazeY: 0, motion: 0.75, blink: 0.85,
  },
  surprised: {
    face: { browInnerUp: 0.45, browOuterUpLeft: 0.45, browOuterUpRight: 0.45, eyeWideLeft: 0.4, eyeWideRight: 0.4, jawOpen: 0.04 },
    headPitch: -0.04, gazeY: 0.02, motion: 1.1, blink: 0.7,
  },
  sad: {
    face: { browInnerUp: 0.4, mouthFrownLeft: 0.3, mouthFrownRight: 0.3, eyeLookDownLeft: 0.1, eyeLookDownRight: 0.1, mouthShrugLower: 0.1 },
    headPitch: 0.08, gazeY: -0.05, motion: 0.7, blink: 0.9,
  },
};

export function styleParams(style: StyleName): StyleParams {
  const s = STYLE_TABLE[style];
  if (!s) throw new RangeError(`unknown style ${String(style)}`);
  return s;
}

/** Emotion at `intensity` in [0, 1]: resting values scale linearly, multipliers move towards 1. */
export function emotionParams(emotion: EmotionName, intensity = 1): EmotionParams {
  const e = EMOTION_TABLE[emotion];
  if (!e) throw new RangeError(`unknown emotion ${String(emotion)}`);
  const k = Math.max(0, Math.min(1, intensity));
  const face: BlendshapeWeights = {};
  for (const [name, w] of Object.entries(e.face) as Array<[keyof BlendshapeWeights, number]>) face[name] = w * k;
  return {
    face,
    headPitch: e.headPitch * k,
    gazeY: e.gazeY * k,
    motion: 1 + (e.motion - 1) * k,
    blink: 1 + (e.blink - 1) * k,
  };
}
