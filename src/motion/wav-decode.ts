/**
 * A WAV (RIFF/WAVE) decoder for Node tests and for the worker when the
 * browser's decoder is not at hand. Produces the same `DecodedAudio` shape as
 * `browser-decode.ts`, so everything downstream is tested on one path.
 *
 * Handles integer PCM of 8/16/24/32 bits, IEEE float 32/64, A-law and µ-law,
 * and WAVE_FORMAT_EXTENSIBLE (how multichannel and high-rate files are
 * written). A data chunk whose declared size runs past the end of the file is
 * read up to the end: recorders that crash or stream write such files, and the
 * audio in them is still good.
 */
import type { DecodedAudio } from './audio-source.ts';
import { AudioDecodeError, EmptyAudioError } from './errors.ts';

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

interface WavFormat {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

export function decodeWav(bytes: ArrayBuffer | Uint8Array): DecodedAudio {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.byteLength === 0) throw new EmptyAudioError('audio file is 0 bytes');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.byteLength < 12 || ascii(u8, 0, 4) !== 'RIFF' || ascii(u8, 8, 4) !== 'WAVE') {
    throw new AudioDecodeError(`not a RIFF/WAVE file (starts with ${JSON.stringify(ascii(u8, 0, Math.min(12, u8.byteLength)))})`);
  }

  let fmt: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= u8.byteLength) {
    const id = ascii(u8, offset, 4);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const size = Math.min(declared, u8.byteLength - body);
    if (id === 'fmt ') fmt = readFormat(view, body, size);
    if (id === 'data') {
      if (!fmt) throw new AudioDecodeError('WAV data chunk comes before its fmt chunk');
      return decodeSamples(u8.subarray(body, body + size), fmt);
    }
    // Chunks are padded to an even length.
    offset = body + declared + (declared & 1);
  }
  throw new (fmt ? EmptyAudioError : AudioDecodeError)(fmt ? 'WAV file has no data chunk' : 'WAV file has no fmt chunk');
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16) throw new AudioDecodeError('WAV fmt chunk is truncated');
  let format = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  // Extensible: the real format code is the first two bytes of the sub-format GUID.
  if (format === FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(at + 24, true);
  if (channels === 0 || sampleRate === 0 || blockAlign === 0) {
    throw new AudioDecodeError(`WAV header is inconsistent (channels ${channels}, rate ${sampleRate}, blockAlign ${blockAlign})`);
  }
  const known =
    (format === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
    (format === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64)) ||
    ((format === FORMAT_ALAW || format === FORMAT_MULAW) && bitsPerSample === 8);
  if (!known) throw new AudioDecodeError(`unsupported WAV encoding (format ${format}, ${bitsPerSample} bits)`);
  if (blockAlign < channels * (bitsPerSample / 8)) throw new AudioDecodeError('WAV blockAlign is smaller than one frame');
  return { format, channels, sampleRate, bitsPerSample, blockAlign };
}

function decodeSamples(data: Uint8Array, f: WavFormat): DecodedAudio {
  const frames = Math.floor(data.byteLength / f.blockAlign);
  if (frames === 0) throw new EmptyAudioError('WAV data chunk holds no samples');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(f, view);
  const bytes = f.bitsPerSample / 8;
  const channels = Array.from({ length: f.channels }, () => new Float32Array(frames));
  for (let c = 0; c < f.channels; c++) {
    const out = channels[c]!;
    for (let i = 0, at = c * bytes; i < frames; i++, at += f.blockAlign) out[i] = read(at);
  }
  return { sampleRate: f.sampleRate, channels };
}

function sampleReader(f: WavFormat, v: DataView): (at: number) => number {
  if (f.format === FORMAT_FLOAT) {
    return f.bitsPerSample === 32 ? (at) => clampUnit(v.getFloat32(at, true)) : (at) => clampUnit(v.getFloat64(at, true));
  }
  if (f.format === FORMAT_ALAW) return (at) => alaw(v.getUint8(at)) / 32768;
  if (f.format === FORMAT_MULAW) return (at) => mulaw(v.getUint8(at)) / 32768;
  switch (f.bitsPerSample) {
    case 8: return (at) => (v.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
    case 16: return (at) => v.getInt16(at, true) / 32768;
    case 24: return (at) => ((v.getUint8(at + 2) << 24) | (v.getUint8(at + 1) << 16) | (v.getUint8(at) << 8)) / 2147483648;
    default: return (at) => v.getInt32(at, true) / 2147483648;
  }
}

// NaN or out-of-range floats from a broken writer would otherwise poison every
// feature downstream.
function clampUnit(x: number): number {
  return Number.isFinite(x) ? Math.max(-1, Math.min(1, x)) : 0;
}

// G.711 expansions to 16-bit linear.
function alaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 7;
  const mantissa = a & 15;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

function mulaw(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 7;
  const magnitude = ((((u & 15) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

function ascii(u8: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...u8.subarray(at, at + n));
}
