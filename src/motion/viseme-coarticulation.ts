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
 *   where lip-cues.ts hears a p, b or m around it: /t d k g n/ close the
 *   mouth further back, and a face whose lips shut on every consonant snaps
 *   shut between syllables. In a pause (PAUSE_HOPS without a vowel) the lips
 *   close at rest as before;
 * - jaw floor: inside speech the jaw rises for a consonant but not all the way
 *   (the lips stay a little apart over /t s n/), so the jaw target is held at
 *   FLOOR_SHARE of its recent peaks, released over HOLD_SECONDS, except in a pause;
 * - rounding: anticipatory, the strongest rounding in the next 100 ms,
 *   weighted down with distance; spreading: the mean over hops n+2…n+8. Both
 *   come from lip-cues.ts's classifiers (averaged over five hops, so one
 *   stray hop does not purse the lips), and only while the voice is on.
 * Every input is inside the engine's lookahead window, so the result for a hop
 * never depends on where a chunk boundary fell.
 */
import type { Articulation } from './articulation.ts';
import { CUE_CONTEXT, lipCueProbability, type LipCueModel } from './lip-cues.ts';
import { LIP_CLOSURE_MODEL, LIP_ROUND_MODEL, LIP_SPREAD_MODEL } from './lip-cue-weights.ts';
import { smoothStep } from './voice-activity.ts';
import type { HopWindow } from './hop-window.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

/** Hops ahead that anticipatory rounding looks. */
const ROUND_AHEAD = 10;
/** Hops either side whose rounding and spreading probabilities are averaged. */
const SHAPE_SPAN = 2;
/** Averaged probability under which the lips do not round (or spread) at all, and over which they do fully. */
const SHAPE_FROM = 0.35;
const SHAPE_TO = 0.8;

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
const CUES_AHEAD = Math.max(...CUE_CONTEXT);
const CUES_BEHIND = Math.max(...CUE_CONTEXT.map((k) => -k));
export const MOUTH_READS_AHEAD = Math.max(ROUND_AHEAD + SHAPE_SPAN + CUES_AHEAD, SEAL_AHEAD + Math.max(PAUSE_HOPS, CUES_AHEAD));
export const MOUTH_READS_BEHIND = Math.max(SHAPE_SPAN + CUES_BEHIND, SEAL_BEHIND + Math.max(PAUSE_HOPS, CUES_BEHIND));
/** Jaw target under which a hop carries no vowel: a consonant, a breath or silence. */
const QUIET_JAW = 0.02;

export interface MouthState {
  /** Peak hold of the jaw target, for the in-speech floor. */
  hold: number;
  /** The lip classifiers' probabilities by hop, each computed once: the windows read every hop many times. */
  heard: Map<number, Heard>;
  jaw: Spring;
  seal: Spring;
  round: Spring;
  spread: Spring;
  labiodental: Spring;
  sibilant: Spring;
}

export function mouthState(): MouthState {
  return { hold: 0, heard: new Map(), jaw: spring(), seal: spring(1), round: spring(), spread: spring(), labiodental: spring(), sibilant: spring() };
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
  /** lip-cues.ts cues. */
  cues: Float32Array;
  /** Voice activity, 0…1. */
  activity: number;
}

/** What lip-cues.ts's classifiers hear at one hop. */
interface Heard {
  closure: number;
  round: number;
  spread: number;
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
  const heardAt = (hop: number) => {
    let h = s.heard.get(hop);
    if (h === undefined) {
      const p = (model: LipCueModel) => lipCueProbability(model, (o) => arts.at(hop + o).cues);
      s.heard.set(hop, (h = { closure: p(LIP_CLOSURE_MODEL), round: p(LIP_ROUND_MODEL), spread: p(LIP_SPREAD_MODEL) }));
    }
    return h;
  };
  const lowest = n - SEAL_BEHIND - SHAPE_SPAN;
  for (const hop of s.heard.keys()) if (hop < lowest) s.heard.delete(hop);
  // Rounding and spreading at hop n+k: the five-hop mean of their probabilities, while the voice is on.
  const shape = (k: number, key: 'round' | 'spread') => {
    let p = 0;
    for (let j = -SHAPE_SPAN; j <= SHAPE_SPAN; j++) p += heardAt(n + k + j)[key];
    return arts.at(n + k).activity * smoothStep((p / (2 * SHAPE_SPAN + 1) - SHAPE_FROM) / (SHAPE_TO - SHAPE_FROM));
  };
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
      ? smoothStep((heardAt(n + k).closure - LABIAL_FROM) / (LABIAL_TO - LABIAL_FROM))
      : 1;
    sealT = Math.max(sealT, seal * labial);
    labioT = Math.max(labioT, a(k).labiodental);
    sibT = Math.max(sibT, a(k).sibilant);
  }
  let roundT = 0;
  for (let k = 0; k <= ROUND_AHEAD; k++) roundT = Math.max(roundT, shape(k, 'round') * (1 - k / (ROUND_AHEAD + 5)));
  let spreadT = 0;
  for (let k = 2; k <= 8; k++) spreadT += shape(k, 'spread') / 7;
  // A rounded /u/ can sound as front as an /i/: rounding wins.
  spreadT *= 1 - roundT;
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
