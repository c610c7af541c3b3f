/**
 * Loudness references and voice-activity detection, both causal and streaming.
 *
 * Mouth opening must not depend on how loud the file was recorded, so every
 * level is judged against two running references:
 * - the noise floor: the minimum of the energy over the last 3 s ("minimum
 *   statistics", Martin 2001). Stop closures and breaths reach the floor
 *   several times a second in speech, so the minimum finds it even without
 *   pauses.
 * - the speech level: a peak follower over voiced hops only, with fast attack
 *   and a slow release (1.5 dB/s), so a pause does not make the next syllable
 *   look loud. Voiced-only matters at the start of a file: room noise or hiss
 *   before the first word is not periodic, so it can never be taken for the
 *   speaker's level (it was, on a 48 kHz clip whose first 0.4 s is noise).
 * Digital silence (zero padding, a fade from exact zeros) is not a noise floor
 * and is left out of the minimum.
 */
import type { FeatureFrame } from './audio-features.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';

const FLOOR_WINDOW = 3 * HOPS_PER_SECOND;
const RELEASE_DB_PER_HOP = 1.5 / HOPS_PER_SECOND;
const ATTACK = 0.5;
/** Speech sits at least this far above the floor; with a quieter signal everything is "silence". */
const MIN_SNR_DB = 12;
/** Below the speech level by more than this is never speech, however quiet the room. */
const MAX_DYNAMIC_DB = 45;
const DIGITAL_SILENCE_DB = -100;
/** Autocorrelation peak above which a hop counts as voiced for the speech level. */
const VOICED = 0.6;

export interface Levels {
  floorDb: number;
  speechDb: number;
  /** 0..1: how clearly this hop is above the activity gate. */
  activity: number;
}

export class LevelTracker {
  // Monotonic deque of (index, energy) for the sliding minimum: O(1) per hop, bounded by the window.
  private readonly dqIndex: number[] = [];
  private readonly dqValue: number[] = [];
  private speech = Number.NaN;

  update(f: FeatureFrame): Levels {
    if (f.energyDb > DIGITAL_SILENCE_DB) {
      while (this.dqValue.length && this.dqValue[this.dqValue.length - 1]! >= f.energyDb) {
        this.dqValue.pop();
        this.dqIndex.pop();
      }
      this.dqValue.push(f.energyDb);
      this.dqIndex.push(f.index);
    }
    while (this.dqIndex.length && this.dqIndex[0]! <= f.index - FLOOR_WINDOW) {
      this.dqIndex.shift();
      this.dqValue.shift();
    }
    const floorDb = this.dqValue[0] ?? DIGITAL_SILENCE_DB;
    const voiced = f.voicing > VOICED && f.energyDb > floorDb + MIN_SNR_DB;
    if (voiced) {
      if (Number.isNaN(this.speech)) this.speech = f.energyDb;
      else if (f.energyDb > this.speech) this.speech += (f.energyDb - this.speech) * ATTACK;
      else this.speech -= RELEASE_DB_PER_HOP;
    }
    if (Number.isNaN(this.speech)) {
      // No voice yet: nothing counts as speech.
      return { floorDb, speechDb: floorDb + MIN_SNR_DB + 8, activity: 0 };
    }
    this.speech = Math.max(this.speech, floorDb + MIN_SNR_DB + 8);
    const gate = Math.max(floorDb + MIN_SNR_DB, this.speech - MAX_DYNAMIC_DB);
    const activity = smoothStep((f.energyDb - gate) / 6);
    return { floorDb, speechDb: this.speech, activity };
  }
}

/** 0 below 0, 1 above 1, smooth between: a soft threshold with no tails. */
export function smoothStep(x: number): number {
  const t = Math.max(0, Math.min(1, x));
  return t * t * (3 - 2 * t);
}

// Speech starts after 40 ms of activity and ends after 200 ms without: short
// enough to see the pause before a breath, long enough that stop closures do
// not split words.
const ONSET_HOPS = 4;
const HANGOVER_HOPS = 20;

export class VoiceActivity {
  speaking = false;
  private run = 0;

  /** Returns whether hop is inside speech, after hysteresis. */
  update(activity: number): boolean {
    const active = activity > 0.5;
    if (active === this.speaking) {
      this.run = 0;
    } else if (++this.run >= (this.speaking ? HANGOVER_HOPS : ONSET_HOPS)) {
      this.speaking = active;
      this.run = 0;
    }
    return this.speaking;
  }

  /** Hops by which a change of `speaking` lags the audio. */
  static readonly onsetDelay = ONSET_HOPS;
  static readonly offsetDelay = HANGOVER_HOPS;
}
