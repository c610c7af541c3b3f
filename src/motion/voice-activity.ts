/**
 * Loudness references and voice-activity detection, both causal and streaming.
 *
 * Mouth opening must not depend on how loud the file was recorded, so every
 * level is judged against two running references:
 * - the noise floor: the minimum of the energy over the last 3 s ("minimum
 *   statistics", Martin 2001). Stop closures and breaths reach the floor
 *   several times a second in speech, so the minimum finds it even without
 *   pauses.
 * - the speech level: a peak follower with fast attack and a slow release
 *   (1.5 dB/s, only while there is activity), so a pause does not make the
 *   next syllable look loud.
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
    while (this.dqValue.length && this.dqValue[this.dqValue.length - 1]! >= f.energyDb) {
      this.dqValue.pop();
      this.dqIndex.pop();
    }
    this.dqValue.push(f.energyDb);
    this.dqIndex.push(f.index);
    while (this.dqIndex[0]! <= f.index - FLOOR_WINDOW) {
      this.dqIndex.shift();
      this.dqValue.shift();
    }
    const floorDb = this.dqValue[0]!;
    const aboveFloor = f.energyDb > floorDb + MIN_SNR_DB;
    if (Number.isNaN(this.speech)) {
      if (aboveFloor) this.speech = f.energyDb;
    } else if (f.energyDb > this.speech) {
      this.speech += (f.energyDb - this.speech) * ATTACK;
    } else if (aboveFloor) {
      this.speech -= RELEASE_DB_PER_HOP;
    }
    if (!Number.isNaN(this.speech)) this.speech = Math.max(this.speech, floorDb + MIN_SNR_DB + 8);
    const speechDb = Number.isNaN(this.speech) ? floorDb + 40 : this.speech;
    const gate = Math.max(floorDb + MIN_SNR_DB, speechDb - MAX_DYNAMIC_DB);
    const activity = smoothStep((f.energyDb - gate) / 6);
    return { floorDb, speechDb, activity };
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
