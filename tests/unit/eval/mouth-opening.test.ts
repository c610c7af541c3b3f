import { describe, expect, test } from 'vitest';
import { faceRedetectionRate } from '../../../src/eval/metrics/face-redetection.ts';
import { interOcularDistance, mouthOpening, mouthOpeningTrack } from '../../../src/eval/metrics/mouth-opening.ts';
import { baseFace, moveRigidly, openMouth, PX_PER_CM } from './synthetic-face.ts';

describe('mouth opening', () => {
  const face = baseFace();

  test('inter-ocular distance is the outer-corner span: 8.9 cm on the canonical mesh', () => {
    expect(interOcularDistance(face)).toBeCloseTo(8.906 * PX_PER_CM, 0);
  });

  test('moving the lower lip down by d px raises the opening by d / inter-ocular distance', () => {
    const iod = interOcularDistance(face);
    expect(mouthOpening(openMouth(face, 20)) - mouthOpening(face)).toBeCloseTo(20 / iod, 3);
  });

  test('does not change when the face is scaled, moved or rolled in the image', () => {
    const moved = moveRigidly(face, { scale: 0.5, roll: 0.3, dx: 40, dy: -25 });
    expect(mouthOpening(moved)).toBeCloseTo(mouthOpening(face), 6);
  });

  test('track keeps null where no face was found', () => {
    expect(mouthOpeningTrack([face, null, face])).toEqual([mouthOpening(face), null, mouthOpening(face)]);
  });
});

describe('face re-detection rate', () => {
  test('counts the frames with a face', () => {
    const f = baseFace();
    expect(faceRedetectionRate([f, f, f, f])).toBe(1);
    expect(faceRedetectionRate([f, null, f, null])).toBe(0.5);
    expect(faceRedetectionRate([null])).toBe(0);
    expect(faceRedetectionRate([])).toBeNull();
  });
});
