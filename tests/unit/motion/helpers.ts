/** Fixture loading and small signal makers shared by the motion tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MotionTrack } from '../../../src/contracts/motion.ts';
import { blocksOf, type DecodedAudio } from '../../../src/motion/audio-source.ts';
import { decodeWav } from '../../../src/motion/wav-decode.ts';
import { synthesiseTrack, type SynthesisOptions } from '../../../src/motion/synthesise.ts';
import type { Phone } from './lipsync-metrics.ts';

export const FESTIVAL_FIXTURES = ['bob-map', 'mama-pie', 'palm-milk', 'five-vans', 'humble-ballad'] as const;

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/speech/${name}`, import.meta.url));
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

export function loadAudio(name: string): DecodedAudio {
  return decodeWav(fixtureBytes(`${name}.wav`));
}

export function loadPhones(name: string): Phone[] {
  return (JSON.parse(readFileSync(fixturePath(`${name}.json`), 'utf8')) as { phones: Phone[] }).phones;
}

export function trackOf(audio: DecodedAudio, options: SynthesisOptions = {}, blockFrames = 4096): Promise<MotionTrack> {
  return synthesiseTrack({ kind: 'audio', source: blocksOf(audio, blockFrames) }, options);
}

export function channel(track: MotionTrack, get: (f: MotionTrack['frames'][number]) => number): number[] {
  return track.frames.map(get);
}

/** Writes a canonical or WAVE_FORMAT_EXTENSIBLE file, so decoder tests cover what real tools write. */
export function encodeWav(audio: DecodedAudio, opts: { bits: 8 | 16 | 24 | 32; float?: boolean; extensible?: boolean }): Uint8Array {
  const channels = audio.channels.length;
  const frames = audio.channels[0]!.length;
  const bytes = opts.bits / 8;
  const fmtSize = opts.extensible ? 40 : 16;
  const dataSize = frames * channels * bytes;
  const buf = new ArrayBuffer(12 + 8 + fmtSize + 8 + dataSize);
  const v = new DataView(buf);
  const u8 = new Uint8Array(buf);
  const text = (at: number, s: string) => { for (let i = 0; i < s.length; i++) u8[at + i] = s.charCodeAt(i); };
  text(0, 'RIFF'); v.setUint32(4, buf.byteLength - 8, true); text(8, 'WAVE');
  text(12, 'fmt '); v.setUint32(16, fmtSize, true);
  const code = opts.float ? 3 : 1;
  v.setUint16(20, opts.extensible ? 0xfffe : code, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, audio.sampleRate, true);
  v.setUint32(28, audio.sampleRate * channels * bytes, true);
  v.setUint16(32, channels * bytes, true);
  v.setUint16(34, opts.bits, true);
  if (opts.extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(38, opts.bits, true);
    v.setUint32(40, channels === 6 ? 0x3f : 0, true); // 5.1 channel mask
    v.setUint16(44, code, true); // first two bytes of the sub-format GUID
  }
  const dataAt = 12 + 8 + fmtSize;
  text(dataAt, 'data'); v.setUint32(dataAt + 4, dataSize, true);
  let at = dataAt + 8;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++, at += bytes) {
      const x = Math.max(-1, Math.min(1, audio.channels[c]![i]!));
      if (opts.float) v.setFloat32(at, x, true);
      else if (opts.bits === 8) v.setUint8(at, Math.round(x * 127) + 128);
      else if (opts.bits === 16) v.setInt16(at, Math.round(x * 32767), true);
      else if (opts.bits === 24) {
        const s = Math.round(x * 8388607);
        v.setUint8(at, s & 0xff); v.setUint8(at + 1, (s >> 8) & 0xff); v.setUint8(at + 2, (s >> 16) & 0xff);
      } else v.setInt32(at, Math.round(x * 2147483647), true);
    }
  }
  return u8;
}

/** Concatenates mono clips at one rate, with `gap` seconds of silence between them. */
export function concat(clips: DecodedAudio[], gap: number, targetSeconds = 0): DecodedAudio {
  const rate = clips[0]!.sampleRate;
  const parts: Float32Array[] = [];
  let length = 0;
  for (let i = 0; length < targetSeconds * rate || i < clips.length; i++) {
    const c = clips[i % clips.length]!.channels[0]!;
    parts.push(c, new Float32Array(Math.round(gap * rate)));
    length += c.length + Math.round(gap * rate);
  }
  const out = new Float32Array(targetSeconds ? Math.round(targetSeconds * rate) : length);
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    out.set(p.subarray(0, out.length - at), at);
    at += p.length;
  }
  return { sampleRate: rate, channels: [out] };
}
