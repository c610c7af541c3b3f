/**
 * Gaze: eye contact with small saccades while speaking, a glance away at some
 * pause boundaries (people look away when planning the next phrase, Kendon
 * 1967), and the eyes counter-rotating against head turns so the eyes hold
 * the camera while the head moves (the vestibulo-ocular reflex).
 */
import type { BlendshapeWeights, Gaze } from '../contracts/motion.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { between, gaussian, uniform, type RandomState } from './seeded-random.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

const DT = 1 / HOPS_PER_SECOND;
const SACCADE_OMEGA = omegaFor(0.05); // saccades take 30–60 ms
const VOR_GAIN = 0.7;
const LIMIT = 0.35;

export interface GazeState {
  rng: RandomState;
  x: Spring;
  y: Spring;
  targetX: number;
  targetY: number;
  /** Seconds until the next small shift; while looking away, until returning. */
  until: number;
  away: boolean;
}

export function gazeState(rng: RandomState): GazeState {
  return { rng, x: spring(), y: spring(), targetX: 0, targetY: 0, until: 1 + uniform(rng), away: false };
}

export interface GazeInput {
  speech: number;
  pauseOnset: boolean;
  holdSeconds: number;
  awayChance: number;
  restY: number;
  headYaw: number;
  headPitch: number;
}

export function stepGaze(s: GazeState, i: GazeInput): Gaze {
  s.until -= DT;
  if (i.pauseOnset && !s.away && uniform(s.rng) < i.awayChance) {
    s.away = true;
    s.targetX = (uniform(s.rng) < 0.5 ? -1 : 1) * between(s.rng, 0.1, 0.22);
    s.targetY = between(s.rng, -0.04, 0.12);
    s.until = between(s.rng, 0.5, 1.4);
  } else if (s.until <= 0) {
    // Back to the camera, or a small shift around it; idle eyes roam a little more.
    s.away = false;
    const spread = 0.02 + 0.04 * (1 - i.speech);
    s.targetX = spread * gaussian(s.rng);
    s.targetY = 0.6 * spread * gaussian(s.rng);
    s.until = Math.max(0.4, -Math.log(Math.max(1e-9, uniform(s.rng))) * i.holdSeconds);
  }
  const x = stepSpring(s.x, s.targetX, SACCADE_OMEGA, DT);
  const y = stepSpring(s.y, s.targetY + i.restY, SACCADE_OMEGA, DT);
  // Positive head yaw turns the face towards the photo's right; the eyes turn back the other way.
  // Positive head pitch nods down; the eyes look up to compensate.
  const clamp = (v: number) => Math.max(-LIMIT, Math.min(LIMIT, v));
  return { x: clamp(x - VOR_GAIN * i.headYaw), y: clamp(y + VOR_GAIN * i.headPitch) };
}

/**
 * ARKit eye-look blendshapes for a gaze. Positive x looks towards the photo's
 * right, which is the subject's left: the left eye looks out, the right eye in.
 * 0.5 rad of rotation is taken as a full-weight blendshape.
 */
export function eyeLookShapes(g: Gaze): BlendshapeWeights {
  const h = Math.min(1, Math.abs(g.x) / 0.5);
  const v = Math.min(1, Math.abs(g.y) / 0.5);
  const towardsSubjectsLeft = g.x > 0;
  const up = g.y > 0;
  return {
    eyeLookOutLeft: towardsSubjectsLeft ? h : 0,
    eyeLookInRight: towardsSubjectsLeft ? h : 0,
    eyeLookInLeft: towardsSubjectsLeft ? 0 : h,
    eyeLookOutRight: towardsSubjectsLeft ? 0 : h,
    eyeLookUpLeft: up ? v : 0,
    eyeLookUpRight: up ? v : 0,
    eyeLookDownLeft: up ? 0 : v,
    eyeLookDownRight: up ? 0 : v,
  };
}
