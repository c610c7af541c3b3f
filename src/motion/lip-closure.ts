/**
 * Are the lips shut at this hop (p, b, m)?
 *
 * The rules in articulation.ts hear that the voice is quiet (a stop closure)
 * or humming through the nose (a murmur), but not where the mouth is closed:
 * /t d k g n/ are as quiet or as nasal as /p b m/. Left to those rules the lips
 * seal on nearly every consonant, and a talking face snaps shut between
 * syllables. The place of a closure shows in its neighbourhood instead: the
 * formant transitions into and out of it (a labial pulls every formant down),
 * the release burst (weak and low for /p/, high and sharp for /t/), and the
 * murmur's spectrum (/m/ against /n/). A logistic regression over the spectral
 * shape (MFCC 1–12) and six band levels of nine hops, from 80 ms before to
 * 80 ms after, reads these together.
 *
 * The weights (lip-closure-weights.ts) are fitted by
 * scripts/train-lip-closure.ts on phone-aligned speech from Debian's festival
 * voices; that file records what they were fitted on and how they score on a
 * voice they never saw.
 */
import type { FeatureFrame } from './audio-features.ts';
import type { Levels } from './voice-activity.ts';

/** Hop offsets the classifier reads around the hop it decides. */
export const CLOSURE_CONTEXT = [-8, -6, -4, -2, 0, 2, 4, 6, 8] as const;
/** Per-hop cues: MFCC 1–12, then energy, low, F1, mid, high and frication band levels relative to the speaker. */
export const CUE_SIZE = 18;
export const CLOSURE_INPUTS = CLOSURE_CONTEXT.length * CUE_SIZE;

const LEVEL_FLOOR_DB = -60;
const LEVEL_CEIL_DB = 12;

export interface ClosureModel {
  /** Per-input mean and scale the weights were fitted on. */
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/** The cues of one hop. Levels are relative to the speaker's level, so loud and quiet recordings read alike. */
export function closureCues(f: FeatureFrame, lv: Levels): Float32Array {
  const cues = new Float32Array(CUE_SIZE);
  for (let i = 0; i < 12; i++) cues[i] = f.mfcc[i + 1]!;
  const levels = [f.energyDb, f.lowDb, f.f1Db, f.midDb, f.highDb, f.fricDb];
  levels.forEach((db, i) => {
    cues[12 + i] = Math.min(LEVEL_CEIL_DB, Math.max(LEVEL_FLOOR_DB, db - lv.speechDb));
  });
  return cues;
}

/** Probability that the lips are closed at hop n, from the cues of the hops around it. */
export function closureProbability(model: ClosureModel, cuesAt: (offset: number) => Float32Array): number {
  let z = model.bias;
  let j = 0;
  for (const k of CLOSURE_CONTEXT) {
    const c = cuesAt(k);
    for (let i = 0; i < CUE_SIZE; i++, j++) z += (model.weights[j]! * (c[i]! - model.mean[j]!)) / model.scale[j]!;
  }
  return 1 / (1 + Math.exp(-z));
}
