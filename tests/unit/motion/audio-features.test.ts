import { describe, expect, it } from 'vitest';
import { FeatureExtractor, HOPS_PER_SECOND, type FeatureFrame } from '../../../src/motion/audio-features.ts';

function features(x: Float32Array, block = 1000): FeatureFrame[] {
  const fx = new FeatureExtractor();
  const out: FeatureFrame[] = [];
  for (let i = 0; i < x.length; i += block) out.push(...fx.push(x.subarray(i, i + block)));
  return out.concat(fx.flush());
}

/** A glottal-like harmonic tone: the shape the pitch tracker meets in speech. */
function harmonic(f0: number, seconds: number): Float32Array {
  return Float32Array.from({ length: 16000 * seconds }, (_, i) => {
    let s = 0;
    for (let h = 1; h <= 10; h++) s += Math.sin((2 * Math.PI * f0 * h * i) / 16000) / h;
    return 0.2 * s;
  });
}

describe('FeatureExtractor', () => {
  it('makes one frame per 10 ms hop', () => {
    expect(features(new Float32Array(16000))).toHaveLength(HOPS_PER_SECOND);
  });

  it('reads a full-scale sine at -3 dBFS', () => {
    const x = Float32Array.from({ length: 16000 }, (_, i) => Math.sin((2 * Math.PI * 500 * i) / 16000));
    expect(features(x)[50]!.energyDb).toBeCloseTo(-3, 0);
  });

  it.each([[80], [120], [220], [440], [880]])('tracks a %i Hz voice within 2%', (f0) => {
    const mid = features(harmonic(f0, 1)).slice(20, 80);
    for (const f of mid) {
      expect(f.voicing).toBeGreaterThan(0.8);
      expect(Math.abs(f.pitchHz / f0 - 1)).toBeLessThan(0.02);
    }
  });

  it('calls white noise unvoiced and flat, and a tone tonal', () => {
    let seed = 1;
    const noise = Float32Array.from({ length: 16000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.3);
    const n = features(noise)[50]!;
    expect(n.pitchHz).toBe(0);
    expect(n.flatness).toBeGreaterThan(0.4);
    expect(features(harmonic(150, 1))[50]!.flatness).toBeLessThan(0.05);
  });

  it('gives identical frames whatever the block size', () => {
    const x = harmonic(130, 1);
    const a = features(x, 16000);
    const b = features(x, 123);
    expect(b.map((f) => [f.energyDb, f.pitchHz, ...f.mfcc])).toEqual(a.map((f) => [f.energyDb, f.pitchHz, ...f.mfcc]));
  });
});
