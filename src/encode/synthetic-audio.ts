/**
 * A test voice with structure a sync check can see: a chirp sweeping
 * 200→2000 Hz, gated on for 0.25 s every 0.5 s, so an encode that shifts or
 * stretches the audio shows up as moved onsets. Deterministic, no fixture file.
 */
import type { PcmAudio } from './pcm-audio.ts';

export function syntheticVoice(seconds: number, sampleRate = 48_000, channels = 1): PcmAudio {
  const n = Math.round(seconds * sampleRate);
  const mono = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const local = t % 0.5;
    const f = 200 + 1800 * (local / 0.25);
    phase += (2 * Math.PI * f) / sampleRate;
    mono[i] = local < 0.25 ? 0.5 * Math.sin(phase) : 0;
  }
  return { sampleRate, channels: Array.from({ length: channels }, (_, c) => (c === 0 ? mono : mono.slice())) };
}
