/**
 * Named points of MediaPipe's 468-point canonical face mesh. "Right" and
 * "left" are the subject's own: the right eye is on the image's left in an
 * unmirrored photo.
 */
export const FACE_MESH = {
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeInner: 362,
  leftEyeOuter: 263,
  /** The mesh's most forward nose point in a frontal view (1, often called the tip, sits ~4% of face width lower, over the nostrils). */
  noseTip: 4,
  mouthRight: 61,
  mouthLeft: 291,
  chin: 152,
  foreheadTop: 10,
  /** Face contour at the cheekbones, used for face width. */
  cheekRight: 234,
  cheekLeft: 454,
} as const;

/** Eye contours (upper and lower lid, corner to corner), for the iris estimate. */
export const RIGHT_EYE_CONTOUR = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246] as const;
export const LEFT_EYE_CONTOUR = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466] as const;
