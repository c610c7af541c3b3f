/**
 * What kind of audio (or video with sound) a file is, from its first bytes.
 *
 * Only the container is checked here; whether the browser can decode the
 * codec inside is found by decoding. A video file is welcome: its sound track
 * is what the motion stage uses.
 */
import { ftypBrands } from './image-type.ts';

export type AudioType = 'wav' | 'mp3' | 'aac' | 'mp4' | 'ogg' | 'flac' | 'webm';

/** Enough for any container's signature, and for an ID3 tag's header before MP3 or FLAC. */
export const AUDIO_HEADER_BYTES = 4096;

// Image brands share the ISO-BMFF box; they must not pass as M4A.
const IMAGE_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (bytes.length < at + length) return '';
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** An MPEG audio frame header (MP3) or an ADTS header (AAC) at `at`, told apart by the layer bits. */
function mpegSync(bytes: Uint8Array, at: number): 'mp3' | 'aac' | null {
  if (bytes.length < at + 4 || bytes[at] !== 0xff || (bytes[at + 1]! & 0xe0) !== 0xe0) return null;
  const b1 = bytes[at + 1]!;
  const layer = (b1 >> 1) & 0x3;
  // ADTS: 12 sync bits, then MPEG version bit and layer "00".
  if ((b1 & 0xf6) === 0xf0) return 'aac';
  const version = (b1 >> 3) & 0x3;
  const bitrate = bytes[at + 2]! >> 4;
  const rate = (bytes[at + 2]! >> 2) & 0x3;
  // Reserved values in any of these mean it is not a frame header, just a run of 0xFF bytes.
  if (layer === 0 || version === 1 || bitrate === 0xf || rate === 0x3) return null;
  return 'mp3';
}

/** The audio container the bytes begin with, or null when they are not audio Vivify knows. */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  const riff = ascii(bytes, 0, 4);
  if ((riff === 'RIFF' || riff === 'RF64' || riff === 'BW64') && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (riff === 'OggS') return 'ogg';
  if (riff === 'fLaC') return 'flac';
  // EBML magic: Matroska and WebM share it, and Chrome decodes the audio of both.
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  const brands = ftypBrands(bytes);
  if (brands.length > 0) return brands.some((b) => IMAGE_BRANDS.has(b)) ? null : 'mp4';
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    // ID3v2 size: four 7-bit "syncsafe" bytes, plus the 10-byte header (and a 10-byte footer when flagged).
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    const after = 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
    if (ascii(bytes, after, 4) === 'fLaC') return 'flac';
    const sync = mpegSync(bytes, after);
    // A tag longer than the bytes we were given still means MP3 in practice: FLAC rarely carries ID3.
    return sync ?? 'mp3';
  }
  return mpegSync(bytes, 0);
}
