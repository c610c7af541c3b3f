/**
 * Coarticulation: turning per-hop articulation targets into mouth motion.
 *
 * Real articulators move before the sound they make (lips round up to 150 ms
 * before a rounded vowel, and close before a /p/'s silence ends in its burst)
 * and cannot jump. So each channel's target is taken from the lookahead
 * window, then driven through a critically damped spring:
 * - jaw: the mean target over hops n+2…n+6, leading by the spring's own delay
 *   (2/ω ≈ 40 ms), so the visible jaw is in phase with the sound;
 * - seal: the maximum over n−1…n+4, so a 30 ms closure still shows as a full
 *   frame at 25 fps and starts as the silence starts; a fast spring, since lips
 *   close faster than the jaw;
 * - rounding: anticipatory, the strongest rounding in the next 150 ms,
 *   weighted down with distance.
 * Every input is inside the engine's lookahead window, so the result for a hop
 * never depends on where a chunk boundary fell.
 */
import type { Articulation } from './articulation.ts';
import type { HopWindow } from './hop-window.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

/** Hops of lookahead the mouth needs. */
export const MOUTH_LOOKAHEAD = 15;

const DT = 1 / HOPS_PER_SECOND;
const JAW_OMEGA = omegaFor(0.08);
const SEAL_OMEGA = omegaFor(0.04);
const SHAPE_OMEGA = omegaFor(0.1);

export interface MouthState {
  jaw: Spring;
  seal: Spring;
  round: Spring;
  spread: Spring;
  labiodental: Spring;
  sibilant: Spring;
}

export function mouthState(): MouthState {
  return { jaw: spring(), seal: spring(1), round: spring(), spread: spring(), labiodental: spring(), sibilant: spring() };
}

export interface Mouth {
  jaw: number;
  seal: number;
  round: number;
  spread: number;
  labiodental: number;
  sibilant: number;
}

export function stepMouth(s: MouthState, arts: HopWindow<{ art: Articulation }>, n: number): Mouth {
  const a = (k: number) => arts.at(n + k).art;
  let jawT = 0;
  for (let k = 2; k <= 6; k++) jawT += a(k).jaw / 5;
  let sealT = 0;
  let labioT = 0;
  let sibT = 0;
  for (let k = -1; k <= 4; k++) {
    sealT = Math.max(sealT, a(k).seal);
    labioT = Math.max(labioT, a(k).labiodental);
    sibT = Math.max(sibT, a(k).sibilant);
  }
  let roundT = 0;
  for (let k = 0; k <= MOUTH_LOOKAHEAD; k++) roundT = Math.max(roundT, a(k).round * (1 - k / (MOUTH_LOOKAHEAD + 5)));
  let spreadT = 0;
  for (let k = 2; k <= 8; k++) spreadT += a(k).spread / 7;
  return {
    jaw: stepSpring(s.jaw, jawT, JAW_OMEGA, DT),
    seal: stepSpring(s.seal, sealT, SEAL_OMEGA, DT),
    round: stepSpring(s.round, roundT, SHAPE_OMEGA, DT),
    spread: stepSpring(s.spread, spreadT, SHAPE_OMEGA, DT),
    labiodental: stepSpring(s.labiodental, labioT, SEAL_OMEGA, DT),
    sibilant: stepSpring(s.sibilant, sibT, SHAPE_OMEGA, DT),
  };
}

/** Oculus-style viseme names, as the timeline shows them. */
export type VisemeLabel = 'sil' | 'PP' | 'FF' | 'SS' | 'aa' | 'O' | 'U' | 'E' | 'I' | 'nn';

/** The dominant shape of the mouth as drawn (after coarticulation), for the viseme markers. */
export function visemeOf(art: Mouth, speaking: boolean): VisemeLabel {
  if (!speaking) return 'sil';
  if (art.seal > 0.6) return 'PP';
  if (art.labiodental > 0.4) return 'FF';
  if (art.sibilant > 0.4) return 'SS';
  if (art.round > 0.4) return art.jaw > 0.35 ? 'O' : 'U';
  if (art.spread > 0.4) return art.jaw > 0.35 ? 'E' : 'I';
  if (art.jaw > 0.6) return 'aa';
  return 'nn';
}
