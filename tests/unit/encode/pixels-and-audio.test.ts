import { describe, expect, it } from 'vitest';
import { alphaToI420, i420Size, rgbaToI420 } from '../../../src/encode/i420.ts';
import { alignAudio, durationOf, interleave } from '../../../src/encode/pcm-audio.ts';
import { syntheticVoice } from '../../../src/encode/synthetic-audio.ts';
import { BARCODE_BITS, readBarcode } from '../../../src/encode/synthetic-frames.ts';

const solid = (w: number, h: number, rgba: number[]) => {
  const out = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) out.set(rgba, i * 4);
  return out;
};

describe('rgbaToI420 (BT.709 limited range)', () => {
  // Reference values from the BT.709 equations, rounded: white → (235,128,128), black → (16,128,128),
  // pure red → (63,102,240), pure green → (173,42,26), pure blue → (32,240,118).
  it.each([
    [[255, 255, 255, 255], [235, 128, 128]],
    [[0, 0, 0, 255], [16, 128, 128]],
    [[128, 128, 128, 255], [126, 128, 128]],
    [[255, 0, 0, 255], [63, 102, 240]],
    [[0, 255, 0, 255], [173, 42, 26]],
    [[0, 0, 255, 255], [32, 240, 118]],
  ])('%j → YCbCr %j within 1 code value', (rgba, [y, u, v]) => {
    const out = new Uint8Array(i420Size(4, 2));
    rgbaToI420(solid(4, 2, rgba), 4, 2, out);
    expect(Math.abs(out[0]! - y!)).toBeLessThanOrEqual(1);
    expect(Math.abs(out[8]! - u!)).toBeLessThanOrEqual(1);
    expect(Math.abs(out[10]! - v!)).toBeLessThanOrEqual(1);
  });

  it('writes at an offset, leaving the rest of the segment buffer alone', () => {
    const out = new Uint8Array(i420Size(2, 2) * 2).fill(7);
    rgbaToI420(solid(2, 2, [0, 0, 0, 255]), 2, 2, out, i420Size(2, 2));
    expect(Array.from(out.subarray(0, 6))).toEqual([7, 7, 7, 7, 7, 7]);
    expect(out[6]).toBe(16);
  });
});

describe('alphaToI420', () => {
  it('puts alpha in luma unchanged and neutral chroma', () => {
    const rgba = new Uint8Array([9, 9, 9, 0, 9, 9, 9, 255, 9, 9, 9, 128, 9, 9, 9, 1]);
    expect(Array.from(alphaToI420(rgba, 2, 2))).toEqual([0, 255, 128, 1, 128, 128]);
  });
});

describe('alignAudio', () => {
  const voice = { sampleRate: 1000, channels: [Float32Array.from({ length: 3000 }, (_, i) => i)] };

  it('cuts the driver to the video length', () => {
    const a = alignAudio(voice, 60, 30);
    expect(a.channels[0]!.length).toBe(2000);
    expect(a.channels[0]![1999]).toBe(1999);
  });

  it('starts at the offset and pads the end with silence', () => {
    const a = alignAudio(voice, 90, 30, 1.5);
    expect(a.channels[0]![0]).toBe(1500);
    expect(a.channels[0]![1499]).toBe(2999);
    expect(a.channels[0]![1500]).toBe(0);
    expect(durationOf(a)).toBe(3);
  });

  it('leads with silence when the video starts before the voice', () => {
    const a = alignAudio(voice, 30, 30, -0.25);
    expect(a.channels[0]![249]).toBe(0);
    expect(a.channels[0]![250]).toBe(0);
    expect(a.channels[0]![251]).toBe(1);
  });

  it('folds more than two channels into stereo without clipping', () => {
    const four = { sampleRate: 10, channels: [1, 1, 1, 1].map(() => new Float32Array(10).fill(1)) };
    const a = alignAudio(four, 1, 1);
    expect(a.channels).toHaveLength(2);
    expect(a.channels[0]![0]).toBe(1);
  });

  it('interleaves planar channels', () => {
    expect(Array.from(interleave({ sampleRate: 1, channels: [new Float32Array([1, 2]), new Float32Array([3, 4])] }))).toEqual([1, 3, 2, 4]);
  });
});

describe('syntheticVoice', () => {
  it('is deterministic, in range, and gated on for the first quarter second of each half', () => {
    const a = syntheticVoice(1, 8000);
    expect(Array.from(a.channels[0]!.subarray(0, 50))).toEqual(Array.from(syntheticVoice(1, 8000).channels[0]!.subarray(0, 50)));
    expect(Math.max(...a.channels[0]!.map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect(a.channels[0]!.subarray(2100, 3900).every((v) => v === 0)).toBe(true);
  });
});

describe('readBarcode', () => {
  it('reads back the 16 cells the pattern draws along the bottom', () => {
    const w = 64;
    const h = 32;
    const luma = new Uint8Array(w * h);
    const value = 0b1010_0000_1111_0001;
    for (let b = 0; b < BARCODE_BITS; b++) {
      const on = (value >> (BARCODE_BITS - 1 - b)) & 1;
      for (let y = h - 2; y < h; y++) for (let x = b * 4; x < b * 4 + 4; x++) luma[y * w + x] = on ? 235 : 16;
    }
    expect(readBarcode(luma, w, h)).toBe(value);
  });
});
