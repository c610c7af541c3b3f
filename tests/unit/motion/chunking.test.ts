/**
 * Chunked synthesis: the same motion whatever the chunk size or the size of
 * the audio blocks, continuous at the joins, and streaming.
 */
import { describe, expect, it } from 'vitest';
import type { MotionFrame } from '../../../src/contracts/motion.ts';
import { blocksOf, type DecodedAudio } from '../../../src/motion/audio-source.ts';
import { synthesise, type MotionChunk } from '../../../src/motion/synthesise.ts';
import { concat, loadAudio } from './helpers.ts';

/** Every number in a frame, in a fixed order (missing blendshapes read as 0). */
function numbers(f: MotionFrame): number[] {
  const names = Object.keys(f.blendshapes).sort();
  return [
    f.time, f.head.yaw, f.head.pitch, f.head.roll, f.head.x, f.head.y, f.head.z, f.gaze.x, f.gaze.y,
    f.body.breath, f.body.leanForward, f.body.leanSide, f.body.shoulderLeft, f.body.shoulderRight,
    ...names.map((n) => f.blendshapes[n as keyof typeof f.blendshapes] ?? 0),
  ];
}

async function chunks(audio: DecodedAudio, chunkSeconds: number, block = 4096, fps = 25): Promise<MotionChunk[]> {
  const out: MotionChunk[] = [];
  for await (const c of synthesise({ kind: 'audio', source: blocksOf(audio, block) }, { chunkSeconds, fps, seed: 11 })) out.push(c);
  return out;
}

function maxDifference(a: MotionFrame[], b: MotionFrame[]): number {
  expect(b.length).toBe(a.length);
  let worst = 0;
  a.forEach((f, i) => {
    const x = numbers(f);
    const y = numbers(b[i]!);
    expect(y.length).toBe(x.length);
    x.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - y[k]!))));
  });
  return worst;
}

const audio = concat([loadAudio('librivox-austen'), loadAudio('bob-map')], 0.3);

describe('chunked synthesis', () => {
  it('gives the same motion (within 1e-6) for any chunk size', async () => {
    const reference = (await chunks(audio, 2)).flatMap((c) => c.frames);
    for (const seconds of [0.04, 0.5, 1.3, 7]) {
      const frames = (await chunks(audio, seconds)).flatMap((c) => c.frames);
      expect(maxDifference(reference, frames), `${seconds} s chunks`).toBeLessThanOrEqual(1e-6);
    }
  });

  it('gives the same motion for any audio block size, and the same markers', async () => {
    const a = await chunks(audio, 2, 16000 * 20);
    const b = await chunks(audio, 0.5, 333);
    expect(maxDifference(a.flatMap((c) => c.frames), b.flatMap((c) => c.frames))).toBeLessThanOrEqual(1e-6);
    expect(b.flatMap((c) => c.markers)).toEqual(a.flatMap((c) => c.markers));
  });

  it('streams chunks of the requested length, numbered, with the last marked final', async () => {
    const cs = await chunks(audio, 2);
    expect(cs.slice(0, -1).every((c) => c.frames.length === 50)).toBe(true);
    cs.forEach((c, i) => {
      expect(c.index).toBe(i);
      if (i > 0) expect(c.startFrame).toBe(cs[i - 1]!.startFrame + cs[i - 1]!.frames.length);
    });
    expect(cs.at(-1)!.final).toBe(true);
    const seconds = audio.channels[0]!.length / audio.sampleRate;
    expect(cs.reduce((a, c) => a + c.frames.length, 0)).toBe(Math.ceil(seconds * 25));
  });

  it('is continuous in value and velocity at the joins', async () => {
    const cs = await chunks(audio, 1);
    const frames = cs.flatMap((c) => c.frames);
    const joins = new Set(cs.slice(1).map((c) => c.startFrame));
    for (const channel of [(f: MotionFrame) => f.head.yaw, (f: MotionFrame) => f.head.pitch, (f: MotionFrame) => f.body.breath]) {
      const x = frames.map(channel);
      const accel = x.slice(2).map((v, i) => Math.abs(v - 2 * x[i + 1]! + x[i]!));
      const typical = [...accel].sort((a, b) => a - b)[Math.floor(accel.length * 0.99)]!;
      // The change of velocity across a join is no larger than the 99th percentile anywhere else.
      for (const j of joins) if (j >= 1 && j + 1 < x.length) expect(accel[j - 1]!).toBeLessThanOrEqual(typical);
    }
  });

  it('interpolates between hops at frame rates that do not divide 100 Hz, with the same invariance', async () => {
    const a = (await chunks(audio, 2, 4096, 30)).flatMap((c) => c.frames);
    const b = (await chunks(audio, 0.7, 1000, 30)).flatMap((c) => c.frames);
    expect(a[1]!.time).toBeCloseTo(1 / 30, 12);
    expect(maxDifference(a, b)).toBeLessThanOrEqual(1e-6);
  });
});
