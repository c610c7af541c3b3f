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
 *   close faster than the jaw. Inside speech a quiet or humming hop only seals
 *   where lip-closure.ts hears a p, b or m around it: /t d k g n/ close the
 *   mouth further back, and a face whose lips shut on every consonant snaps
 *   shut between syllables. In a pause (PAUSE_HOPS without a vowel) the lips
 *   close at rest as before;
 * - jaw floor: inside speech the jaw rises for a consonant but not all the way
 *   (the lips stay a little apart over /t s n/), so the jaw target is held at
 *   FLOOR_SHARE of its recent peaks, released over HOLD_SECONDS, except in a pause;
 * - rounding: anticipatory, the strongest rounding in the next 150 ms,
 *   weighted down with distance.
 * Every input is inside the engine's lookahead window, so the result for a hop
 * never depends on where a chunk boundary fell.
 */
import type { Articulation } from './articulation.ts';
import { CLOSURE_CONTEXT, closureProbability } from './lip-closure.ts';
import { LIP_CLOSURE_MODEL } from './lip-closure-weights.ts';
import { smoothStep } from './voice-activity.ts';
import type { HopWindow } from './hop-window.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

/** Hops ahead that anticipatory rounding looks. */
export const MOUTH_LOOKAHEAD = 15;

const DT = 1 / HOPS_PER_SECOND;
const JAW_OMEGA = omegaFor(0.08);
const SEAL_OMEGA = omegaFor(0.04);
const SHAPE_OMEGA = omegaFor(0.1);
/** In speech the jaw target stays at this share of its recent peak, which is released over HOLD_SECONDS. */
const FLOOR_SHARE = 0.4;
const HOLD_SECONDS = 0.35;
const HOLD_DECAY = Math.exp(-DT / HOLD_SECONDS);
/** Closure probability under which a quiet or humming hop in speech keeps the lips apart, and over which it seals fully. */
const LABIAL_FROM = 0.3;
const LABIAL_TO = 0.7;
/** Vowel-less hops in a row that make a pause rather than a consonant (stop closures last 40–130 ms). */
const PAUSE_HOPS = 15;
const SEAL_AHEAD = 4;
const SEAL_BEHIND = 1;
/** How far ahead of and behind hop n stepMouth reads; the engine keeps at least this much. */
export const MOUTH_READS_AHEAD = Math.max(MOUTH_LOOKAHEAD, SEAL_AHEAD + Math.max(PAUSE_HOPS, ...CLOSURE_CONTEXT));
export const MOUTH_READS_BEHIND = SEAL_BEHIND + Math.max(PAUSE_HOPS, ...CLOSURE_CONTEXT.map((k) => -k));
/** Jaw target under which a hop carries no vowel: a consonant, a breath or silence. */
const QUIET_JAW = 0.02;

export interface MouthState {
  /** Peak hold of the jaw target, for the in-speech floor. */
  hold: number;
  /** Closure probability by hop, each computed once: the seal window reads every hop six times. */
  closure: Map<number, number>;
  jaw: Spring;
  seal: Spring;
  round: Spring;
  spread: Spring;
  labiodental: Spring;
  sibilant: Spring;
}

export function mouthState(): MouthState {
  return { hold: 0, closure: new Map(), jaw: spring(), seal: spring(1), round: spring(), spread: spring(), labiodental: spring(), sibilant: spring() };
}

export interface Mouth {
  jaw: number;
  seal: number;
  round: number;
  spread: number;
  labiodental: number;
  sibilant: number;
}

/** What the mouth reads of each hop. */
export interface MouthHop {
  art: Articulation;
  /** lip-closure.ts cues. */
  cues: Float32Array;
}

export function stepMouth(s: MouthState, arts: HopWindow<MouthHop>, n: number): Mouth {
  const a = (k: number) => arts.at(n + k).art;
  const quiet = (k: number) => a(k).jaw < QUIET_JAW;
  // A quiet stretch as long as a pause is one: the lips close at rest and the jaw floor lets go.
  const inPause = (k: number) => {
    if (!quiet(k)) return false;
    let run = 1;
    for (let j = k + 1; run < PAUSE_HOPS && j <= k + PAUSE_HOPS && quiet(j); j++) run++;
    for (let j = k - 1; run < PAUSE_HOPS && j >= k - PAUSE_HOPS && quiet(j); j--) run++;
    return run >= PAUSE_HOPS;
  };
  const closureAt = (hop: number) => {
    let p = s.closure.get(hop);
    if (p === undefined) s.closure.set(hop, (p = closureProbability(LIP_CLOSURE_MODEL, (o) => arts.at(hop + o).cues)));
    return p;
  };
  s.closure.delete(n - SEAL_BEHIND - 1);
  let jawT = 0;
  for (let k = 2; k <= 6; k++) jawT += a(k).jaw / 5;
  s.hold = Math.max(jawT, s.hold * HOLD_DECAY);
  if (!inPause(0)) jawT = Math.max(jawT, FLOOR_SHARE * s.hold);
  let sealT = 0;
  let labioT = 0;
  let sibT = 0;
  for (let k = -SEAL_BEHIND; k <= SEAL_AHEAD; k++) {
    const seal = a(k).seal;
    const labial = seal > 0.05 && !inPause(k)
      ? smoothStep((closureAt(n + k) - LABIAL_FROM) / (LABIAL_TO - LABIAL_FROM))
      : 1;
    sealT = Math.max(sealT, seal * labial);
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
