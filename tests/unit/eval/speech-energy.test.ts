import { describe, expect, test } from 'vitest';
import { frameRms, normaliseTrack, speechMask } from '../../../src/eval/metrics/speech-energy.ts';
import { toneWithEnvelope } from './synthetic-face.ts';

const fps = 30;

describe('frame RMS', () => {
  test('a tone of amplitude A measures A/√2 in each of its frames, silence 0, and frames past the audio 0', () => {
    const envelope = [0, 0.5, 0.5, 0, 1];
    const samples = toneWithEnvelope(envelope, fps);
    const rms = frameRms({ sampleRate: 16000, samples }, fps, 7);
    const expected = [...envelope.map((a) => a / Math.SQRT2), 0, 0];
    rms.forEach((r, i) => expect(r, `frame ${i}`).toBeCloseTo(expected[i]!, 3));
  });
});

describe('speech mask', () => {
  const frames = (pattern: string) => [...pattern].map((c) => (c === '#' ? 0.3 : 0.0005));

  test('loud frames are speech, room tone is not', () => {
    const pattern = '..###......##'; // the 200 ms gap is longer than the hangover
    expect(speechMask(frames(pattern), fps)).toEqual([...pattern].map((c) => c === '#'));
  });

  test('hangover: a 100 ms dip inside speech stays speech, a 400 ms silence does not', () => {
    const short = speechMask(frames('#####...#####'), fps); // 3 frames = 100 ms
    expect(short.every(Boolean)).toBe(true);
    const long = speechMask(frames('#####' + '.'.repeat(12) + '#####'), fps); // 400 ms
    expect(long.slice(5, 17).some(Boolean)).toBe(false);
  });

  test('a quiet phrase 18 dB under the loud one is still speech; one 30 dB under is not', () => {
    const rms = [...Array(20).fill(0.3), ...Array(10).fill(0), ...Array(10).fill(0.038), ...Array(10).fill(0), ...Array(10).fill(0.0095)];
    const mask = speechMask(rms, fps);
    expect(mask.slice(30, 40).every(Boolean)).toBe(true);
    expect(mask.slice(50, 60).some(Boolean)).toBe(false);
  });

  test('silence everywhere is no speech at all', () => {
    expect(speechMask(Array(30).fill(0), fps).some(Boolean)).toBe(false);
  });
});

describe('normaliseTrack', () => {
  test('maps the rest level to 0 and the loud level to 1, clipped, keeping nulls', () => {
    const values = [1, 1, 1, 1, 3, 3, 3, 3, 5, null];
    const speech = values.map((_, i) => i >= 4);
    const n = normaliseTrack(values, speech);
    expect(n.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(n[9]).toBeNull();
    expect(n[8]).toBe(1);
    // 95th percentile of speech values [3,3,3,3,5] is 4.6: 3 maps to (3-1)/(4.6-1).
    expect(n[4]).toBeCloseTo(2 / 3.6, 9);
  });

  test('a constant track maps to 0', () => {
    expect(normaliseTrack([2, 2, 2], [true, true, true])).toEqual([0, 0, 0]);
  });
});
