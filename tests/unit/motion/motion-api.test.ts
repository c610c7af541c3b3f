import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/contracts/errors.ts';
import type { Progress } from '../../../src/contracts/progress.ts';
import { AudioDecodeError } from '../../../src/motion/errors.ts';
import { createMotionApi } from '../../../src/motion/motion-api.ts';
import type { MotionChunk } from '../../../src/motion/synthesise.ts';
import { fixtureBytes, loadAudio } from './helpers.ts';

const wavBuffer = (name: string) => {
  const b = fixtureBytes(name);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('motion worker API', () => {
  it('makes the same track from WAV bytes as from decoded audio, reporting progress', async () => {
    const api = createMotionApi();
    const progress: Progress[] = [];
    const fromBytes = await api.synthesiseTrack('a', wavBuffer('bob-map.wav'), { fps: 25 }, (p) => progress.push(p));
    const fromDecoded = await api.synthesiseTrack('b', loadAudio('bob-map'), { fps: 25 });
    expect(JSON.stringify(fromBytes)).toBe(JSON.stringify(fromDecoded));
    expect(progress.at(-1)).toMatchObject({ stage: 'motion', done: expect.closeTo(3.21, 2) });
    // Plain data: survives structured cloning (what postMessage does).
    expect(structuredClone(fromBytes)).toEqual(fromBytes);
  });

  it('streams chunks and can be cancelled by job id', async () => {
    const api = createMotionApi();
    const got: MotionChunk[] = [];
    const run = api.synthesiseChunks('job', loadAudio('librivox-austen'), { chunkSeconds: 1 }, (c) => {
      got.push(c);
      if (got.length === 2) api.cancel('job');
    });
    await expect(run).rejects.toThrow(CancelledError);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.length).toBeLessThan(5);
  });

  it('passes typed decode errors through', async () => {
    const api = createMotionApi();
    await expect(api.synthesiseTrack('x', wavBuffer('bob-map-video.mp4'), {})).rejects.toThrow(AudioDecodeError);
  });
});
