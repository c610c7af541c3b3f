import { describe, expect, test } from 'vitest';
import { STILL_POINTS } from '../../../src/eval/metrics/face-points.ts';
import { alignToReference, jitter, MESH_POINTS } from '../../../src/eval/metrics/jitter.ts';
import { interOcularDistance } from '../../../src/eval/metrics/mouth-opening.ts';
import { addNoise, baseFace, gaussian, moveRigidly, openMouth, seededRandom } from './synthetic-face.ts';

const reference = baseFace();
const frames = 60;

const measure = (landmarks: (Float32Array | null)[], points: readonly number[] = MESH_POINTS) =>
  jitter(alignToReference(landmarks, reference), points);

describe('jitter', () => {
  test('a still face has zero jitter', () => {
    expect(measure(Array(frames).fill(reference))).toBeCloseTo(0, 9);
  });

  test('a face that drifts, rolls and zooms smoothly in the image is not jittery: the alignment takes it out', () => {
    const moving = Array.from({ length: frames }, (_, t) =>
      moveRigidly(reference, { roll: 0.3 * Math.sin(t / 5), scale: 1 + 0.2 * Math.sin(t / 7), dx: 4 * t, dy: 30 * Math.cos(t / 4) }),
    );
    expect(measure(moving)).toBeLessThan(1e-5);
  });

  test('grows in proportion to landmark noise, as √6·√(π/2)·σ for Gaussian noise of σ per axis', () => {
    const normal = gaussian(seededRandom(11));
    const iod = interOcularDistance(reference);
    const noisy = (sigma: number) => Array.from({ length: frames }, () => addNoise(reference, sigma, normal));
    const j1 = measure(noisy(1))!;
    const j2 = measure(noisy(2))!;
    const j4 = measure(noisy(4))!;
    expect(j2 / j1).toBeCloseTo(2, 1);
    expect(j4 / j1).toBeCloseTo(4, 0);
    // Second difference of i.i.d. noise has variance 6σ² per axis; a 2D Gaussian norm's mean is σ'·√(π/2).
    // The alignment absorbs a little of the noise, hence the 5% tolerance.
    const expected = (Math.sqrt(6) * Math.sqrt(Math.PI / 2) * 2) / iod;
    expect(Math.abs(j2 - expected) / expected).toBeLessThan(0.05);
  });

  test('a talking mouth shakes the whole face figure but not the still points', () => {
    const talking = Array.from({ length: frames }, (_, t) => openMouth(reference, t % 2 ? 15 : 0));
    expect(measure(talking, MESH_POINTS)!).toBeGreaterThan(1e-3);
    expect(measure(talking, STILL_POINTS)!).toBeLessThan(1e-9);
  });

  test('only triplets of consecutive frames with a face count; none gives null', () => {
    expect(measure([reference, null, reference, null, reference])).toBeNull();
    expect(measure([reference, reference, reference, null])).toBeCloseTo(0, 9);
  });
});
