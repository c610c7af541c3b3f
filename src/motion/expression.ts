/**
 * The face's ARKit blendshapes from the mouth channels, the brows, the lids and
 * the emotion's resting face.
 *
 * Mouth mapping, per ARKit's definitions: `mouthClose` closes the lips while
 * the jaw is open, so a sealed mouth is mouthClose = jawOpen × seal (lip gap =
 * jawOpen − mouthClose). The jaw's full range maps to jawOpen 0.6: beyond that
 * ARKit's jawOpen is a yawn, not speech.
 */
import type { BlendshapeName, BlendshapeWeights } from '../contracts/motion.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';
import type { Mouth } from './viseme-coarticulation.ts';

const DT = 1 / HOPS_PER_SECOND;
const JAW_RANGE = 0.6;

export function mouthShapes(m: Mouth, amount: number, speech: number): BlendshapeWeights {
  const jawOpen = clamp01(m.jaw * JAW_RANGE * amount);
  const seal = clamp01(m.seal);
  const round = clamp01(m.round * amount);
  const openRound = Math.min(1, m.jaw * 2.5);
  const spread = clamp01(m.spread * amount) * 0.35;
  const press = 0.25 * seal * speech;
  const labio = clamp01(m.labiodental * amount);
  const sib = clamp01(m.sibilant * amount);
  return {
    jawOpen,
    mouthClose: jawOpen * seal,
    mouthFunnel: 0.5 * round * openRound,
    mouthPucker: 0.6 * round * (1 - openRound) + 0.15 * round,
    mouthStretchLeft: spread,
    mouthStretchRight: spread,
    mouthPressLeft: press,
    mouthPressRight: press,
    mouthRollLower: 0.55 * labio,
    mouthUpperUpLeft: 0.15 * labio + 0.25 * sib,
    mouthUpperUpRight: 0.15 * labio + 0.25 * sib,
    mouthLowerDownLeft: 0.3 * sib + 0.25 * jawOpen,
    mouthLowerDownRight: 0.3 * sib + 0.25 * jawOpen,
  };
}

/** Brows rise on emphasis and, a little, with a raised voice (Cavé et al. 1996 link F0 rises and brow raises). */
export interface BrowState {
  raise: Spring;
}

export function browState(): BrowState {
  return { raise: spring() };
}

export function stepBrows(s: BrowState, beat: number, pitchSt: number, speech: number, amount: number): BlendshapeWeights {
  if (beat > 0) s.raise.v += 2.2 * beat * amount;
  const lift = 0.015 * Math.max(0, Math.min(6, pitchSt)) * speech * amount;
  const r = Math.max(0, stepSpring(s.raise, lift, omegaFor(0.4), DT));
  return { browInnerUp: 0.8 * r, browOuterUpLeft: r, browOuterUpRight: r };
}

/** Sums weight sets name by name and clamps each to [0, 1]. */
export function mergeWeights(...sets: BlendshapeWeights[]): BlendshapeWeights {
  const out: BlendshapeWeights = {};
  for (const set of sets) {
    for (const [name, w] of Object.entries(set) as Array<[BlendshapeName, number]>) out[name] = (out[name] ?? 0) + w;
  }
  for (const name of Object.keys(out) as BlendshapeName[]) out[name] = clamp01(out[name]!);
  return out;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
