/**
 * What the lips are doing around a hop, heard from the sound: shut (p, b, m),
 * rounded (u, o, w) or spread (i, e, y).
 *
 * Closure: the rules in articulation.ts hear that the voice is quiet (a stop
 * closure) or humming through the nose (a murmur), but not where the mouth is
 * closed: /t d k g n/ are as quiet or as nasal as /p b m/. Left to those rules
 * the lips seal on nearly every consonant, and a talking face snaps shut
 * between syllables. The place of a closure shows in its neighbourhood
 * instead: the formant transitions into and out of it (a labial pulls every
 * formant down), the release burst (weak and low for /p/, high and sharp for
 * /t/), and the murmur's spectrum (/m/ against /n/).
 *
 * Rounding and spreading: a single formant rule (low F1 and F2 = rounded,
 * high F2 = spread) misses most of them. English /u/ is fronted (its F2 is as
 * high as /i/'s in some voices), a dark /l/ has the lowest F2 of all, and the
 * formant tracker's F2 wanders in a nasal. Rounding also lowers F3 and every
 * higher formant, which the whole spectral shape shows and one formant does not.
 *
 * So each is a logistic regression over the spectral shape (MFCC 1–12) and six
 * band levels of nine hops, from 80 ms before to 80 ms after the hop. The
 * weights (lip-cue-weights.ts) are fitted by scripts/train-lip-cues.ts on
 * phone-aligned speech from Debian's festival voices; that file records what
 * they were fitted on and how they score on a voice they never saw.
 */
import type { FeatureFrame } from './audio-features.ts';
import type { Levels } from './voice-activity.ts';

/** Hop offsets the classifiers read around the hop they decide. */
export const CUE_CONTEXT = [-8, -6, -4, -2, 0, 2, 4, 6, 8] as const;
/** Per-hop cues: MFCC 1–12, then energy, low, F1, mid, high and frication band levels relative to the speaker. */
export const CUE_SIZE = 18;
export const CUE_INPUTS = CUE_CONTEXT.length * CUE_SIZE;

const LEVEL_FLOOR_DB = -60;
const LEVEL_CEIL_DB = 12;

export interface LipCueModel {
  /** Per-input mean and scale the weights were fitted on. */
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The cues of one hop. Levels are relative to the speaker's level, so loud and quiet recordings read alike. */
export function lipCues(f: FeatureFrame, lv: Levels): Float32Array {
  const cues = new Float32Array(CUE_SIZE);
  for (let i = 0; i < 12; i++) cues[i] = f.mfcc[i + 1]!;
  const levels = [f.energyDb, f.lowDb, f.f1Db, f.midDb, f.highDb, f.fricDb];
  levels.forEach((db, i) => {
    cues[12 + i] = Math.min(LEVEL_CEIL_DB, Math.max(LEVEL_FLOOR_DB, db - lv.speechDb));
  });
  return cues;
}

/** The model's probability for the hop whose neighbours' cues cuesAt(offset) gives. */
export function lipCueProbability(model: LipCueModel, cuesAt: (offset: number) => Float32Array): number {
  let z = model.bias;
  let j = 0;
  for (const k of CUE_CONTEXT) {
    const c = cuesAt(k);
    for (let i = 0; i < CUE_SIZE; i++, j++) z += (model.weights[j]! * (c[i]! - model.mean[j]!)) / model.scale[j]!;
  }
  return 1 / (1 + Math.exp(-z));
}
