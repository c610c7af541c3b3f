/**
 * Browser audio decoding: whatever the browser can decode (WAV, MP3, AAC/M4A,
 * Ogg/Opus, FLAC, and the audio track of an MP4 or WebM video) becomes the same
 * plain `DecodedAudio` that `wav-decode.ts` makes in Node.
 *
 * Runs on the main thread: Chrome has no AudioContext in workers. The channel
 * arrays it returns are fresh copies, so they can be transferred to the motion
 * worker with `comlink.transfer(audio, audio.channels.map((c) => c.buffer))`.
 */
import type { DecodedAudio } from './audio-source.ts';
import { AudioDecodeError, EmptyAudioError } from './errors.ts';

export async function decodeInBrowser(bytes: ArrayBuffer): Promise<DecodedAudio> {
  if (bytes.byteLength === 0) throw new EmptyAudioError('audio file is 0 bytes');
  // The context's own rate does not matter for decoding: decodeAudioData
  // resamples to it, so ask for a common one and let resample.ts do the rest.
  const Ctx = globalThis.OfflineAudioContext;
  if (!Ctx) throw new AudioDecodeError('this context has no OfflineAudioContext (decode on the main thread)');
  const ctx = new Ctx(1, 1, 48000);
  let buffer: AudioBuffer;
  try {
    // decodeAudioData detaches its argument; keep the caller's bytes intact.
    buffer = await ctx.decodeAudioData(bytes.slice(0));
  } catch (cause) {
    throw new AudioDecodeError(`the browser could not decode this audio: ${String(cause)}`, { cause });
  }
  if (buffer.length === 0) throw new EmptyAudioError('decoded audio holds no samples');
  const channels: Float32Array[] = [];
  for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(buffer.getChannelData(c).slice());
  return { sampleRate: buffer.sampleRate, channels };
}
