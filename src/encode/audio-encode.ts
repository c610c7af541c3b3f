/**
 * The driver's audio, encoded once up front into packets the muxer takes.
 *
 * Why up front and not streamed beside the video: compressed audio is small
 * (128 kbit/s ≈ 1 MB a minute) next to the PCM the driver already holds, and
 * knowing the exact packet count lets the MP4 reserve its moov at the start
 * (fast-start) without holding video in memory. ffmpeg.wasm also cannot take
 * a stream on stdin, so one run over the whole track is its natural shape.
 *
 * AAC comes from WebCodecs where the browser has an AAC encoder (Chrome on
 * macOS/Windows/Android), and otherwise from ffmpeg.wasm's native AAC encoder
 * (Debian's Chromium has none).
 */
import { EncodedPacket } from 'mediabunny';
import { parseAdts } from './adts.ts';
import { EncodeFailedError } from './errors.ts';
import type { FfmpegRuntime } from './ffmpeg-runtime.ts';
import { interleave, type PcmAudio } from './pcm-audio.ts';

export interface EncodedAudio {
  packets: EncodedPacket[];
  config: AudioDecoderConfig;
  backend: 'webcodecs' | 'ffmpeg';
}

export const AAC_CODEC = 'mp4a.40.2';
const AAC_BITRATE = 128_000;
/** ffmpeg's AAC encoder primes with one frame (its initial_padding); checked by counting its ADTS frames for a known input length. */
const FFMPEG_AAC_PRIMING = 1024;
const AAC_FRAME = 1024;

export async function webCodecsAacSupported(audio: PcmAudio): Promise<boolean> {
  if (typeof AudioEncoder === 'undefined') return false;
  try {
    const s = await AudioEncoder.isConfigSupported(aacConfig(audio));
    return s.supported === true;
  } catch {
    return false;
  }
}

const aacConfig = (audio: PcmAudio): AudioEncoderConfig => ({
  codec: AAC_CODEC,
  sampleRate: audio.sampleRate,
  numberOfChannels: audio.channels.length,
  bitrate: AAC_BITRATE,
});

/** AAC via ffmpeg.wasm: PCM in as f32le, ADTS out, headers stripped into raw frames. */
export async function encodeAacWithFfmpeg(ffmpeg: FfmpegRuntime, audio: PcmAudio): Promise<EncodedAudio> {
  const { sampleRate } = audio;
  const channels = audio.channels.length;
  const pcm = interleave(audio);
  await ffmpeg.write('audio.f32', new Uint8Array(pcm.buffer));
  try {
    await ffmpeg.run(['-f', 'f32le', '-ar', String(sampleRate), '-ac', String(channels), '-i', 'audio.f32', '-c:a', 'aac', '-b:a', String(AAC_BITRATE), '-f', 'adts', 'audio.aac']);
    const adts = parseAdts(await ffmpeg.read('audio.aac'));
    if (adts.sampleRate !== sampleRate || adts.channels !== channels) {
      throw new EncodeFailedError(`ffmpeg AAC came out as ${adts.sampleRate} Hz × ${adts.channels}, asked ${sampleRate} × ${channels}`);
    }
    const length = audio.channels[0]?.length ?? 0;
    const packets = trimToLength(
      adts.frames.map((data, k) => ({ data, start: k * AAC_FRAME - FFMPEG_AAC_PRIMING, samples: AAC_FRAME })),
      length,
      sampleRate,
    );
    return {
      packets,
      config: { codec: AAC_CODEC, sampleRate, numberOfChannels: channels, description: adts.audioSpecificConfig },
      backend: 'ffmpeg',
    };
  } finally {
    await ffmpeg.remove('audio.f32');
    await ffmpeg.remove('audio.aac');
  }
}

interface RawPacket {
  data: Uint8Array;
  /** Start in samples; negative for the encoder's priming frame. */
  start: number;
  samples: number;
}

/**
 * Timestamps in the MP4 timeline. The priming frame gets a negative start, so
 * the muxer writes an edit list and sample 0 of our PCM plays at time 0, the
 * same instant as video frame 0. Packets that start after the end carry only
 * the encoder's tail padding and are dropped; the last kept one is shortened
 * so the track lasts exactly `length` samples, as long as the video.
 */
export function trimToLength(raw: RawPacket[], length: number, sampleRate: number): EncodedPacket[] {
  const kept = raw.filter((p) => p.start < length);
  return kept.map((p, i) => {
    const samples = i === kept.length - 1 ? Math.min(p.samples, length - p.start) : p.samples;
    return new EncodedPacket(p.data, 'key', p.start / sampleRate, samples / sampleRate);
  });
}

/**
 * AAC (or Opus, for WebM) via WebCodecs, fed in 20 ms AudioData pieces. The
 * browser's encoder reports its own timestamps; we keep them, and trim the
 * end the same way as the ffmpeg path.
 */
export async function encodeWithWebCodecs(audio: PcmAudio, codec: string): Promise<EncodedAudio> {
  const { sampleRate } = audio;
  const channels = audio.channels.length;
  const raw: RawPacket[] = [];
  let config: AudioDecoderConfig | undefined;
  let failure: unknown;
  const encoder = new AudioEncoder({
    output: (chunk, meta) => {
      if (meta?.decoderConfig) config ??= meta.decoderConfig;
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      raw.push({ data, start: Math.round((chunk.timestamp * sampleRate) / 1e6), samples: Math.round(((chunk.duration ?? 0) * sampleRate) / 1e6) });
    },
    error: (e) => (failure = e),
  });
  try {
    encoder.configure({ ...aacConfig(audio), codec });
    const length = audio.channels[0]?.length ?? 0;
    const step = Math.round(sampleRate * 0.02);
    for (let at = 0; at < length; at += step) {
      const n = Math.min(step, length - at);
      const planar = new Float32Array(n * channels);
      audio.channels.forEach((ch, c) => planar.set(ch.subarray(at, at + n), c * n));
      const data = new AudioData({ format: 'f32-planar', sampleRate, numberOfChannels: channels, numberOfFrames: n, timestamp: Math.round((at * 1e6) / sampleRate), data: planar });
      encoder.encode(data);
      data.close();
    }
    await encoder.flush();
    if (failure) throw failure;
    return { packets: trimToLength(raw, length, sampleRate), config: config ?? { codec, sampleRate, numberOfChannels: channels }, backend: 'webcodecs' };
  } catch (e) {
    throw e instanceof EncodeFailedError ? e : new EncodeFailedError(`AudioEncoder (${codec}) failed: ${String(e)}`, { cause: e });
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
}
