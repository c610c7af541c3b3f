/**
 * face_landmark_with_attention answers with the 468-point mesh plus separate
 * heads for the lips, each eye region and each iris. MediaPipe's refinement
 * step (LandmarksRefinementCalculator in its face-landmark graph) writes the
 * lip and eye points over the mesh points they stand for and appends the two
 * irises as points 468–477. The index lists below are that graph's options,
 * read out of the pinned @mediapipe/face_mesh package; a unit test re-reads
 * them from the package and compares.
 *
 * Depth: the refinement heads are 2D. Lips and eyes keep the mesh's z; an
 * iris gets the mean z of its eye's lid contour (as MediaPipe does).
 *
 * mergeRefinements takes the lips, the eyelids (without the eye corners)
 * and the irises onto the 468-point mesh model's own answer;
 * face-landmark-runs.ts says why.
 */
import { outputData } from './model-seam.ts';
import type { FACE_LANDMARKS_WITH_ATTENTION } from './model-specs.ts';
import type { TensorMap } from '../runtime/tensor-data.ts';

/** Mesh indices of the 80 lip points, in the order of the `output_lips` head (outer, inner and two intermediate lines; lower then upper). */
export const LIPS_REFINED = [
  61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409,
  78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415,
  76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306, 184, 74, 73, 72, 11, 302, 303, 304, 408,
  62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292, 183, 42, 41, 38, 12, 268, 271, 272, 407,
] as const;

/** Mesh indices of the 71 points around the subject's right eye (lid contour first, corner 33 to corner 133, then halos and brow). */
export const RIGHT_EYE_REFINED = [
  33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173,
  130, 25, 110, 24, 23, 22, 26, 112, 243, 247, 30, 29, 27, 28, 56, 190,
  226, 31, 228, 229, 230, 231, 232, 233, 244, 113, 225, 224, 223, 222, 221, 189,
  35, 124, 46, 53, 52, 65, 143, 111, 117, 118, 119, 120, 121, 128, 245, 156, 70, 63, 105, 66, 107, 55, 193,
] as const;

/** The left eye's 71, point for point the mirror images of RIGHT_EYE_REFINED. */
export const LEFT_EYE_REFINED = [
  263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398,
  359, 255, 339, 254, 253, 252, 256, 341, 463, 467, 260, 259, 257, 258, 286, 414,
  446, 261, 448, 449, 450, 451, 452, 453, 464, 342, 445, 444, 443, 442, 441, 413,
  265, 353, 276, 283, 282, 295, 372, 340, 346, 347, 348, 349, 350, 357, 465, 383, 300, 293, 334, 296, 336, 285, 417,
] as const;

/** The first 16 of each eye list are its lid contour, whose mean depth the iris takes. */
const LID_CONTOUR_LENGTH = 16;
export const RIGHT_IRIS_FIRST = 468;
export const LEFT_IRIS_FIRST = 473;
export const REFINED_LANDMARK_COUNT = 478;

/** All heads of one run → landmarks478x3 in the model's input pixels. */
export function assembleRefinedLandmarks(out: TensorMap, spec: typeof FACE_LANDMARKS_WITH_ATTENTION): Float32Array {
  const points = new Float32Array(REFINED_LANDMARK_COUNT * 3);
  points.set(outputData(out, spec.landmarks).subarray(0, 468 * 3));
  const overwrite = (xy: Float32Array, indices: readonly number[]) => {
    indices.forEach((m, k) => {
      points[3 * m] = xy[2 * k]!;
      points[3 * m + 1] = xy[2 * k + 1]!;
    });
  };
  overwrite(outputData(out, spec.lips), LIPS_REFINED);
  overwrite(outputData(out, spec.rightEye), RIGHT_EYE_REFINED);
  overwrite(outputData(out, spec.leftEye), LEFT_EYE_REFINED);
  const iris = (xy: Float32Array, first: number, eye: readonly number[]) => {
    const z = meanLidDepth(points, eye);
    for (let k = 0; k < 5; k++) {
      points[3 * (first + k)] = xy[2 * k]!;
      points[3 * (first + k) + 1] = xy[2 * k + 1]!;
      points[3 * (first + k) + 2] = z;
    }
  };
  iris(outputData(out, spec.rightIris), RIGHT_IRIS_FIRST, RIGHT_EYE_REFINED);
  iris(outputData(out, spec.leftIris), LEFT_IRIS_FIRST, LEFT_EYE_REFINED);
  return points;
}

function meanLidDepth(points: Float32Array, eye: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < LID_CONTOUR_LENGTH; k++) z += points[3 * eye[k]! + 2]!;
  return z / LID_CONTOUR_LENGTH;
}

/** The lid contour's points between the corners (the first 16 of each eye list, less 33/133 or 263/362). */
export const EYELIDS_REFINED = [...RIGHT_EYE_REFINED, ...LEFT_EYE_REFINED].filter((_, k) => k % 71 < LID_CONTOUR_LENGTH && k % 71 !== 0 && k % 71 !== 8);

/**
 * mesh468x3 (the mesh model) + refined478x3 (assembleRefinedLandmarks, same
 * crop) → landmarks478x3: the mesh with the refined lips' and eyelids' x, y,
 * and the refined irises, whose z is recomputed from the mesh's lids so all
 * depths share one model's scale.
 */
export function mergeRefinements(mesh468x3: Float32Array, refined478x3: Float32Array): Float32Array {
  const points = new Float32Array(REFINED_LANDMARK_COUNT * 3);
  points.set(mesh468x3.subarray(0, 468 * 3));
  for (const i of [...LIPS_REFINED, ...EYELIDS_REFINED]) {
    points[3 * i] = refined478x3[3 * i]!;
    points[3 * i + 1] = refined478x3[3 * i + 1]!;
  }
  points.set(refined478x3.subarray(468 * 3), 468 * 3);
  const rightZ = meanLidDepth(points, RIGHT_EYE_REFINED);
  const leftZ = meanLidDepth(points, LEFT_EYE_REFINED);
  for (let k = 0; k < 5; k++) {
    points[3 * (RIGHT_IRIS_FIRST + k) + 2] = rightZ;
    points[3 * (LEFT_IRIS_FIRST + k) + 2] = leftZ;
  }
  return points;
}
