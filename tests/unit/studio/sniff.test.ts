/**
 * File-type sniffing from magic bytes, and image sizes from headers. Headers
 * are built here byte by byte from each format's specification (and real
 * fixture files where the repository has them), so a wrong offset fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sniffAudioType } from '../../../src/studio/inputs/audio-type.ts';
import { readImageSize, sniffImageType } from '../../../src/studio/inputs/image-type.ts';

const fixture = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));

/** Concatenates numbers (bytes) and strings (ASCII). */
function bytes(...parts: (number | string | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
}
const u16be = (v: number) => [v >> 8, v & 0xff];
const u16le = (v: number) => [v & 0xff, v >> 8];
const u32be = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const u32le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

function jpeg(width: number, height: number, exifBytes = 0): Uint8Array {
  const exif = new Array<number>(exifBytes).fill(0x41);
  return bytes(
    0xff, 0xd8,
    0xff, 0xe0, u16be(16), 'JFIF', 0, 1, 1, 0, u16be(72), u16be(72), 0, 0, // APP0
    0xff, 0xe1, u16be(2 + 6 + exif.length), 'Exif', 0, 0, exif, // APP1
    0xff, 0xdb, u16be(67), 0, new Array<number>(64).fill(1), // DQT
    0xff, 0xc4, u16be(2 + 17 + 1), 0, new Array<number>(16).fill(0), 0, // DHT: shares the SOF range, must be skipped
    0xff, 0xc2, u16be(17), 8, u16be(height), u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, // SOF2 (progressive)
    0xff, 0xda,
  );
}

function isoFtyp(major: string, ...compatible: string[]): number[] {
  return [...u32be(16 + 4 * compatible.length), ...'ftyp'.split('').map((c) => c.charCodeAt(0)), ...major.split('').map((c) => c.charCodeAt(0)), 0, 0, 0, 0, ...compatible.flatMap((b) => b.split('').map((c) => c.charCodeAt(0)))];
}

function ispe(width: number, height: number): number[] {
  return [...u32be(20), ...'ispe'.split('').map((c) => c.charCodeAt(0)), 0, 0, 0, 0, ...u32be(width), ...u32be(height)];
}

describe('sniffImageType', () => {
  it('reads the real PNG fixture and its IHDR size', () => {
    const png = fixture('analyse/astronaut.png');
    expect(sniffImageType(png)).toBe('png');
    expect(readImageSize(png, 'png')).toEqual({ width: 512, height: 512 });
  });

  it('finds the JPEG frame size behind large EXIF segments and a DHT marker', () => {
    const j = jpeg(6000, 4000, 30_000);
    expect(sniffImageType(j)).toBe('jpeg');
    expect(readImageSize(j, 'jpeg')).toEqual({ width: 6000, height: 4000 });
    // Cut before the frame header: no size rather than a wrong one.
    expect(readImageSize(j.subarray(0, 1000), 'jpeg')).toBeNull();
  });

  it('reads all three WebP flavours', () => {
    const lossy = bytes('RIFF', u32le(100), 'WEBP', 'VP8 ', u32le(80), 0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, u16le(1920), u16le(1080));
    const lossless = (() => {
      const bits = (1919 & 0x3fff) | ((1079 & 0x3fff) << 14);
      return bytes('RIFF', u32le(100), 'WEBP', 'VP8L', u32le(80), 0x2f, u32le(bits));
    })();
    const extended = bytes('RIFF', u32le(100), 'WEBP', 'VP8X', u32le(10), 0x10, 0, 0, 0, 9999 & 0xff, (9999 >> 8) & 0xff, 0, 4999 & 0xff, (4999 >> 8) & 0xff, 0);
    for (const w of [lossy, lossless, extended]) expect(sniffImageType(w)).toBe('webp');
    expect(readImageSize(lossy, 'webp')).toEqual({ width: 1920, height: 1080 });
    expect(readImageSize(lossless, 'webp')).toEqual({ width: 1920, height: 1080 });
    expect(readImageSize(extended, 'webp')).toEqual({ width: 10000, height: 5000 });
  });

  it('reads GIF and BMP (bottom-up and top-down)', () => {
    const gif = bytes('GIF89a', u16le(320), u16le(240), 0xf7, 0, 0);
    expect(sniffImageType(gif)).toBe('gif');
    expect(readImageSize(gif, 'gif')).toEqual({ width: 320, height: 240 });
    const bmp = (h: number) => bytes('BM', u32le(1000), 0, 0, 0, 0, u32le(54), u32le(40), u32le(800), u32le(h >>> 0), u16le(1), u16le(24));
    expect(sniffImageType(bmp(600))).toBe('bmp');
    expect(readImageSize(bmp(600), 'bmp')).toEqual({ width: 800, height: 600 });
    expect(readImageSize(bmp(-600), 'bmp')).toEqual({ width: 800, height: 600 });
    // "BM" followed by text is not a bitmap.
    expect(sniffImageType(bytes('BMW owners club newsletter, issue 4'))).toBeNull();
  });

  it('tells AVIF from HEIC by the ftyp brands, and reads the largest ispe', () => {
    const avif = bytes(isoFtyp('avif', 'mif1', 'miaf'), u32be(60), 'meta', ispe(512, 512), ispe(4032, 3024));
    expect(sniffImageType(avif)).toBe('avif');
    expect(readImageSize(avif, 'avif')).toEqual({ width: 4032, height: 3024 });
    expect(sniffImageType(bytes(isoFtyp('heic', 'mif1', 'heic')))).toBe('heic');
    // Generic HEIF without an AVIF brand is what iPhones write too.
    expect(sniffImageType(bytes(isoFtyp('mif1', 'heic')))).toBe('heic');
    // An AVIF whose major brand is generic still counts as AVIF.
    expect(sniffImageType(bytes(isoFtyp('mif1', 'avif')))).toBe('avif');
  });

  it('refuses what is not an image Vivify reads', () => {
    expect(sniffImageType(bytes('%PDF-1.7\n'))).toBeNull();
    expect(sniffImageType(bytes('II*', 0, u32le(8)))).toBeNull(); // TIFF
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
    expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull(); // too short to be a JPEG
    expect(sniffImageType(fixture('speech/bob-map.wav'))).toBeNull();
    expect(sniffImageType(fixture('speech/formats/bob-map.m4a'))).toBeNull();
  });
});

describe('sniffAudioType', () => {
  it('recognises every real audio fixture by its bytes', () => {
    expect(sniffAudioType(fixture('speech/bob-map.wav'))).toBe('wav');
    expect(sniffAudioType(fixture('speech/formats/bob-map.mp3'))).toBe('mp3');
    expect(sniffAudioType(fixture('speech/formats/bob-map.m4a'))).toBe('mp4');
    expect(sniffAudioType(fixture('speech/formats/bob-map.opus'))).toBe('ogg');
    expect(sniffAudioType(fixture('speech/formats/bob-map.flac'))).toBe('flac');
    expect(sniffAudioType(fixture('encode/tone-48k-mono-0.5s.aac'))).toBe('aac');
    // A video's sound is welcome.
    expect(sniffAudioType(fixture('speech/bob-map-video.mp4'))).toBe('mp4');
  });

  it('recognises WebM, RF64, and MP3 or FLAC behind an ID3 tag', () => {
    expect(sniffAudioType(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81))).toBe('webm');
    expect(sniffAudioType(bytes('RF64', u32le(0xffffffff), 'WAVE'))).toBe('wav');
    const tag = (after: number[]) => bytes('ID3', 4, 0, 0, 0, 0, 0, 20, new Array<number>(20).fill(0), after);
    expect(sniffAudioType(tag([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffAudioType(tag([...'fLaC'].map((c) => c.charCodeAt(0))))).toBe('flac');
    // A bare MPEG-1 layer III frame header at offset 0.
    expect(sniffAudioType(bytes(0xff, 0xfb, 0x90, 0x64))).toBe('mp3');
  });

  it('refuses images, text, garbage and a run of 0xFF bytes', () => {
    expect(sniffAudioType(fixture('analyse/astronaut.png'))).toBeNull();
    expect(sniffAudioType(fixture('speech/formats/corrupt-garbage.bin'))).toBeNull();
    expect(sniffAudioType(bytes(isoFtyp('heic', 'mif1')))).toBeNull();
    expect(sniffAudioType(bytes('hello, this is a text file'))).toBeNull();
    expect(sniffAudioType(bytes(0xff, 0xff, 0xff, 0xff))).toBeNull();
  });
});
