import { describe, expect, test } from 'vitest';
import { applySimilarity, fitSimilarity } from '../../../src/eval/metrics/similarity-fit.ts';
import { symmetricEigen } from '../../../src/eval/metrics/symmetric-eigen.ts';
import { baseFace, moveRigidly } from './synthetic-face.ts';

const all = Array.from({ length: 468 }, (_, i) => i);

describe('symmetric eigen-decomposition', () => {
  test('A v = λ v for every pair, on a 4×4 with distinct and repeated eigenvalues', () => {
    for (const m of [
      [4, 1, -2, 2, 1, 2, 0, 1, -2, 0, 3, -2, 2, 1, -2, -1],
      [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 5, 1, 0, 0, 1, 5],
    ]) {
      const { values, vectors } = symmetricEigen(m, 4);
      for (let k = 0; k < 4; k++) {
        for (let r = 0; r < 4; r++) {
          let av = 0;
          for (let c = 0; c < 4; c++) av += m[r * 4 + c]! * vectors[c * 4 + k]!;
          expect(av).toBeCloseTo(values[k]! * vectors[r * 4 + k]!, 10);
        }
      }
    }
  });
});

describe('similarity fit', () => {
  const face = baseFace();

  test('recovers a 3D turn, scale and shift exactly: the moved face maps back onto the original', () => {
    const moved = moveRigidly(face, { yaw: 0.4, pitch: -0.2, roll: 0.3, scale: 1.7, dx: 30, dy: -12, dz: 5 });
    const back = applySimilarity(moved, fitSimilarity(moved, face, all));
    for (let i = 0; i < face.length; i++) expect(back[i]!).toBeCloseTo(face[i]!, 2);
    expect(fitSimilarity(moved, face, all).scale).toBeCloseTo(1 / 1.7, 6);
  });

  test('in 2D it removes roll, scale and shift in the image plane', () => {
    const moved = moveRigidly(face, { roll: -0.5, scale: 0.6, dx: -50, dy: 20 });
    const back = applySimilarity(moved, fitSimilarity(moved, face, all, 2), 2);
    for (let i = 0; i < 468; i++) {
      expect(back[i * 3]!).toBeCloseTo(face[i * 3]!, 2);
      expect(back[i * 3 + 1]!).toBeCloseTo(face[i * 3 + 1]!, 2);
    }
  });

  test('the rotation is proper: a mirrored face is not mapped onto the original', () => {
    const mirrored = face.map((v, i) => (i % 3 === 0 ? 512 - v : v));
    const { rotation: r } = fitSimilarity(mirrored, face, all);
    const det =
      r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) - r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) + r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);
    expect(det).toBeCloseTo(1, 9);
  });
});
