/**
 * Prosody cues for the head, brows and blinks: where the stressed syllables
 * (beats) are, and how high the voice is relative to the speaker's habit.
 *
 * A stressed syllable is louder and usually higher than its neighbours
 * (Fry 1958), so a beat is a local loudness peak that stands well out of the
 * preceding dip, and its strength grows with pitch. Detection looks 120 ms
 * ahead and 250 ms back, inside the engine's window.
 */
import { HOPS_PER_SECOND } from './audio-features.ts';
import type { HopWindow } from './hop-window.ts';
import { smoothStep } from './voice-activity.ts';

export const BEAT_LOOKAHEAD = 12;
export const BEAT_LOOKBACK = 25;
const MIN_GAP = 0.3 * HOPS_PER_SECOND; // no two beats closer than a syllable
const RISE_DB = 8;

export interface ProsodyHop {
  /** Energy in dB smoothed over 50 ms, relative to the speech level. */
  envDb: number;
  /** Semitones above the speaker's running mean pitch; 0 when unvoiced. */
  pitchSt: number;
  voiced: boolean;
}

/** Running mean of log pitch over voiced hops (time constant 3 s). */
export class PitchTracker {
  private meanLog = Math.log(150);
  private seen = false;

  semitones(pitchHz: number): number {
    if (pitchHz <= 0) return 0;
    const l = Math.log(pitchHz);
    if (!this.seen) {
      this.meanLog = l;
      this.seen = true;
    }
    this.meanLog += (l - this.meanLog) / (3 * HOPS_PER_SECOND);
    return (12 * (l - this.meanLog)) / Math.LN2;
  }
}

export class BeatDetector {
  private lastBeat = -Infinity;

  /** Strength in (0, 1] if hop n is a beat, else 0. */
  update(w: HopWindow<{ prosody: ProsodyHop }>, n: number, speaking: boolean): number {
    if (!speaking || n - this.lastBeat < MIN_GAP) return 0;
    const e = w.at(n).prosody.envDb;
    if (e < -14) return 0;
    for (let k = -BEAT_LOOKAHEAD; k <= BEAT_LOOKAHEAD; k++) {
      if (k !== 0 && w.at(n + k).prosody.envDb > e) return 0;
    }
    let dip = e;
    for (let k = -BEAT_LOOKBACK; k < 0; k++) dip = Math.min(dip, w.at(n + k).prosody.envDb);
    if (e - dip < RISE_DB) return 0;
    let pitch = 0;
    for (let k = -5; k <= 5; k++) pitch = Math.max(pitch, w.at(n + k).prosody.pitchSt);
    this.lastBeat = n;
    const loud = smoothStep((e + 14) / 12);
    return Math.max(0.05, loud * (0.55 + 0.45 * smoothStep(pitch / 4)));
  }
}
