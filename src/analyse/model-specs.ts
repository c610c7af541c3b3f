/**
 * The models the analyse stage runs, as the manifest describes them (ids,
 * tensor names, input sizes and value ranges). A unit test checks these
 * against models/manifest.json, so a re-conversion that renames a tensor
 * fails there, not as a silent empty result.
 */
import type { InputRange } from './normalise.ts';

export interface ImageModelSpec {
  id: string;
  input: string;
  /** Input tensor [1, 3, height, width], NCHW. */
  width: number;
  height: number;
  range: InputRange;
}

export const FACE_DETECTOR = {
  id: 'face_detection_short_range', input: 'input', width: 128, height: 128, range: [-1, 1],
  regressors: 'regressors', // [1, 896, 16]: box (4) + 6 keypoints × 2
  scores: 'classificators', // [1, 896, 1] logits
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const FACE_LANDMARKS = {
  id: 'face_landmark', input: 'input_1', width: 192, height: 192, range: [0, 1],
  landmarks: 'conv2d_21', // [1, 1404, 1, 1]: 468 × (x, y, z) in input pixels
  presence: 'conv2d_31', // [1, 1, 1, 1] face-presence logit
} as const satisfies ImageModelSpec & Record<string, unknown>;

/**
 * The same mesh plus attention-refined lips, eyes and irises (478 points in
 * all). Refined points are x, y pairs in input pixels; face-refinement.ts
 * places them into the mesh.
 */
export const FACE_LANDMARKS_WITH_ATTENTION = {
  id: 'face_landmark_with_attention', input: 'input_1', width: 192, height: 192, range: [0, 1],
  landmarks: 'output_mesh_identity', // [1, 1404, 1, 1]: 468 × (x, y, z) in input pixels
  lips: 'output_lips', // [1, 160, 1, 1]: 80 × (x, y)
  rightEye: 'output_left_eye', // [1, 142, 1, 1]: 71 × (x, y); the model's "left" is the image's left, the subject's right eye
  leftEye: 'output_right_eye', // [1, 142, 1, 1]: 71 × (x, y)
  rightIris: 'output_left_iris', // [1, 10, 1, 1]: 5 × (x, y), centre first
  leftIris: 'output_right_iris', // [1, 10, 1, 1]: 5 × (x, y), centre first
  presence: 'conv_faceflag', // [1, 1, 1, 1] face-presence logit
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const POSE_DETECTOR = {
  id: 'pose_detection', input: 'input_1', width: 224, height: 224, range: [-1, 1],
  regressors: 'Identity', // [1, 2254, 12]: box (4) + 4 keypoints × 2
  scores: 'Identity_1', // [1, 2254, 1] logits
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const POSE_LANDMARKS = {
  id: 'pose_landmark_full', input: 'input_1', width: 256, height: 256, range: [0, 1],
  landmarks: 'Identity', // [1, 195]: 39 × (x, y, z, visibility logit, presence logit); 33 body + 2 ROI helpers + 4 unused
  presence: 'Identity_1', // [1, 1] pose flag (probability)
  segmentation: 'Identity_2', // [1, 1, 256, 256] person logits over the ROI
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const PALM_DETECTOR = {
  id: 'palm_detection_full', input: 'input_1', width: 192, height: 192, range: [0, 1],
  regressors: 'Identity', // [1, 2016, 18]: box (4) + 7 keypoints × 2
  scores: 'Identity_1', // [1, 2016, 1] logits
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const HAND_LANDMARKS = {
  id: 'hand_landmark_full', input: 'input_1', width: 224, height: 224, range: [0, 1],
  landmarks: 'Identity', // [1, 63]: 21 × (x, y, z) in input pixels
  presence: 'Identity_1', // [1, 1] hand-presence probability
  handedness: 'Identity_2', // [1, 1] probability that it is the person's right hand (unmirrored photo)
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const SELFIE_SEGMENTATION = {
  id: 'selfie_segmentation', input: 'input_1', width: 256, height: 256, range: [0, 1],
  mask: 'activation_10', // [1, 1, 256, 256] person probability
} as const satisfies ImageModelSpec & Record<string, unknown>;

export const ALL_MODEL_SPECS: readonly (ImageModelSpec & Record<string, unknown>)[] = [
  FACE_DETECTOR, FACE_LANDMARKS, FACE_LANDMARKS_WITH_ATTENTION, POSE_DETECTOR, POSE_LANDMARKS, PALM_DETECTOR, HAND_LANDMARKS, SELFIE_SEGMENTATION,
];
