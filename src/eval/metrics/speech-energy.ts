/** The driver audio per video frame: loudness, and where there is speech. */
import { quantile } from './stats.ts';

/**
 * RMS of the audio samples in each frame's window, full scale = 1. Frame i
 * covers [i/fps, (i+1)/fps): the sound heard while that frame is on screen.
 * Windows past the end of the audio read as silence (0).
 */
export function frameRms(audio: { sampleRate: number; samples: Float32Array }, fps: number, frameCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < frameCount; i++) {
    const start = Math.round((i * audio.sampleRate) / fps);
    const end = Math.min(Math.round(((i + 1) * audio.sampleRate) / fps), audio.samples.length);
    let sum = 0;
    for (let s = start; s < end; s++) sum += audio.samples[s]! ** 2;
    out.push(end > start ? Math.sqrt(sum / (end - start)) : 0);
  }
  return out;
}

export interface SpeechMaskOptions {
  /** Frames quieter than this RMS are never speech: −50 dBFS, below room tone of a typical recording. */
  floor?: number;
  /** Speech is louder than this share of the loud-speech level (0.1 = 20 dB below it). */
  relative?: number;
  /** Silent dips inside speech shorter than this, ms, stay speech (hangover), so stop consonants and breaths do not split a phrase. */
  hangoverMs?: number;
}

/**
 * Speech/silence per frame from energy alone. Threshold: max(floor,
 * relative × the 98th percentile of frame RMS), the percentile standing for
 * loud speech while ignoring a few clicks. Then silent runs shorter than
 * hangoverMs with speech on both sides become speech.
 */
export function speechMask(rms: readonly number[], fps: number, options: SpeechMaskOptions = {}): boolean[] {
  const { floor = 10 ** (-50 / 20), relative = 0.1, hangoverMs = 150 } = options;
  const loud = quantile(rms, 0.98) ?? 0;
  const threshold = Math.max(floor, relative * loud);
  const mask = rms.map((r) => r > threshold);
  const maxGap = (hangoverMs / 1000) * fps;
  let lastSpeech = -1;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const gap = i - lastSpeech - 1;
    if (lastSpeech >= 0 && gap > 0 && gap < maxGap) mask.fill(true, lastSpeech + 1, i);
    lastSpeech = i;
  }
  return mask;
}

/**
 * Maps a track onto [0, 1] the same way for mouth opening and RMS, so the two
 * can be compared value for value: 0 at the track's 5th percentile over all
 * frames (its rest level), 1 at its 95th percentile over speech frames (a
 * loud or wide-open moment without letting one outlier set the scale);
 * clipped to [0, 1]. Nulls stay null. A track without range maps to 0.
 */
export function normaliseTrack(values: readonly (number | null)[], speech: readonly boolean[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  const inSpeech = values.filter((v, i): v is number => v !== null && speech[i] === true);
  const lo = quantile(present, 0.05);
  const hi = quantile(inSpeech.length > 0 ? inSpeech : present, 0.95);
  if (lo === null || hi === null) return values.map(() => null);
  const range = hi - lo;
  return values.map((v) => {
    if (v === null) return null;
    if (!(range > 0)) return 0;
    return Math.min(1, Math.max(0, (v - lo) / range));
  });
}
