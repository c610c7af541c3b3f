/**
 * The left↔right landmark pairing behind mirror test-time augmentation, and
 * the refinement index lists of the attention model, each checked against
 * its source: the canonical face mesh's geometry, and the graph options in
 * the pinned @mediapipe/face_mesh package.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LEFT_EYE_REFINED, LIPS_REFINED, mergeRefinements, RIGHT_EYE_REFINED } from '../../../src/analyse/face-refinement.ts';
import { averageWithMirrored, FACE_MIRROR_PAIRS, flipTensorHorizontally } from '../../../src/analyse/mirror-augmentation.ts';
import { refinementIndexLists } from './mediapipe-graph-options.ts';

const canonical = JSON.parse(readFileSync(new URL('../../../src/rig/canonical-face-mesh.json', import.meta.url), 'utf8')) as { positions: number[] };

describe('mirror pairing', () => {
  test('is, for the 468 mesh points, the canonical vertex nearest each vertex mirrored about x = 0', () => {
    const p = canonical.positions;
    for (let i = 0; i < 468; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < 468; j++) {
        const d = Math.hypot(-p[3 * i]! - p[3 * j]!, p[3 * i + 1]! - p[3 * j + 1]!, p[3 * i + 2]! - p[3 * j + 2]!);
        if (d < bestD) [best, bestD] = [j, d];
      }
      expect(FACE_MIRROR_PAIRS[i], `vertex ${i}`).toBe(best);
      expect(bestD, `vertex ${i} has an exact mirror image`).toBeLessThan(1e-6);
    }
  });

  test('is an involution over all 478 points, with the irises swapped', () => {
    for (let i = 0; i < 478; i++) expect(FACE_MIRROR_PAIRS[FACE_MIRROR_PAIRS[i]!]).toBe(i);
    expect(FACE_MIRROR_PAIRS[468]).toBe(473); // centres
    expect(FACE_MIRROR_PAIRS[33]).toBe(263); // outer eye corners
    expect(FACE_MIRROR_PAIRS[152]).toBe(152); // chin, on the midline
  });

  test('maps the refinement lists onto each other: right eye ↔ left eye point for point, lips onto themselves', () => {
    RIGHT_EYE_REFINED.forEach((m, k) => expect(FACE_MIRROR_PAIRS[m]).toBe(LEFT_EYE_REFINED[k]));
    expect(new Set(LIPS_REFINED.map((m) => FACE_MIRROR_PAIRS[m]))).toEqual(new Set(LIPS_REFINED));
  });

  test('a face and its mirror image average back to the face', () => {
    // Landmarks of a face in a 192-wide input, and what the model would answer on the flipped crop.
    const n = 478;
    const face = Float32Array.from({ length: n * 3 }, (_, i) => 10 + ((i * 37) % 170));
    const mirroredAnswer = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const j = FACE_MIRROR_PAIRS[i]!;
      mirroredAnswer[3 * j] = 192 - face[3 * i]!;
      mirroredAnswer[3 * j + 1] = face[3 * i + 1]!;
      mirroredAnswer[3 * j + 2] = face[3 * i + 2]!;
    }
    const avg = averageWithMirrored(face, mirroredAnswer, n, 192);
    for (let i = 0; i < n * 3; i++) expect(avg[i]).toBeCloseTo(face[i]!, 4);
  });

  test('flipping a tensor twice gives it back; once reverses every row of every plane', () => {
    const t = Float32Array.from({ length: 3 * 4 * 5 }, (_, i) => i);
    const once = flipTensorHorizontally(t, 5);
    expect(Array.from(once.subarray(0, 5))).toEqual([4, 3, 2, 1, 0]);
    expect(Array.from(once.subarray(55, 60))).toEqual([59, 58, 57, 56, 55]);
    expect(flipTensorHorizontally(once, 5)).toEqual(t);
  });
});

describe('attention-model refinement', () => {
  test('index lists are the pinned package graph options (LandmarksRefinementCalculator)', () => {
    const lists = refinementIndexLists();
    expect(lists[0]).toEqual(Array.from({ length: 468 }, (_, i) => i)); // the mesh itself
    expect(lists[1]).toEqual([...LIPS_REFINED]);
    expect(lists[2]).toEqual([...RIGHT_EYE_REFINED]); // the model's "left eye" head: the image's left
    expect(lists[3]).toEqual([...LEFT_EYE_REFINED]);
    expect(lists[4]).toEqual([468, 469, 470, 471, 472]);
    expect(lists[5]).toEqual([473, 474, 475, 476, 477]);
  });

  test('merging keeps the mesh, takes refined lips (x, y) and irises, and gives the irises the mesh lids’ depth', () => {
    const mesh = Float32Array.from({ length: 468 * 3 }, (_, i) => i % 3 === 2 ? 5 : 1);
    const refined = Float32Array.from({ length: 478 * 3 }, () => 2);
    const merged = mergeRefinements(mesh, refined);
    expect(merged).toHaveLength(478 * 3);
    expect(Array.from(merged.subarray(3 * 61, 3 * 61 + 3))).toEqual([2, 2, 5]); // lip corner: refined x, y; mesh z
    expect(Array.from(merged.subarray(3 * 33, 3 * 33 + 3))).toEqual([1, 1, 5]); // eye corner: the mesh's
    expect(Array.from(merged.subarray(3 * 468, 3 * 468 + 3))).toEqual([2, 2, 5]); // iris centre
  });
});
