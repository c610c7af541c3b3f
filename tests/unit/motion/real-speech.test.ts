/**
 * Real speech: a LibriVox reading (public domain, see
 * tests/fixtures/speech/librivox-NOTICE.txt), two sentences with the pause
 * between them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotionTrack } from '../../../src/contracts/motion.ts';
import { downmix } from '../../../src/motion/resample.ts';
import { loadAudio, trackOf } from './helpers.ts';
import { pearson, rmsEnvelope } from './lipsync-metrics.ts';

const FPS = 25;
let track: MotionTrack;
let rms: Float64Array;

beforeAll(async () => {
  const audio = loadAudio('librivox-austen');
  track = await trackOf(audio, { fps: FPS });
  rms = rmsEnvelope(downmix(audio.channels), audio.sampleRate, FPS, track.frameCount);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Silences: runs of ≥ 300 ms whose 40 ms RMS is 20 dB or more below the loud (95th percentile) speech level. */
function silences(env: Float64Array): Array<[number, number]> {
  const db = Array.from(env, (v) => 20 * Math.log10(v + 1e-9));
  const loud = [...db].sort((a, b) => a - b)[Math.floor(0.95 * (db.length - 1))]!;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < db.length; ) {
    if (db[i]! >= loud - 20) { i++; continue; }
    let j = i;
    while (j + 1 < db.length && db[j + 1]! < loud - 20) j++;
    if ((j - i + 1) / FPS >= 0.3) out.push([i, j]);
    i = j + 1;
  }
  return out;
}

describe('lip sync on real speech', () => {
  it('opens the mouth with the loudness: r(jawOpen, RMS) ≥ 0.6', () => {
    const jaw = track.frames.map((f) => f.blendshapes.jawOpen ?? 0);
    expect(pearson(jaw, rms)).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps the mouth closed and still in silences of 300 ms or more', () => {
    const found = silences(rms);
    expect(found.length).toBeGreaterThanOrEqual(1);
    for (const [from, to] of found) {
      // 80 ms at each edge belong to the words either side (the jaw leads the sound by design).
      const jaw = track.frames.slice(from + 2, to - 1).map((f) => f.blendshapes.jawOpen ?? 0);
      const med = median(jaw);
      expect(med).toBeLessThan(0.05);
      expect(median(jaw.map((v) => Math.abs(v - med)))).toBeLessThan(0.02);
    }
  });

  it('finds the two sentences as speech segments', () => {
    const speech = track.markers.filter((m) => m.kind === 'speech' && m.end - m.start > 1);
    expect(speech).toHaveLength(2);
    // The sentences are joined at 7.1 s (the first file's length).
    expect(speech[0]!.end).toBeLessThan(7.1);
    expect(speech[1]!.start).toBeGreaterThan(6.9);
  });
});
