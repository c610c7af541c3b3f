import { describe, expect, test } from 'vitest';
import { silences, silentLipStability } from '../../../src/eval/metrics/silent-lip-stability.ts';

const fps = 30;
const mask = (pattern: string) => [...pattern].map((c) => c === '#');

describe('silences', () => {
  test('finds silent runs of at least 300 ms (9 frames at 30 fps), including at the ends', () => {
    const speech = mask('.'.repeat(9) + '#'.repeat(5) + '.'.repeat(8) + '#'.repeat(5) + '.'.repeat(12));
    expect(silences(speech, fps)).toEqual([
      { start: 0, end: 9 },
      { start: 27, end: 39 },
    ]);
  });
});

describe('silent-lip stability', () => {
  // 10 frames speech, 6 frames (200 ms) silence, 10 speech, 15 frames (500 ms) silence.
  const speech = mask('#'.repeat(10) + '.'.repeat(6) + '#'.repeat(10) + '.'.repeat(15));

  test('a mouth that wobbles only in pauses shorter than 300 ms is stable', () => {
    const mouth = speech.map((s, i) => (s ? 0.3 : i < 16 ? (i % 2 ? 0.2 : 0) : 0.05));
    expect(silentLipStability(mouth, speech, fps)).toBe(0);
  });

  test('deviations in long silences are measured: cycling through rest −0.02, rest, rest +0.02 gives 0.02', () => {
    const mouth = speech.map((s, i) => (s ? 0.3 : i >= 26 ? 0.05 + 0.02 * ((i % 3) - 1) : 0.05));
    expect(silentLipStability(mouth, speech, fps)).toBeCloseTo(0.02, 9);
  });

  test('the first and last 100 ms of a silence (the mouth closing and opening) do not count', () => {
    // A 10-frame (333 ms) pause: the mouth closes over 3 frames, rests for 4, opens over 3.
    // Counting the ramps would give a MAD of 0.06.
    const pause = mask('#'.repeat(10) + '.'.repeat(10) + '#'.repeat(10));
    const ramp = [0.25, 0.18, 0.11, 0.05, 0.05, 0.05, 0.05, 0.11, 0.18, 0.25];
    const mouth = pause.map((s, i) => (s ? 0.3 : ramp[i - 10]!));
    expect(silentLipStability(mouth, pause, fps)).toBe(0);
    expect(silentLipStability(mouth, pause, fps, { edgeMs: 0 })).toBeCloseTo(0.06, 9);
  });

  test('null when every silence is shorter than 300 ms', () => {
    const short = mask('#'.repeat(10) + '.'.repeat(8) + '#'.repeat(10));
    expect(silentLipStability(short.map(() => 0.1), short, fps)).toBeNull();
  });
});
