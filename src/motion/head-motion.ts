/**
 * Head motion that follows prosody: a nod and a small tilt on each beat,
 * a lift with raised pitch, and a slow wander that never stops (a perfectly
 * still head reads as a photo) but calms down in pauses.
 *
 * Everything is summed into a target and passed through two critically damped
 * springs in cascade at about 1.2 Hz. Their combined response falls off at
 * 24 dB per octave, so at 8 Hz it is ~50 dB down: no jitter, no "seasick" high
 * frequencies. Because a critically damped spring is a weighted average of
 * its targets, soft-limiting the target keeps the output inside
 * |yaw| < 0.3 and |pitch|, |roll| < 0.2 rad without clipping.
 */
import type { HeadPose } from '../contracts/motion.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { gaussian, uniform, type RandomState } from './seeded-random.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

const DT = 1 / HOPS_PER_SECOND;
const SMOOTH_OMEGA = omegaFor(0.45);
const NOD_OMEGA = omegaFor(0.35);
const WANDER_TAU = 1.8; // seconds: how long a drift direction persists
const LIMIT = { yaw: 0.3, pitch: 0.2, roll: 0.2 };

// Standard deviations (rad) of the wander, idle and speaking. Measured head
// motion in conversation is a few degrees (Busso et al. 2007); 0.05 rad ≈ 3°.
const WANDER_IDLE = { yaw: 0.035, pitch: 0.02, roll: 0.015 };
const WANDER_SPEECH = { yaw: 0.06, pitch: 0.03, roll: 0.03 };

type Axis = 'yaw' | 'pitch' | 'roll';
const AXES: Axis[] = ['yaw', 'pitch', 'roll'];

export interface HeadState {
  rng: RandomState;
  wander: Record<Axis, number>;
  nod: Record<Axis, Spring>;
  smooth1: Record<Axis, Spring>;
  smooth2: Record<Axis, Spring>;
  sway: number;
}

export function headState(rng: RandomState): HeadState {
  const s = () => ({ yaw: spring(), pitch: spring(), roll: spring() });
  return { rng, wander: { yaw: 0, pitch: 0, roll: 0 }, nod: s(), smooth1: s(), smooth2: s(), sway: 0 };
}

export interface HeadInput {
  /** 0 in a pause … 1 in speech, smoothed. */
  speech: number;
  /** Beat strength this hop, 0 if none. */
  beat: number;
  /** Semitones above the speaker's mean pitch (0 when unvoiced). */
  pitchSt: number;
  idleAmount: number;
  speechAmount: number;
  beatAmount: number;
  /** Resting pitch offset (rad) from the emotion. */
  restPitch: number;
}

export function stepHead(s: HeadState, i: HeadInput): HeadPose {
  const k = Math.sqrt((2 * DT) / WANDER_TAU);
  for (const ax of AXES) {
    const sigma = (WANDER_IDLE[ax] * i.idleAmount * (1 - i.speech)) + WANDER_SPEECH[ax] * i.speechAmount * i.speech;
    // Ornstein-Uhlenbeck: mean-reverting random walk with stationary deviation `sigma`.
    s.wander[ax] += (-s.wander[ax] * DT) / WANDER_TAU + sigma * k * gaussian(s.rng);
  }
  if (i.beat > 0) {
    // A kick to the nod springs: a smooth down-and-back nod, a tilt and a small turn of random side.
    const a = i.beat * i.beatAmount;
    s.nod.pitch.v += 1.6 * a;
    s.nod.roll.v += (uniform(s.rng) < 0.5 ? -1 : 1) * 0.7 * a;
    s.nod.yaw.v += (uniform(s.rng) < 0.5 ? -1 : 1) * 0.6 * a;
  }
  // Raised pitch lifts the chin a little (negative pitch looks up).
  const lift = -0.008 * Math.max(-3, Math.min(5, i.pitchSt)) * i.speech * i.speechAmount;
  const out = { yaw: 0, pitch: 0, roll: 0 };
  for (const ax of AXES) {
    const nod = stepSpring(s.nod[ax], 0, NOD_OMEGA, DT);
    let target = s.wander[ax] + nod + (ax === 'pitch' ? lift + i.restPitch : 0);
    target = LIMIT[ax] * Math.tanh(target / LIMIT[ax]);
    const a = stepSpring(s.smooth1[ax], target, SMOOTH_OMEGA, DT);
    out[ax] = stepSpring(s.smooth2[ax], a, SMOOTH_OMEGA, DT);
  }
  // The head moves with the neck: a turn shifts it sideways a little, a nod brings it forward.
  return { ...out, x: -0.15 * out.yaw + 0.1 * out.roll, y: 0.1 * out.pitch, z: 0.05 * out.pitch };
}
