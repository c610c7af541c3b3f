import { describe, expect, it } from 'vitest';
import { StreamingResampler, downmix } from '../../../src/motion/resample.ts';

function tone(rate: number, hz: number, seconds: number, amp = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
}

function resampleAll(x: Float32Array, from: number, to: number, block: number): Float32Array {
  const r = new StreamingResampler(from, to);
  const parts: Float32Array[] = [];
  for (let i = 0; i < x.length; i += block) parts.push(r.push(x.subarray(i, i + block)));
  parts.push(r.flush());
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Amplitude of `hz` in x by correlation with a quadrature pair, over the middle half (edges excluded). */
function amplitudeAt(x: Float32Array, rate: number, hz: number): number {
  let s = 0, c = 0;
  const from = Math.floor(x.length / 4), to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) {
    s += x[i]! * Math.sin((2 * Math.PI * hz * i) / rate);
    c += x[i]! * Math.cos((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

describe('StreamingResampler', () => {
  it.each([[44100], [48000], [96000], [8000], [11025], [22050]])('keeps a 1 kHz tone from %i Hz at 16 kHz within 0.1 dB', (rate) => {
    const out = resampleAll(tone(rate, 1000, 1), rate, 16000, 4096);
    expect(out.length).toBe(16000);
    expect(20 * Math.log10(amplitudeAt(out, 16000, 1000) / 0.5)).toBeCloseTo(0, 1);
  });

  it('removes content above the new Nyquist instead of folding it down (> 60 dB)', () => {
    // 11 kHz at 48 kHz would alias to 5 kHz at 16 kHz.
    const out = resampleAll(tone(48000, 11000, 1), 48000, 16000, 4096);
    expect(20 * Math.log10(amplitudeAt(out, 16000, 5000) / 0.5)).toBeLessThan(-60);
  });

  it('gives bit-identical output whatever the input block size', () => {
    const x = Float32Array.from({ length: 22050 }, (_, i) => Math.sin(i * 0.01) * Math.sin(i * 0.37));
    const a = resampleAll(x, 44100, 16000, 44100);
    for (const block of [1, 37, 512, 10000]) expect(resampleAll(x, 44100, 16000, block)).toEqual(a);
  });

  it('downmixes channels to their mean', () => {
    const m = downmix([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(-1, 2)]);
    expect(m[0]).toBeCloseTo(0, 6); // float32 thirds
    expect(m[1]).toBeCloseTo(1, 6);
  });
});
