import { describe, expect, test } from 'vitest';
import { audioVisualOffset, lipSyncAgreement } from '../../../src/eval/metrics/lip-sync.ts';
import { seededRandom } from './synthetic-face.ts';

/** A speech-like envelope: random syllables (3–8 frames) between short pauses. */
function envelope(frames: number, seed: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  while (out.length < frames) {
    const peak = 0.3 + 0.7 * random();
    const length = 3 + Math.floor(6 * random());
    for (let i = 0; i < length; i++) out.push(peak * Math.sin((Math.PI * (i + 0.5)) / length));
    for (let i = Math.floor(4 * random()); i > 0; i--) out.push(0);
  }
  return out.slice(0, frames);
}

/** values[t - k]: positive k delays the track (it happens k frames later). */
const delay = (values: readonly number[], k: number) => values.map((_, t) => values[t - k] ?? null);

describe('audio-visual offset', () => {
  const rms = envelope(300, 7);

  test('a mouth that copies the loudness 3 frames late has offset +3; 3 frames early, −3', () => {
    expect(audioVisualOffset(delay(rms, 3), rms)?.lagFrames).toBe(3);
    expect(audioVisualOffset(delay(rms, -3), rms)?.lagFrames).toBe(-3);
    expect(audioVisualOffset(delay(rms, 3), rms)?.correlation).toBeCloseTo(1, 9);
  });

  test('in-sync tracks have offset 0; a lag beyond the ±5 search does not come out as a small one with full correlation', () => {
    expect(audioVisualOffset(rms, rms)?.lagFrames).toBe(0);
    const far = audioVisualOffset(delay(rms, 9), rms)!;
    expect(far.correlation).toBeLessThan(0.9);
  });

  test('frames without a face are skipped, not read as a closed mouth', () => {
    const mouth = delay(rms, 2).map((v, t) => (t % 7 === 0 ? null : v));
    expect(audioVisualOffset(mouth, rms)?.lagFrames).toBe(2);
  });

  test('null when nothing overlaps', () => {
    expect(audioVisualOffset([null, null, null], [0.1, 0.2, 0.3])).toBeNull();
  });
});

describe('lip-sync agreement', () => {
  const rms = envelope(200, 3);
  const speech = rms.map((v) => v > 0.05);

  test('identical tracks: correlation 1, mean absolute difference 0', () => {
    const { mae, correlation } = lipSyncAgreement(rms, rms, speech);
    expect(mae).toBe(0);
    expect(correlation).toBeCloseTo(1, 12);
  });

  test('a mouth that opens in silence and closes in speech correlates negatively and differs by a lot', () => {
    const inverted = rms.map((v) => 1 - v);
    const { mae, correlation } = lipSyncAgreement(inverted, rms, speech);
    expect(correlation).toBeCloseTo(-1, 12);
    expect(mae!).toBeGreaterThan(0.2);
  });

  test('the difference is averaged over speech frames only', () => {
    // Mouth off by 0.5 in silence only: no difference counts.
    const mouth = rms.map((v, i) => (speech[i] ? v : v + 0.5));
    expect(lipSyncAgreement(mouth, rms, speech).mae).toBe(0);
  });

  test('a frozen mouth has no defined correlation', () => {
    expect(lipSyncAgreement(rms.map(() => 0.2), rms, speech).correlation).toBeNull();
  });
});
