/**
 * Whether decoded audio has any voice in it at all.
 *
 * The rule: cut the signal into 20 ms frames, measure each frame's RMS after
 * removing its mean (a cheap microphone's DC offset is not sound), and call
 * the clip silent when less than 250 ms in total is louder than −50 dBFS.
 *
 * Why these numbers: the speech fixtures (LibriVox, Festival) sit around −20 to
 * −30 dBFS with 60–98% of frames above −50, so even a whisper recorded at
 * ordinary gain clears it; an open microphone in a quiet room sits near −60 to
 * −70 dBFS. 250 ms is shorter than any spoken word with its vowel, and longer
 * than a click or a knock on the desk, which must not count as a voice.
 */
import type { DecodedAudio } from '../../motion/audio-source.ts';

export const SILENCE_RULE = Object.freeze({
  frameSeconds: 0.02,
  thresholdDbfs: -50,
  minLoudSeconds: 0.25,
});

/** Seconds of `samples` (one channel, [-1, 1]) whose 20 ms frames are louder than the threshold. */
export function loudSeconds(samples: Float32Array, sampleRate: number): number {
  const frame = Math.max(1, Math.round(sampleRate * SILENCE_RULE.frameSeconds));
  const threshold = 10 ** (SILENCE_RULE.thresholdDbfs / 20);
  const thresholdSq = threshold * threshold;
  let loudFrames = 0;
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < start + frame; i++) {
      const x = samples[i]!;
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / frame;
    // Variance = E[x²] − mean²: the RMS of the frame with its DC removed.
    if (sumSq / frame - mean * mean > thresholdSq) loudFrames++;
  }
  return (loudFrames * frame) / sampleRate;
}

export function isSilent(samples: Float32Array, sampleRate: number): boolean {
  return loudSeconds(samples, sampleRate) < SILENCE_RULE.minLoudSeconds;
}

/** Silent only when every channel is: a stereo file may carry the voice on one side. */
export function isAudioSilent(audio: DecodedAudio): boolean {
  return audio.channels.every((c) => isSilent(c, audio.sampleRate));
}
