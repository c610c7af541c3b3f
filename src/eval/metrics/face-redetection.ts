/**
 * Face re-detection rate: the share of output frames in which the landmark
 * detector found a face again, in [0, 1]. A frame the renderer distorted past
 * recognition counts against it. Null for a recording without frames.
 */
export function faceRedetectionRate(landmarks: readonly (ArrayLike<number> | null)[]): number | null {
  if (landmarks.length === 0) return null;
  return landmarks.filter((p) => p !== null).length / landmarks.length;
}
