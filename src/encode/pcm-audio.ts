/**
 * The driver's audio as the export stage sees it: planar float PCM. It crosses
 * into the encode worker with its channel buffers transferred, not copied.
 */
export interface PcmAudio {
  sampleRate: number;
  /** One Float32Array per channel, equal lengths, samples in [-1, 1]. */
  channels: Float32Array[];
}

/**
 * Trims and pads the driver's audio to the video: sample 0 of the result is
 * `startSeconds` into the driver, and the result lasts exactly frameCount/fps
 * (rounded to the nearest sample), with silence where the driver is shorter.
 * Only AAC supports 1 or 2 channels everywhere, so more are folded into stereo.
 */
export function alignAudio(audio: PcmAudio, frameCount: number, fps: number, startSeconds = 0): PcmAudio {
  const { sampleRate } = audio;
  const length = Math.round((frameCount / fps) * sampleRate);
  const offset = Math.round(startSeconds * sampleRate);
  const source = audio.channels.length > 2 ? foldToStereo(audio.channels) : audio.channels;
  const channels = source.map((ch) => {
    const out = new Float32Array(length);
    // A negative start means the video begins before the voice: lead with silence.
    const from = Math.max(0, offset);
    const to = Math.min(ch.length, offset + length);
    if (to > from) out.set(ch.subarray(from, to), from - offset);
    return out;
  });
  return { sampleRate, channels };
}

function foldToStereo(channels: Float32Array[]): Float32Array[] {
  const n = channels[0]?.length ?? 0;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  channels.forEach((ch, c) => {
    // Even channels go left, odd right; the weight keeps the sum within [-1, 1].
    const target = c % 2 === 0 ? left : right;
    const weight = 1 / Math.ceil(channels.length / 2);
    for (let i = 0; i < n; i++) target[i]! += ch[i]! * weight;
  });
  return [left, right];
}

/** Interleaves planar channels into one buffer, the layout ffmpeg's `f32le` input and AudioData's `f32` want. */
export function interleave(audio: PcmAudio): Float32Array {
  const c = audio.channels.length;
  const n = audio.channels[0]?.length ?? 0;
  const out = new Float32Array(n * c);
  for (let ch = 0; ch < c; ch++) {
    const src = audio.channels[ch]!;
    for (let i = 0; i < n; i++) out[i * c + ch] = src[i]!;
  }
  return out;
}

export function durationOf(audio: PcmAudio): number {
  return (audio.channels[0]?.length ?? 0) / audio.sampleRate;
}
