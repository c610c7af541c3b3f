/**
 * The MediaPipe networks Vivify converts: where each comes from, what input it
 * expects and which output holds landmarks in input-image pixels.
 *
 * Input ranges are those MediaPipe's own graphs feed each model (the
 * ImageToTensor calculator's output_tensor_float_range in its .pbtxt).
 */

export type MediapipePackage = 'face_mesh' | 'pose' | 'hands' | 'selfie_segmentation';

export interface LandmarkOutput {
  /** ONNX output name. */
  name: string;
  /** Values per landmark; x and y come first, in pixels of the model input. */
  valuesPerPoint: number;
}

export interface MediapipeModel {
  id: string;
  pkg: MediapipePackage;
  /** Value range of the float input, [1, 3, H, W] NCHW. */
  inputRange: readonly [number, number];
  landmarks?: LandmarkOutput;
  /** Set when the converter cannot yet convert the model, with the reason. */
  unsupported?: string;
}

export const MEDIAPIPE_MODELS: readonly MediapipeModel[] = [
  { id: 'face_detection_short_range', pkg: 'face_mesh', inputRange: [-1, 1] },
  { id: 'face_landmark', pkg: 'face_mesh', inputRange: [0, 1], landmarks: { name: 'conv2d_21', valuesPerPoint: 3 } },
  // Refines lips, eyes and irises with MediaPipe's custom ops, rebuilt in ops-mediapipe-attention.ts.
  { id: 'face_landmark_with_attention', pkg: 'face_mesh', inputRange: [0, 1], landmarks: { name: 'output_mesh_identity', valuesPerPoint: 3 } },
  { id: 'pose_detection', pkg: 'pose', inputRange: [-1, 1] },
  { id: 'pose_landmark_lite', pkg: 'pose', inputRange: [0, 1], landmarks: { name: 'Identity', valuesPerPoint: 5 } },
  { id: 'pose_landmark_full', pkg: 'pose', inputRange: [0, 1], landmarks: { name: 'Identity', valuesPerPoint: 5 } },
  { id: 'pose_landmark_heavy', pkg: 'pose', inputRange: [0, 1], landmarks: { name: 'Identity', valuesPerPoint: 5 } },
  { id: 'palm_detection_lite', pkg: 'hands', inputRange: [0, 1] },
  { id: 'palm_detection_full', pkg: 'hands', inputRange: [0, 1] },
  { id: 'hand_landmark_lite', pkg: 'hands', inputRange: [0, 1], landmarks: { name: 'Identity', valuesPerPoint: 3 } },
  { id: 'hand_landmark_full', pkg: 'hands', inputRange: [0, 1], landmarks: { name: 'Identity', valuesPerPoint: 3 } },
  { id: 'selfie_segmentation', pkg: 'selfie_segmentation', inputRange: [0, 1] },
  { id: 'selfie_segmentation_landscape', pkg: 'selfie_segmentation', inputRange: [0, 1] },
];
