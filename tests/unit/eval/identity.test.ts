import { describe, expect, test } from 'vitest';
import { IDENTITY_POINTS } from '../../../src/eval/metrics/face-points.ts';
import { identityDrift, procrustesDistance } from '../../../src/eval/metrics/identity.ts';
import { interOcularDistance } from '../../../src/eval/metrics/mouth-opening.ts';
import { baseFace, moveRigidly, openMouth } from './synthetic-face.ts';

const reference = baseFace();

describe('identity (Procrustes distance to the photo)', () => {
  test('is 0 for the photo itself', () => {
    expect(procrustesDistance(reference, reference)).toBeCloseTo(0, 9);
  });

  test('is ~0 for a turned, tilted, rolled, scaled and shifted copy', () => {
    const moved = moveRigidly(reference, { yaw: 0.35, pitch: 0.15, roll: -0.2, scale: 1.3, dx: 25, dy: -40 });
    expect(procrustesDistance(moved, reference)).toBeLessThan(1e-5);
  });

  test('an open mouth leaves it at 0', () => {
    expect(procrustesDistance(openMouth(reference, 30), reference)).toBeCloseTo(0, 9);
  });

  test('a changed face shape raises it by the RMS change over inter-ocular distance', () => {
    // Widen the face: x of every identity point scaled by 1.1 about the midline (not a similarity).
    const wider = reference.slice();
    for (let i = 0; i < 468; i++) wider[i * 3] = 256 + 1.1 * (reference[i * 3]! - 256);
    const d = procrustesDistance(wider, reference);
    // Upper bound: the unaligned RMS change. The best similarity can only reduce it, but not to 0.
    let sum = 0;
    for (const i of IDENTITY_POINTS) sum += (wider[i * 3]! - reference[i * 3]!) ** 2;
    const unaligned = Math.sqrt(sum / IDENTITY_POINTS.length) / interOcularDistance(reference);
    expect(d).toBeGreaterThan(0.01);
    expect(d).toBeLessThanOrEqual(unaligned + 1e-9);
  });

  test('drift: mean and max over frames with a face; nulls without any', () => {
    const wider = reference.slice();
    for (let i = 0; i < 468; i++) wider[i * 3] = 256 + 1.1 * (reference[i * 3]! - 256);
    const d = procrustesDistance(wider, reference);
    const drift = identityDrift([reference, null, wider, reference, wider], reference);
    expect(drift.max).toBeCloseTo(d, 9);
    expect(drift.mean).toBeCloseTo(d / 2, 9);
    expect(identityDrift([null], reference)).toEqual({ mean: null, max: null });
  });
});
