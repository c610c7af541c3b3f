/**
 * The plain shapes audio takes inside the motion stage, and the one helper
 * that turns a whole decoded buffer into a stream.
 *
 * Synthesis reads audio as a stream of blocks so a one-hour recording never
 * has to exist as one array of features; a decoded file is just the simplest
 * stream.
 */

/** What every decoder (WAV in Node, decodeAudioData in the browser) produces. */
export interface DecodedAudio {
  sampleRate: number;
  /** One array per channel, all the same length; samples in [-1, 1]. */
  channels: Float32Array[];
}

/** A slice of a stream. Block sizes may vary; results never depend on them. */
export type AudioBlock = DecodedAudio;

export type SampleSource = AsyncIterable<AudioBlock> | Iterable<AudioBlock>;

/** Streams a decoded buffer in blocks of `blockFrames` (views, not copies). */
export function* blocksOf(audio: DecodedAudio, blockFrames = 8192): Generator<AudioBlock> {
  const length = audio.channels[0]?.length ?? 0;
  for (let start = 0; start < length; start += blockFrames) {
    const end = Math.min(length, start + blockFrames);
    yield { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.subarray(start, end)) };
  }
}

export function durationOf(audio: DecodedAudio): number {
  return (audio.channels[0]?.length ?? 0) / audio.sampleRate;
}
